import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultHeader, type Simulator, startSimulator } from '../src/index';
import { KEY, parseSse, post } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false });
});
afterAll(() => sim.close());

const streamBody = { model: 'gpt-4o', input: 'Describe rivers in 40 words', stream: true };

/** Sends a streaming request over a raw socket; resolves with the writes received and how it ended. */
function rawStream(
  fault: string,
): Promise<{ chunks: Buffer[]; ended: 'end' | 'error' | 'aborted' }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const outgoing = request(`${sim.baseURL}/responses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${KEY}`,
        'x-simulator-fault': fault,
      },
    });
    outgoing.on('response', (incoming) => {
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ chunks, ended: 'end' }));
      incoming.on('aborted', () => resolve({ chunks, ended: 'aborted' }));
      incoming.on('error', () => resolve({ chunks, ended: 'error' }));
    });
    outgoing.on('error', () => resolve({ chunks, ended: 'error' }));
    outgoing.end(JSON.stringify(streamBody));
  });
}

const body = { model: 'gpt-4o', input: 'Hi' };

describe('HTTP faults', () => {
  it('rate_limit: 429 with Retry-After and retry-after-ms', async () => {
    const response = await post(sim, body, {
      'x-simulator-fault': 'rate_limit;retry_after_ms=1500',
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('retry-after-ms')).toBe('1500');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()).error).toMatchObject({
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    });
  });

  const statuses: Array<[string, number, string]> = [
    ['insufficient_quota', 429, 'insufficient_quota'],
    ['server_error', 500, 'server_error'],
    ['bad_gateway', 502, 'bad_gateway'],
    ['unavailable', 503, 'service_unavailable'],
  ];
  for (const [fault, status, code] of statuses) {
    it(`${fault}: ${status} ${code}`, async () => {
      const response = await post(sim, body, { 'x-simulator-fault': fault });
      expect(response.status).toBe(status);
      const error = (await response.json()).error;
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(error.code).toBe(code);
    });
  }

  it('slow_headers: answers normally after the delay', async () => {
    const response = await post(sim, body, { 'x-simulator-fault': 'slow_headers;ms=50' });
    expect(response.status).toBe(200);
  });

  it('rejects an unknown fault name', async () => {
    const response = await post(sim, body, { 'x-simulator-fault': 'gremlins' });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_fault');
  });
});

describe('stream faults', () => {
  it('drop: the connection closes mid-stream without a terminal event', async () => {
    const { chunks, ended } = await rawStream('drop;after=4');
    expect(ended).not.toBe('end');
    const text = Buffer.concat(chunks).toString();
    expect(text).toContain('response.created');
    expect(text).not.toContain('response.completed');
  });

  it('truncate: a clean EOF before the terminal event', async () => {
    const { chunks, ended } = await rawStream('truncate;after=5');
    expect(ended).toBe('end');
    const events = parseSse(Buffer.concat(chunks).toString());
    expect(events).toHaveLength(5);
    expect(events.map((event) => event.event)).not.toContain('response.completed');
  });

  it('malformed: one data line that is not JSON, then the rest of the stream', async () => {
    const { chunks } = await rawStream('malformed;after=3');
    const events = parseSse(Buffer.concat(chunks).toString());
    const broken = events.filter((event) => {
      try {
        JSON.parse(event.data);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(events.at(-1)?.event).toBe('response.completed');
  });

  it('error_event: an error event then response.failed, numbered without gaps', async () => {
    const { chunks } = await rawStream('error_event;after=2;code=insufficient_quota');
    const events = parseSse(Buffer.concat(chunks).toString()).map((event) =>
      JSON.parse(event.data),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'error',
      'response.failed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual([0, 1, 2, 3]);
    expect(events[2].error).toMatchObject({ code: 'insufficient_quota', param: null });
    expect(events[3].response).toMatchObject({
      status: 'failed',
      error: { code: 'insufficient_quota' },
    });
  });

  it('error_event: response.failed carries the output streamed so far', async () => {
    const { chunks } = await rawStream('error_event;after=6');
    const events = parseSse(Buffer.concat(chunks).toString()).map((event) =>
      JSON.parse(event.data),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'error',
      'response.failed',
    ]);
    const streamed = `${events[4].delta}${events[5].delta}`;
    expect(events[7].response.output).toEqual([
      {
        id: events[2].item.id,
        type: 'message',
        status: 'incomplete',
        role: 'assistant',
        content: [{ type: 'output_text', annotations: [], logprobs: [], text: streamed }],
      },
    ]);
  });

  it('stall: pauses mid-stream, then finishes', async () => {
    const { chunks } = await rawStream('stall;after=3;ms=100');
    expect(parseSse(Buffer.concat(chunks).toString()).at(-1)?.event).toBe('response.completed');
  });

  it('fragment: every event arrives over many small writes, bytes unchanged', async () => {
    const { chunks } = await rawStream('fragment;size=3');
    expect(chunks.length).toBeGreaterThan(200);
    const events = parseSse(Buffer.concat(chunks).toString());
    expect(events.at(-1)?.event).toBe('response.completed');
    for (const event of events) expect(event.event).toBe(JSON.parse(event.data).type);
  });
});

describe('choosing faults', () => {
  it('failNext fails exactly the next N requests', async () => {
    sim.failNext('server_error', 2);
    expect((await post(sim, body)).status).toBe(500);
    expect((await post(sim, body)).status).toBe(500);
    expect((await post(sim, body)).status).toBe(200);
  });

  it('a header with times and key fails only the first N requests carrying it', async () => {
    const header = { 'x-simulator-fault': 'rate_limit;times=1;key=retry-test' };
    expect((await post(sim, body, header)).status).toBe(429);
    expect((await post(sim, body, header)).status).toBe(200);
  });

  it('a seeded mix gives the same sequence of faults every run', async () => {
    const statuses = async () => {
      const mixed = await startSimulator({
        pace: false,
        faults: { mix: { rate_limit: 0.3, server_error: 0.2 }, seed: 7 },
      });
      try {
        const seen: number[] = [];
        for (let index = 0; index < 20; index++) seen.push((await post(mixed, body)).status);
        return seen;
      } finally {
        await mixed.close();
      }
    };
    const first = await statuses();
    expect(first).toEqual(await statuses());
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });

  it('parses header parameters', () => {
    expect(parseFaultHeader('stall;after=2;ms=10')).toEqual({
      ok: true,
      fault: { name: 'stall', after: 2, ms: 10 },
    });
    expect(parseFaultHeader('drop;after=x').ok).toBe(false);
  });
});
