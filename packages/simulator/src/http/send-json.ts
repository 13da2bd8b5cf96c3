import type { ServerResponse } from 'node:http';
import type { ApiError } from './api-error';

/** Answers with a JSON body and its length. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Answers with an error in the service's shape: `{ error: { message, type, param, code } }`. */
export function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, error.status, { error: error.error }, error.headers);
}
