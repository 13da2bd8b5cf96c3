import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatExchange, requestKey, type Simulator, startSimulator } from '../src/index';
import { KEY, post, virtualClock, weatherTool } from './helpers';

let dir: string;
let upstream: Simulator;
const started: Simulator[] = [];

async function simulator(options: Parameters<typeof startSimulator>[0]): Promise<Simulator> {
  const sim = await startSimulator({ pace: false, ...options });
  started.push(sim);
  return sim;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'apifree-recordings-'));
  upstream = await simulator({ apiKeys: [KEY] });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
  rmSync(dir, { recursive: true, force: true });
});

const streamed = { model: 'gpt-4o', input: 'Tell me about tea', stream: true };
const json = { model: 'gpt-4o', input: 'What is the weather in Paris?', tools: [weatherTool] };

async function bytes(response: globalThis.Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function files(): string[] {
  return readdirSync(dir).sort();
}

describe('recording', () => {
  it('passes the answer through and saves each exchange as a readable file', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const live = await post(recorder, streamed);
    expect(live.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const liveBytes = await bytes(live);
    const liveJson = await (await post(recorder, json)).json();
    expect(upstream.requests.map((request) => request.body)).toEqual([streamed, json]);
    // The caller's key reached the upstream (it accepts KEY only).
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer sk-t****************cdef');

    const key = requestKey({ method: 'POST', path: '/v1/responses', body: streamed }, []);
    expect(files()).toEqual([
      `gpt-4o-tell-me-about-tea-${key}.ndjson`,
      `gpt-4o-what-is-the-weather-in-paris-${requestKey({ method: 'POST', path: '/v1/responses', body: json }, [])}.ndjson`,
    ]);
    const lines = readFileSync(join(dir, files()[0]!), 'utf8').trimEnd().split('\n');
    const head = JSON.parse(lines[0]!);
    expect(head).toMatchObject({
      apifreeRecording: 1,
      key,
      sequence: 1,
      request: { method: 'POST', path: '/v1/responses', body: streamed },
      response: { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
    });
    expect(head.response.headers['x-request-id']).toMatch(/^req_/);
    const events = lines.slice(1).map((line) => JSON.parse(line));
    expect(events.map((event) => event.event)).toEqual(
      liveBytes
        .toString()
        .split('\n\n')
        .filter(Boolean)
        .map((block) => block.split('\n')[0]!.slice('event: '.length)),
    );
    for (const event of events) {
      expect(event.data.type).toBe(event.event);
      expect(typeof event.ms).toBe('number');
    }
    expect(liveJson.output[0].name).toBe('get_weather');
  });

  it('replays byte for byte once the upstream is gone, with the recorded headers', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const liveStream = await post(recorder, streamed);
    const liveRequestId = liveStream.headers.get('x-request-id');
    const liveBytes = await bytes(liveStream);
    const liveJson = await bytes(await post(recorder, json));
    await upstream.close();

    const replayer = await simulator({ replay: { dir } });
    const replayed = await post(replayer, streamed, {
      authorization: 'Bearer sk-any-ci-key-00000000',
    });
    expect(replayed.headers.get('x-request-id')).toBe(liveRequestId);
    expect((await bytes(replayed)).equals(liveBytes)).toBe(true);
    // Key order does not matter: the request is matched by its normalised form.
    const reordered = { tools: json.tools, input: json.input, model: json.model };
    expect((await bytes(await post(replayer, reordered))).equals(liveJson)).toBe(true);
  });

  it('sends one event per write on replay', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const liveBytes = await bytes(await post(recorder, streamed));
    const replayer = await simulator({ replay: { dir } });
    const chunks = await new Promise<Buffer[]>((resolve, reject) => {
      const received: Buffer[] = [];
      const outgoing = request(`${replayer.baseURL}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      });
      outgoing.on('response', (incoming) => {
        incoming.on('data', (chunk: Buffer) => received.push(chunk));
        incoming.on('end', () => resolve(received));
      });
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify(streamed));
    });
    expect(chunks.map(String)).toEqual(
      liveBytes
        .toString()
        .split(/(?<=\n\n)/)
        .filter(Boolean),
    );
  });

  it('answers an unmatched request with a 404 naming its key and the folder', async () => {
    const replayer = await simulator({ replay: { dir } });
    const body = { model: 'gpt-4.1-mini', input: 'Never recorded' };
    const response = await post(replayer, body);
    expect(response.status).toBe(404);
    const key = requestKey({ method: 'POST', path: '/v1/responses', body }, []);
    expect(await response.json()).toEqual({
      error: {
        message: `No recording for this request (key ${key}: POST /v1/responses, model "gpt-4.1-mini", input "Never recorded") in ${dir}. Record it with a real key: startSimulator({ record: { dir, mode: 'missing' } }) or apifree-simulator --record <dir> --record-missing.`,
        type: 'invalid_request_error',
        param: null,
        code: 'recording_not_found',
      },
    });
  });

  it('records only what is missing with mode missing', async () => {
    const first = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const recorded = await bytes(await post(first, streamed));
    await first.close();
    upstream.requests.length = 0;

    const topUp = await simulator({ record: { dir, upstream: upstream.baseURL, mode: 'missing' } });
    expect((await bytes(await post(topUp, streamed))).equals(recorded)).toBe(true);
    await post(topUp, json);
    expect(upstream.requests.map((request) => request.body)).toEqual([json]);
    expect(files()).toHaveLength(2);
  });

  it('keeps a retry: the same request answered 429 then 200 replays in that order', async () => {
    upstream.failNext('rate_limit');
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    expect((await post(recorder, json)).status).toBe(429);
    expect((await post(recorder, json)).status).toBe(200);
    const key = requestKey({ method: 'POST', path: '/v1/responses', body: json }, []);
    expect(files()).toEqual([
      `gpt-4o-what-is-the-weather-in-paris-${key}-2.ndjson`,
      `gpt-4o-what-is-the-weather-in-paris-${key}.ndjson`,
    ]);
    await upstream.close();
    const replayer = await simulator({ replay: { dir } });
    const first = await post(replayer, json);
    expect(first.status).toBe(429);
    // Recorded as 1000 ms; an unpaced replay asks for no wait.
    expect(readFileSync(join(dir, files()[1]!), 'utf8')).toContain('"retry-after-ms":"1000"');
    expect(first.headers.get('retry-after-ms')).toBe('0');
    expect(first.headers.get('retry-after')).toBe('0');
    expect((await post(replayer, json)).status).toBe(200);
    // Past the last recording, the last one answers again.
    expect((await post(replayer, json)).status).toBe(200);
  });

  it('matches with volatile fields left out of the key', async () => {
    const recorder = await simulator({
      record: { dir, upstream: upstream.baseURL },
      match: { ignore: ['metadata.trace_id'] },
    });
    await post(recorder, { ...json, metadata: { trace_id: 'run-1', app: 'demo' } });
    const strict = await simulator({ replay: { dir } });
    expect(
      (await post(strict, { ...json, metadata: { trace_id: 'run-2', app: 'demo' } })).status,
    ).toBe(404);
    const lenient = await simulator({ replay: { dir }, match: { ignore: ['metadata.trace_id'] } });
    expect(
      (await post(lenient, { ...json, metadata: { trace_id: 'run-2', app: 'demo' } })).status,
    ).toBe(200);
    expect(
      (await post(lenient, { ...json, metadata: { trace_id: 'run-2', app: 'other' } })).status,
    ).toBe(404);
  });

  it('answers 502 when the upstream cannot be reached, and records nothing', async () => {
    const port = upstream.port;
    await upstream.close();
    const recorder = await simulator({ record: { dir, upstream: `http://127.0.0.1:${port}/v1` } });
    const response = await post(recorder, json);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        message: `Could not reach the upstream server http://127.0.0.1:${port}/v1/responses (ECONNREFUSED). Check the upstream URL and the network.`,
        type: 'upstream_error',
        param: null,
        code: 'upstream_unreachable',
      },
    });
    expect(files()).toEqual([]);
  });

  it('records nothing when the client goes away mid-stream', async () => {
    await upstream.close();
    // An upstream whose stream stops after its opening events until the client goes away.
    upstream = await simulator({
      pace: { tokensPerSecond: 20, firstTokenLatencyMs: 100 },
      clock: {
        now: () => 0,
        sleep: (_ms, signal) =>
          new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
      },
    });
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const controller = new AbortController();
    const response = await post(
      recorder,
      { ...streamed, input: 'Write 200 words about rivers' },
      {},
      controller.signal,
    );
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    await recorder.close();
    expect(files()).toEqual([]);
  });
});

describe('recording what the upstream sends', () => {
  it('records nothing when the upstream drops the connection mid-stream', async () => {
    upstream.failNext({ name: 'drop', after: 3 });
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    await expect((await post(recorder, streamed)).text()).rejects.toThrow();
    expect(files()).toEqual([]);
  });

  it('decompresses a gzip answer, passes it on plain and records it plain', async () => {
    const body = JSON.stringify({ id: 'resp_gzip', object: 'response', output: [] });
    const gzipped = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(body));
      });
    });
    gzipped.listen(0, '127.0.0.1');
    await once(gzipped, 'listening');
    try {
      const address = gzipped.address() as AddressInfo;
      const recorder = await simulator({
        record: { dir, upstream: `http://127.0.0.1:${address.port}/v1` },
      });
      const live = await post(recorder, json);
      expect(live.headers.get('content-encoding')).toBe(null);
      expect(await live.text()).toBe(body);
      const lines = readFileSync(join(dir, files()[0]!), 'utf8').trimEnd().split('\n');
      expect(JSON.parse(lines[1]!)).toEqual({ ms: expect.any(Number), json: JSON.parse(body) });
    } finally {
      gzipped.close();
    }
  });
});

describe('replay pace', () => {
  it('follows the recorded moments when asked to, observed on a virtual clock', async () => {
    const exchange = {
      key: '',
      sequence: 1,
      request: { method: 'POST', path: '/v1/responses', body: streamed },
      response: {
        status: 200,
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
        ms: 120,
      },
      body: [
        { ms: 0, data: { type: 'response.created' } },
        { ms: 35, data: { type: 'response.output_text.delta', delta: 'Hi' } },
        { ms: 80, data: { type: 'response.completed' } },
      ],
    };
    writeFileSync(join(dir, 'hand-written.ndjson'), formatExchange(exchange));
    const { clock, waits } = virtualClock();
    const paced = await simulator({ replay: { dir, pace: true }, clock });
    const text = await (await post(paced, streamed)).text();
    expect(text).toBe(
      'data: {"type":"response.created"}\n\ndata: {"type":"response.output_text.delta","delta":"Hi"}\n\ndata: {"type":"response.completed"}\n\n',
    );
    expect(waits).toEqual([120, 35, 45]);

    const unpaced = virtualClock();
    const fast = await simulator({ replay: { dir }, clock: unpaced.clock });
    expect(await (await post(fast, streamed)).text()).toBe(text);
    expect(unpaced.waits).toEqual([]);
  });
});

describe('named recordings stay as they were', () => {
  it('a folder of named recordings only leaves unmatched requests to the model', async () => {
    writeFileSync(join(dir, 'hello.json'), '{"id":"resp_named","object":"response","output":[]}');
    const sim = await simulator({ replay: { dir } });
    const named = await post(sim, {}, { 'x-simulator-replay': 'hello' });
    expect(await named.json()).toEqual({ id: 'resp_named', object: 'response', output: [] });
    const model = await post(sim, { model: 'gpt-4o', input: 'Say "model"' });
    expect((await model.json()).output[0].content[0].text).toBe('model');
  });

  it('a recorded exchange can be served by name too', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstream.baseURL } });
    const liveBytes = await bytes(await post(recorder, streamed));
    // An empty folder of its own: the recording is served by path, not matched.
    const empty = mkdtempSync(join(tmpdir(), 'apifree-empty-'));
    try {
      const sim = await simulator({ replay: { dir: empty, unmatched: 'model' } });
      sim.replayNext(join(dir, files()[0]!));
      expect(
        (await bytes(await post(sim, { model: 'gpt-4o', input: 'anything' }))).equals(liveBytes),
      ).toBe(true);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('a malformed recording stops the start with the file and line', async () => {
    writeFileSync(join(dir, 'broken.ndjson'), '{"apifreeRecording":1}\n');
    await expect(startSimulator({ replay: { dir } })).rejects.toThrow(
      `${join(dir, 'broken.ndjson')}:1: "request" needs "method", "path" and "body".`,
    );
  });
});
