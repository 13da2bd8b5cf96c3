import { APIFreeConfigurationError } from '../errors';
import type { Transport, TransportBody } from './transport';

/** A `fetch`-compatible function (the global one, or one a caller provides). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<globalThis.Response>;

/**
 * The transport for edge runtimes, browsers, Bun and Deno: the global `fetch`, or the
 * `fetch` a caller passes in.
 */
export function createFetchTransport(fetchFunction?: FetchFunction): Transport {
  return async (request) => {
    const send = fetchFunction ?? (globalThis.fetch as FetchFunction);
    const response: unknown = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    checkAnswer(response, fetchFunction !== undefined);
    return { status: response.status, headers: response.headers, body: fetchBody(response) };
  };
}

/**
 * A `fetch` must answer with a `Response` (or something shaped like one); a custom one
 * that does not fails here, typed and naming what is missing, not deeper as a `TypeError`.
 */
function checkAnswer(answer: unknown, custom: boolean): asserts answer is globalThis.Response {
  const candidate = answer as Partial<globalThis.Response> | null | undefined;
  const problem =
    typeof candidate !== 'object' || candidate === null
      ? `it resolved to ${candidate === null ? 'null' : typeof candidate}`
      : typeof candidate.status !== 'number'
        ? 'its status is not a number'
        : typeof candidate.headers?.get !== 'function' ||
            typeof (candidate.headers as Partial<Headers>)[Symbol.iterator] !== 'function'
          ? 'it has no Headers'
          : candidate.body !== null &&
              candidate.body !== undefined &&
              typeof candidate.body.getReader !== 'function'
            ? 'its body is not a ReadableStream'
            : undefined;
  if (problem === undefined) return;
  throw new APIFreeConfigurationError(
    'fetch',
    `The ${custom ? 'fetch option' : 'global fetch'} did not answer with a Response: ${problem}. A custom fetch must resolve to a Response (status, headers, body).`,
  );
}

function fetchBody(response: globalThis.Response): TransportBody {
  const stream = response.body;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return {
    [Symbol.asyncIterator]() {
      if (!stream) return emptyIterator();
      reader = stream.getReader();
      const active = reader;
      return {
        next: () => active.read() as Promise<IteratorResult<Uint8Array>>,
        return: async () => {
          await active.cancel();
          return { done: true, value: undefined };
        },
      };
    },
    finish() {
      // fetch keeps or drops the connection itself; the rest of the body is of no use.
      this.cancel();
    },
    cancel() {
      const target = reader ?? stream;
      if (!target || (reader === undefined && stream?.locked)) return;
      // Cancelling a body that already ended or errored rejects; there is nothing left to release then.
      target.cancel().catch(() => undefined);
    },
  };
}

function emptyIterator(): AsyncIterator<Uint8Array> {
  return { next: async () => ({ done: true, value: undefined }) };
}
