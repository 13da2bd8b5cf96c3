import { createHash } from 'node:crypto';

/** The parts of a request a recording is matched by. */
export interface KeyedRequest {
  method: string;
  /** The path without its query string, e.g. `/v1/responses`. */
  path: string;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

function withoutField(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return value;
  const [segment, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      if (segment !== '*' && segment !== String(index)) return [item];
      return rest.length === 0 ? [] : [withoutField(item, rest)];
    });
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (segment !== '*' && segment !== key) result[key] = item;
    else if (rest.length > 0) result[key] = withoutField(item, rest);
  }
  return result;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    result[key] = sortedKeys((value as Record<string, unknown>)[key]);
  }
  return result;
}

/**
 * The request as it is matched: keys in sorted order at every level, and the `ignore`d
 * fields left out. A field path is dot-separated; `*` stands for any key or index
 * (`metadata.trace_id`, `input.*.id`, `prompt_cache_key`).
 *
 * @example
 * normaliseRequest({ method: 'POST', path: '/v1/responses', body: { model: 'm', metadata: { trace: 't1' } } }, ['metadata.trace']);
 * // { method: 'POST', path: '/v1/responses', body: { metadata: {}, model: 'm' } }
 */
export function normaliseRequest(request: KeyedRequest, ignore: readonly string[]): KeyedRequest {
  let body = request.body;
  for (const field of ignore) body = withoutField(body, field.split('.'));
  return { method: request.method.toUpperCase(), path: request.path, body: sortedKeys(body) };
}

/**
 * The key a recording is stored and found under: 16 hex digits of the SHA-256 of the
 * normalised request, so the same request gives the same key whatever its key order.
 *
 * @example
 * requestKey({ method: 'POST', path: '/v1/responses', body: { model: 'gpt-4o', input: 'Hi' } }, []);
 * // '…16 hex digits…'
 */
export function requestKey(request: KeyedRequest, ignore: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(normaliseRequest(request, ignore)))
    .digest('hex')
    .slice(0, 16);
}
