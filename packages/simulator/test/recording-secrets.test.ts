import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedactor, type Simulator, startSimulator } from '../src/index';
import { post } from './helpers';

const KEY = 'sk-live-7Hq2ZpX9vLm4Tn8RwB3c';
const COOKIE = 'sess-Y6uK1pQ0aZ7rT5eW';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const percent = (text: string) =>
  [...text].map((character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`).join('');
const unicode = (text: string) =>
  [...text]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');

/** Every form of `secret` this test plants, searched for independently of the redactor. */
function traces(text: string, secret: string): string[] {
  const found: string[] = [];
  if (text.includes(secret)) found.push('plain');
  if (text.toLowerCase().includes(percent(secret).toLowerCase())) found.push('percent');
  if (text.includes(unicode(secret))) found.push('unicode');
  if (text.toLowerCase().includes(Buffer.from(secret).toString('hex'))) found.push('hex');
  // The characters base64 spends on the secret alone, at each of its three alignments.
  for (const prefix of ['', 'x', 'xy']) {
    const encoded = base64(`${prefix}${secret}`);
    const inner = encoded.slice(4, -4);
    if (text.includes(inner) || text.includes(inner.replace(/\+/g, '-').replace(/\//g, '_')))
      found.push(`base64+${prefix.length}`);
  }
  return found;
}

// A server that echoes the caller's credentials back in every way it can.
function hostileUpstream(): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const cookie = (request.headers.cookie ?? '').split('=')[1] ?? '';
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { stream?: boolean };
      const headers = {
        'x-request-id': 'req_hostile',
        'x-echo-key': key,
        'x-echo-basic': `Basic ${base64(`user:${key}`)}`,
        'set-cookie': `session=${cookie}`,
      };
      if (body.stream !== true) {
        response.writeHead(401, { ...headers, 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            {
              error: {
                message: `Incorrect API key provided: ${key}`,
                type: 'invalid_request_error',
                param: null,
                code: 'invalid_api_key',
              },
            },
            null,
            2,
          ),
        );
        return;
      }
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8' });
      const events = [
        `event: response.created\ndata: {"type":"response.created","response":{"id":"resp_h","metadata":{"echo":"${key}"}}}\n\n`,
        `event: response.in_progress\ndata: {"type":"response.in_progress","echo":"${unicode(key)}"}\n\n`,
        `data: {"type":"link","url":"https://example.com/?k=${percent(key)}&c=${encodeURIComponent(cookie)}"}\n\n`,
        `data: {"type":"blob","encrypted_content":"${base64(`x${key}y`)}","hex":"${Buffer.from(key).toString('hex')}"}\n\n`,
        `data: {"type":"response.output_text.delta","delta":"Your key: ${key.slice(0, 6)}"}\n\n`,
        `data: {"type":"response.output_text.delta","delta":"${key.slice(6, 15)}"}\n\n`,
        `data: {"type":"response.output_text.delta","delta":"${key.slice(15)} (remember it)"}\n\n`,
        `event: response.completed\ndata: {"type":"response.completed","response":{"id":"resp_h","echo":"${base64(`Bearer ${key}`)}"}}\n\n`,
      ];
      for (const event of events) response.write(event);
      response.end();
    });
  });
}

let dir: string;
let hostile: Server;
let upstreamURL: string;
const started: Simulator[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'apifree-secrets-'));
  hostile = hostileUpstream();
  hostile.listen(0, '127.0.0.1');
  await once(hostile, 'listening');
  upstreamURL = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/v1`;
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((sim) => sim.close()));
  hostile.closeAllConnections();
  hostile.close();
  rmSync(dir, { recursive: true, force: true });
});

async function simulator(options: Parameters<typeof startSimulator>[0]): Promise<Simulator> {
  const sim = await startSimulator({ pace: false, ...options });
  started.push(sim);
  return sim;
}

const credentials = { authorization: `Bearer ${KEY}`, cookie: `sid=${COOKIE}` };
const streamed = { model: 'gpt-4o', input: `Remember my key ${KEY}`, stream: true };

describe('recordings never hold a secret', () => {
  it('removes the key and cookies a hostile upstream echoes, in every encoding', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstreamURL } });
    const live = await (await post(recorder, streamed, credentials)).text();
    // The caller gets the upstream's answer as it was: it is the caller's own key.
    expect(traces(live, KEY)).toEqual(['plain', 'percent', 'unicode', 'hex', 'base64+1']);
    const json = await post(recorder, { ...streamed, stream: false }, credentials);
    expect(json.status).toBe(401);

    const names = readdirSync(dir);
    expect(names).toHaveLength(2);
    for (const name of names) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(traces(text, KEY)).toEqual([]);
      expect(traces(text, COOKIE)).toEqual([]);
      expect(text).not.toMatch(/authorization|set-cookie|Bearer|sid=/i);
      // What the upstream said around the secrets is kept.
      expect(text).toContain('[redacted]');
    }
  });

  it('replays the redacted exchange to the same request, with the key removed from it too', async () => {
    const recorder = await simulator({ record: { dir, upstream: upstreamURL } });
    await (await post(recorder, streamed, credentials)).text();
    const replayer = await simulator({ replay: { dir } });
    const replayed = await post(replayer, streamed, credentials);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('x-echo-key')).toBe('[redacted]');
    expect(replayed.headers.get('set-cookie')).toBe(null);
    const text = await replayed.text();
    expect(traces(text, KEY)).toEqual([]);
    const deltas = text
      .split('\n\n')
      .filter((block) => block.includes('output_text.delta'))
      .map((block) => JSON.parse(block.slice(block.indexOf('{'))).delta)
      .join('');
    expect(deltas).toBe('Your key: [redacted] (remember it)');
  });

  it('removes values named in record.redact too', async () => {
    const organisation = 'org-Secret1234567';
    const recorder = await simulator({
      record: { dir, upstream: upstreamURL, redact: [organisation] },
    });
    await (
      await post(recorder, { ...streamed, input: `Bill ${organisation}` }, credentials)
    ).text();
    const text = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8');
    expect(traces(text, organisation)).toEqual([]);
    expect(text).toContain('Bill [redacted]');
  });
});

describe('the redactor', () => {
  it('finds a secret plain, escaped (mixed too), percent-encoded, as HTML references, base64 at any alignment and hex', () => {
    const redactor = createRedactor([KEY]);
    const forms = [
      KEY,
      KEY.toUpperCase(),
      KEY.toLowerCase(),
      unicode(KEY),
      `sk%2Dlive\\u002d${KEY.slice(8)}`,
      percent(KEY),
      [...KEY].map((character) => `&#${character.charCodeAt(0)};`).join(''),
      base64(KEY),
      base64(`:${KEY}`),
      base64(`ab${KEY}cd`),
      Buffer.from(`Bearer ${KEY}`).toString('base64url'),
      Buffer.from(KEY).toString('hex').toUpperCase(),
    ];
    for (const form of forms) expect(redactor.text(`<${form}>`)).toBe('<[redacted]>');
  });

  it('ignores values too short to be keys', () => {
    expect(createRedactor(['short']).text('a short text')).toBe('a short text');
  });
});
