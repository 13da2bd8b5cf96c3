import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index';
import { KEY, parseSse, post, virtualClock } from './helpers';

describe('the SSE stream', () => {
  it('sends one event per write, event equal to data.type, sequence numbers from 0 without gaps, no [DONE]', async () => {
    const sim = await startSimulator({ pace: false });
    try {
      const chunks = await new Promise<Buffer[]>((resolve, reject) => {
        const received: Buffer[] = [];
        const outgoing = request(`${sim.baseURL}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        });
        outgoing.on('response', (incoming) => {
          expect(incoming.headers['content-type']).toBe('text/event-stream; charset=utf-8');
          expect(incoming.headers['x-request-id']).toMatch(/^req_/);
          incoming.on('data', (chunk: Buffer) => received.push(chunk));
          incoming.on('end', () => resolve(received));
        });
        outgoing.on('error', reject);
        outgoing.end(JSON.stringify({ model: 'gpt-4o', input: 'Tell me about tea', stream: true }));
      });
      const text = Buffer.concat(chunks).toString();
      expect(text).not.toContain('[DONE]');
      const events = parseSse(text);
      for (const chunk of chunks) expect(chunk.toString().endsWith('\n\n')).toBe(true);
      const data = events.map((event) => JSON.parse(event.data));
      events.forEach((event, index) => {
        expect(event.event).toBe(data[index].type);
        expect(data[index].sequence_number).toBe(index);
      });
      expect(data.map((event) => event.type)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        ...data
          .filter((event) => event.type === 'response.output_text.delta')
          .map(() => 'response.output_text.delta'),
        'response.output_text.done',
        'response.content_part.done',
        'response.output_item.done',
        'response.completed',
      ]);
    } finally {
      await sim.close();
    }
  });

  it('paces a stream: the first-token latency once the opening events are out, then one token time per delta', async () => {
    const { clock, waits, elapsed } = virtualClock();
    const sim = await startSimulator({
      clock,
      pace: { tokensPerSecond: 50, firstTokenLatencyMs: 200 },
    });
    try {
      const events = parseSse(
        await (
          await post(sim, { model: 'gpt-4o', input: 'Say "one two three"', stream: true })
        ).text(),
      );
      const deltas = events.filter((event) => event.event === 'response.output_text.delta');
      expect(deltas.map((event) => JSON.parse(event.data).delta)).toEqual([
        'one',
        ' two',
        ' three',
      ]);
      // 200 ms before the message item, then 1000 / 50 = 20 ms per generated token.
      expect(waits).toEqual([200, 20, 20, 20]);
      expect(elapsed()).toBe(260);
      expect(events.at(-1)?.event).toBe('response.completed');
    } finally {
      await sim.close();
    }
  });

  it('paces a JSON answer as long as its stream would take', async () => {
    const { clock, waits } = virtualClock();
    const sim = await startSimulator({
      clock,
      pace: { tokensPerSecond: 50, firstTokenLatencyMs: 200 },
    });
    try {
      const response = await post(sim, { model: 'gpt-4o', input: 'Say "one two three"' });
      expect((await response.json()).output[0].content[0].text).toBe('one two three');
      expect(waits).toEqual([260]);
    } finally {
      await sim.close();
    }
  });
});

describe('capacity and lifecycle', () => {
  it('holds 1,000 concurrent unpaced streams without errors', async () => {
    const sim = await startSimulator({ pace: false });
    const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    try {
      const one = (index: number) =>
        new Promise<string>((resolve, reject) => {
          const outgoing = request(`${sim.baseURL}/responses`, {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          });
          outgoing.on('response', (incoming) => {
            let text = '';
            incoming.setEncoding('utf8');
            incoming.on('data', (chunk: string) => {
              text += chunk;
            });
            incoming.on('end', () => resolve(text));
            incoming.on('error', reject);
          });
          outgoing.on('error', reject);
          outgoing.end(
            JSON.stringify({
              model: 'gpt-4o-mini',
              input: `Question number ${index} about oceans`,
              stream: true,
            }),
          );
        });
      const bodies = await Promise.all(Array.from({ length: 1000 }, (_, index) => one(index)));
      for (const body of bodies) expect(parseSse(body).at(-1)?.event).toBe('response.completed');
    } finally {
      agent.destroy();
      await sim.close();
    }
  }, 120_000);

  it('close() frees the port, even with a stream in flight', async () => {
    const sim = await startSimulator({ pace: { tokensPerSecond: 5, firstTokenLatencyMs: 0 } });
    const inFlight = post(sim, {
      model: 'gpt-4o',
      input: 'Write 200 words about slow things',
      stream: true,
    });
    const response = await inFlight;
    expect(response.status).toBe(200);
    await sim.close();
    await expect(response.text()).rejects.toThrow();
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(sim.port, '127.0.0.1', () => probe.close(() => resolve()));
    });
  });
});
