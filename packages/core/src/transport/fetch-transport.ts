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
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    return { status: response.status, headers: response.headers, body: fetchBody(response) };
  };
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
    text: () => response.text(),
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
