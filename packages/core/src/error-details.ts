/** The fields of a server's error object, each kept only when it is a string. */
export interface ErrorDetails {
  message?: string;
  code?: string;
  type?: string;
  param?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads `message`, `code`, `type` and `param` from anything a server sends as an error:
 * an HTTP error body `{ error: { … } }` or `{ error: "…" }`, a stream `error` event (nested
 * or flat), a failed response's `error`. The one place error bodies are read; a field
 * that is not a non-empty string counts as absent.
 *
 * @example
 * readErrorDetails({ error: { message: 'No such model', code: 'model_not_found', param: null } });
 * // { message: 'No such model', code: 'model_not_found' }
 */
export function readErrorDetails(body: unknown): ErrorDetails {
  if (typeof body !== 'object' || body === null) return {};
  const inner = (body as { error?: unknown }).error;
  if (typeof inner === 'string') return inner === '' ? {} : { message: inner };
  const source = (typeof inner === 'object' && inner !== null ? inner : body) as Record<
    string,
    unknown
  >;
  const details: ErrorDetails = {};
  const message = text(source.message);
  const code = text(source.code);
  const type = text(source.type);
  const param = text(source.param);
  if (message !== undefined) details.message = message;
  if (code !== undefined) details.code = code;
  if (type !== undefined) details.type = type;
  if (param !== undefined) details.param = param;
  return details;
}
