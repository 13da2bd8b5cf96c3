import type { BodyLine } from './body-line';
import type { KeyedRequest } from './request-key';

/** The format version written in the first line of every recording. */
export const RECORDING_FORMAT = 1;

/** One request and its answer, as a recording holds them. */
export interface RecordedExchange {
  /** The request key ({@link requestKey}) when it was recorded. */
  key: string;
  /** 1 for the first exchange with this key in a recording session, 2 for the next… */
  sequence: number;
  /** The request as sent (secrets removed): what the key is computed from on replay. */
  request: KeyedRequest;
  response: {
    status: number;
    /** Response headers worth replaying (no cookies, no hop-by-hop headers, secrets removed). */
    headers: Record<string, string>;
    /** Milliseconds from sending the request to the response headers. */
    ms: number;
  };
  /** The body: one line per SSE event, or one line for a JSON body. */
  body: BodyLine[];
}

/**
 * The recording file for an exchange: NDJSON, a first line with the request and the
 * response status and headers, then one line per body line.
 *
 * @example
 * formatExchange(exchange).split('\n')[0]; // '{"apifreeRecording":1,"key":"…","sequence":1,"request":{…},"response":{…}}'
 */
export function formatExchange(exchange: RecordedExchange): string {
  const head = {
    apifreeRecording: RECORDING_FORMAT,
    key: exchange.key,
    sequence: exchange.sequence,
    request: exchange.request,
    response: exchange.response,
  };
  return `${[head, ...exchange.body].map((line) => JSON.stringify(line)).join('\n')}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BODY_KEYS = ['event', 'data', 'sse', 'json', 'text', 'base64'];

/**
 * Reads a recording file. A file that is not one throws an error naming the file and
 * the line.
 *
 * @example
 * parseExchange(readFileSync(file, 'utf8'), file).response.status; // 200
 */
export function parseExchange(text: string, file: string): RecordedExchange {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, problem: string): never => {
    throw new Error(`${file}:${line}: ${problem}`);
  };
  const parse = (line: number): unknown => {
    try {
      return JSON.parse(lines[line - 1]!);
    } catch {
      return fail(line, 'not a JSON line.');
    }
  };
  const head = parse(1);
  if (!isObject(head) || head.apifreeRecording !== RECORDING_FORMAT)
    return fail(1, `not an APIFree recording (expected "apifreeRecording": ${RECORDING_FORMAT}).`);
  const request = head.request;
  const response = head.response;
  if (!isObject(request) || typeof request.method !== 'string' || typeof request.path !== 'string')
    return fail(1, '"request" needs "method", "path" and "body".');
  if (!isObject(response) || typeof response.status !== 'number' || !isObject(response.headers))
    return fail(1, '"response" needs "status" and "headers".');
  const body: BodyLine[] = [];
  for (let line = 2; line <= lines.length; line++) {
    if (lines[line - 1]!.trim() === '') continue;
    const value = parse(line);
    if (!isObject(value) || !BODY_KEYS.some((key) => key in value))
      return fail(line, `a body line needs one of ${BODY_KEYS.join(', ')}.`);
    if (value.ms !== undefined && typeof value.ms !== 'number')
      return fail(line, '"ms" must be a number of milliseconds.');
    body.push(value as BodyLine);
  }
  return {
    key: typeof head.key === 'string' ? head.key : '',
    sequence: typeof head.sequence === 'number' ? head.sequence : 1,
    request: { method: request.method, path: request.path, body: request.body },
    response: {
      status: response.status,
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [
          name.toLowerCase(),
          String(value),
        ]),
      ),
      ms: typeof response.ms === 'number' ? response.ms : 0,
    },
    body,
  };
}
