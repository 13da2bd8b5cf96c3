import { Agent, request as undiciRequest } from 'undici';
import type { Transport } from './transport';

let sharedAgent: Agent | undefined;

// One keep-alive pool for every client in the process, as Node's global dispatcher does.
function agent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  return sharedAgent;
}

/**
 * The Node transport: `undici.request` over a keep-alive pool. Header and body timeouts
 * follow the client's timeout, so a long reasoning request is not cut at Node fetch's
 * fixed 300 s.
 */
export function createUndiciTransport(): Transport {
  return async (request) => {
    const response = await undiciRequest(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      dispatcher: agent(),
      headersTimeout: request.timeout,
      bodyTimeout: request.timeout,
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
        [Symbol.asyncIterator]: () => body[Symbol.asyncIterator](),
        text: () => body.text(),
        cancel: () => {
          if (!body.destroyed) body.destroy();
        },
      },
    };
  };
}
