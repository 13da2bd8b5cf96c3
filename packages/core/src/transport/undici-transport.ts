import type { Readable } from 'node:stream';
import type { Agent } from 'undici';
import { drain } from './drain-body';
import type { Transport } from './transport';

type Undici = typeof import('undici');

let loaded: Promise<{ undici: Undici; agent: Agent }> | undefined;

// undici is loaded on the first request, not at import: it takes longer to load than the
// rest of the package, and a cold start (a serverless function, a CLI) may never need it.
// One keep-alive pool serves every client in the process, as Node's global dispatcher does.
function load(): Promise<{ undici: Undici; agent: Agent }> {
  loaded ??= import('undici').then((undici) => ({
    undici,
    agent: new undici.Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 }),
  }));
  return loaded;
}

/**
 * The Node transport: `undici.request` over a keep-alive pool. Header and body timeouts
 * follow the client's timeout, so a long reasoning request is not cut at Node fetch's
 * fixed 300 s.
 */
export function createUndiciTransport(): Transport {
  return async (request) => {
    const { undici, agent } = await load();
    const response = await undici.request(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      dispatcher: agent,
      headersTimeout: request.timeout,
      // The client's own stream watchdog and request timer bound the body.
      bodyTimeout: 0,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const body = response.body;
    return {
      status: response.statusCode,
      headers,
      body: {
        [Symbol.asyncIterator]: () => readBuffered(body),
        text: () => body.text(),
        cancel: () => {
          if (!body.destroyed) body.destroy();
        },
        finish: () => drain(body),
      },
    };
  };
}

/**
 * Reads a body as an async iterator that hands over everything buffered so far in one
 * chunk. Servers write one SSE event per write; reading them one by one costs a promise
 * and a decode per event, reading what has arrived costs one per network read.
 */
function readBuffered(body: Readable): AsyncIterator<Uint8Array> {
  let failure: Error | undefined;
  let ended = false;
  let waiters: Array<() => void> = [];
  const notify = () => {
    const waiting = waiters;
    waiters = [];
    for (const wake of waiting) wake();
  };
  body.on('readable', notify);
  body.once('end', () => {
    ended = true;
    notify();
  });
  body.once('error', (error) => {
    failure = error;
    notify();
  });
  body.once('close', notify);
  return {
    async next() {
      for (;;) {
        if (failure) throw failure;
        const chunk: Buffer | null = body.read();
        if (chunk !== null) return { done: false, value: chunk };
        if (ended) return { done: true, value: undefined };
        if (body.destroyed)
          throw body.errored ?? new Error('The response body closed before it ended.');
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
