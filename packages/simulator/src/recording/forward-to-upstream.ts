import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { request as requestTls } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { SimulatorClock } from '../clock';
import { SseFrameSplitter } from './sse-frame-splitter';

/** What the upstream answered, as received (before secrets are removed). */
export interface UpstreamAnswer {
  status: number;
  /** Headers worth recording: no cookies, credentials or hop-by-hop headers. */
  headers: Record<string, string>;
  /** Milliseconds from sending the request to the response headers. */
  headersMs: number;
  /** True for an SSE stream: `chunks` are its events; otherwise one chunk, the body. */
  sse: boolean;
  /** The body in events (SSE) or whole, each with when it arrived after the headers. */
  chunks: Array<{ bytes: Buffer; ms: number }>;
}

/** The largest answer the simulator records; a larger one is cut off with an error. */
export const MAX_RECORDED_BYTES = 64 * 1024 * 1024;

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);
const NEVER_RECORDED = new Set([
  'set-cookie',
  'cookie',
  'authorization',
  'x-api-key',
  'api-key',
  'date',
  'content-encoding',
]);
const TERMINAL =
  /^event:[ \t]*response\.(?:completed|incomplete|failed)[ \t]*$|"type"\s*:\s*"response\.(?:completed|incomplete|failed)"|^data:[ \t]*\[DONE\]/m;

function upstreamTarget(upstream: string, path: string): URL {
  const target = new URL(upstream);
  const [pathname = '', query] = path.split('?', 2);
  target.pathname = `${target.pathname.replace(/\/+$/, '')}${pathname.replace(/^\/v1(?=\/|$)/, '')}`;
  target.search = query === undefined ? '' : `?${query}`;
  return target;
}

function requestHeaders(incoming: IncomingHttpHeaders, length: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith('x-simulator-')) continue;
    if (name === 'accept-encoding') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  // Plain bytes, so the recording holds the events themselves.
  headers['accept-encoding'] = 'identity';
  headers['content-length'] = String(length);
  return headers;
}

function decoded(incoming: IncomingMessage): { body: Readable; decodedFrom: string | undefined } {
  const encoding = String(incoming.headers['content-encoding'] ?? 'identity').toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return { body: incoming, decodedFrom: undefined };
  incoming.on('error', (error) => decoder.destroy(error));
  return { body: incoming.pipe(decoder), decodedFrom: encoding };
}

function passedHeaders(
  incoming: IncomingHttpHeaders,
  decodedFrom: string | undefined,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (name === 'content-encoding' && decodedFrom !== undefined) continue;
    headers[name] = value;
  }
  return headers;
}

function recordedHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value !== 'string' || HOP_BY_HOP.has(name) || NEVER_RECORDED.has(name)) continue;
    headers[name] = value;
  }
  return headers;
}

function unreachable(response: ServerResponse, target: URL, error: Error): void {
  const code = (error as { code?: unknown }).code;
  const text = JSON.stringify({
    error: {
      message: `Could not reach the upstream server ${target.origin}${target.pathname} (${typeof code === 'string' ? code : error.message}). Check the upstream URL and the network.`,
      type: 'upstream_error',
      param: null,
      code: 'upstream_unreachable',
    },
  });
  response.writeHead(502, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** What {@link forwardToUpstream} needs. */
export interface ForwardInput {
  request: IncomingMessage;
  rawBody: Buffer;
  response: ServerResponse;
  /** The upstream base URL, e.g. `https://api.apifree.ai/v1`: `/v1/responses` goes to `<upstream>/responses`. */
  upstream: string;
  clock: SimulatorClock;
  /** Called once the upstream finished, before the client gets the end of the answer. */
  save(answer: UpstreamAnswer): Promise<void>;
}

/**
 * Sends the request to the upstream server and the answer back to the client as it
 * arrives, SSE event by event, then hands the whole exchange to `save`. The terminal
 * event is held until the recording is saved, so a client that stops reading there
 * never sees its answer before the recording exists. Nothing is saved when the client
 * or the upstream cut the exchange short.
 */
export function forwardToUpstream(input: ForwardInput): Promise<void> {
  const { response, clock } = input;
  const target = upstreamTarget(input.upstream, input.request.url ?? '/');
  const send = target.protocol === 'https:' ? requestTls : request;
  const started = clock.now();
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      done = true;
      resolve();
    };
    const outgoing = send(target, {
      method: input.request.method ?? 'POST',
      headers: requestHeaders(input.request.headers, input.rawBody.length),
    });
    response.once('close', () => {
      if (!done) {
        outgoing.destroy();
        finish();
      }
    });
    outgoing.on('error', (error) => {
      if (done) return;
      if (!response.headersSent) unreachable(response, target, error);
      else response.destroy();
      finish();
    });
    outgoing.on('response', (incoming) => {
      const headersMs = Math.round(clock.now() - started);
      const headersAt = clock.now();
      const { body, decodedFrom } = decoded(incoming);
      const sse = /text\/event-stream/i.test(String(incoming.headers['content-type'] ?? ''));
      const status = incoming.statusCode ?? 502;
      const chunks: UpstreamAnswer['chunks'] = [];
      const held: Buffer[] = [];
      const splitter = new SseFrameSplitter();
      let holding = false;
      let size = 0;
      const cutShort = () => {
        outgoing.destroy();
        response.destroy();
        finish();
      };
      if (sse) response.writeHead(status, passedHeaders(incoming.headers, decodedFrom));
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RECORDED_BYTES) return cutShort();
        const at = Math.round(clock.now() - headersAt);
        if (!sse) {
          chunks.push({ bytes: chunk, ms: at });
          return;
        }
        for (const frame of splitter.push(chunk)) {
          chunks.push({ bytes: frame, ms: at });
          holding ||= TERMINAL.test(frame.toString('utf8'));
          if (holding) held.push(frame);
          else response.write(frame);
        }
      });
      let complete = false;
      incoming.once('end', () => {
        complete = true;
      });
      // A connection that closes before the body ended is an answer cut short.
      incoming.once('close', () => {
        if (!complete && !done) cutShort();
      });
      body.on('error', () => {
        if (!done) cutShort();
      });
      body.on('end', () => {
        if (done) return;
        for (const frame of splitter.end()) {
          chunks.push({ bytes: frame, ms: Math.round(clock.now() - headersAt) });
          held.push(frame);
        }
        const whole = sse
          ? chunks
          : [
              {
                bytes: Buffer.concat(chunks.map((chunk) => chunk.bytes)),
                ms: chunks.at(-1)?.ms ?? 0,
              },
            ];
        const answer = {
          status,
          headers: recordedHeaders(incoming.headers),
          headersMs,
          sse,
          chunks: whole,
        };
        input.save(answer).then(
          () => {
            if (done) return;
            if (sse) {
              for (const frame of held) response.write(frame);
              response.end();
            } else {
              const bytes = whole[0]!.bytes;
              response.writeHead(status, {
                ...passedHeaders(incoming.headers, decodedFrom),
                'content-length': bytes.length,
              });
              response.end(bytes);
            }
            finish();
          },
          // A recording that cannot be written fails the exchange loudly rather than silently.
          () => cutShort(),
        );
      });
    });
    outgoing.end(input.rawBody);
  });
}
