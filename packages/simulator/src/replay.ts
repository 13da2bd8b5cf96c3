import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { lineBytes } from './recording/body-line';
import { parseExchange, type RecordedExchange } from './recording/recorded-exchange';
import { RECORDING_EXTENSION } from './recording/recording-library';

/** A recording ready to send: its status, headers and the writes that make its body. */
export interface Recording {
  status: number;
  contentType: string;
  /** The body split into writes (one SSE event each); joined they are the body. */
  frames: Buffer[];
  /** Further response headers (recorded exchanges). */
  headers?: Record<string, string>;
  /** When each frame was recorded, in milliseconds after the headers (recorded exchanges). */
  framesAtMs?: number[];
  /** Milliseconds from the request to the recorded headers (recorded exchanges). */
  headersMs?: number;
}

/**
 * A recorded exchange ready to send.
 *
 * @example
 * exchangeRecording(parseExchange(text, file)).frames.length; // one per SSE event
 */
export function exchangeRecording(exchange: RecordedExchange): Recording {
  const { 'content-type': contentType = 'application/json', ...headers } =
    exchange.response.headers;
  return {
    status: exchange.response.status,
    contentType,
    frames: exchange.body.map(lineBytes),
    headers,
    framesAtMs: exchange.body.map((line) => line.ms ?? 0),
    headersMs: exchange.response.ms,
  };
}

const BLANK_LINE = Buffer.from('\n\n');

function splitEvents(bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(BLANK_LINE, start);
    const stop = end < 0 ? bytes.length : end + BLANK_LINE.length;
    frames.push(bytes.subarray(start, stop));
    start = stop;
  }
  return frames;
}

/**
 * Frames a `.chunks.txt` recording (one `data` JSON per line) the way OpenAI frames
 * events: `event: <type>\ndata: <line>\n\n`.
 *
 * @example
 * frameChunks('{"type":"response.created"}\n'); // ['event: response.created\ndata: {"type":"response.created"}\n\n']
 */
export function frameChunks(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const type = (JSON.parse(line) as { type?: unknown }).type;
      return `event: ${String(type)}\ndata: ${line}\n\n`;
    });
}

const STATUS_BY_CODE: Record<string, number> = {
  invalid_api_key: 401,
  insufficient_quota: 429,
  rate_limit_exceeded: 429,
  model_not_found: 400,
  server_error: 500,
};

function jsonStatus(bytes: Buffer): number {
  const body = JSON.parse(bytes.toString('utf8')) as {
    object?: unknown;
    output?: unknown;
    error?: { code?: string | null; type?: string } | null;
  };
  // A response object (a failed one included) is an answer: its error says why it failed.
  if (body.object === 'response' || Array.isArray(body.output)) return 200;
  if (body.error === undefined || body.error === null) return 200;
  const byCode = STATUS_BY_CODE[body.error.code ?? ''] ?? STATUS_BY_CODE[body.error.type ?? ''];
  return byCode ?? (body.error.type === 'invalid_request_error' ? 400 : 500);
}

/**
 * Loads a recording: `.sse` bytes as they are, `.chunks.txt` framed as OpenAI frames
 * it, `.json` as a JSON body (an `{error}` body gets the status its code implies; a
 * response object, failed or not, 200),
 * `.ndjson` as the exchange it records (status, headers, body and timing).
 */
export function loadRecording(file: string): Recording {
  const bytes = readFileSync(file);
  if (file.endsWith(RECORDING_EXTENSION))
    return exchangeRecording(parseExchange(bytes.toString('utf8'), file));
  if (file.endsWith('.chunks.txt')) {
    return {
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      frames: frameChunks(bytes.toString('utf8')).map((frame) => Buffer.from(frame)),
    };
  }
  if (extname(file) === '.json') {
    return { status: jsonStatus(bytes), contentType: 'application/json', frames: [bytes] };
  }
  return {
    status: 200,
    contentType: 'text/event-stream; charset=utf-8',
    frames: splitEvents(bytes),
  };
}

const SUFFIXES = ['', '.sse', '.chunks.txt', '.json', RECORDING_EXTENSION];
const FOLDERS = ['', 'sse', 'chunks', 'json'];

/**
 * Finds a recording by name inside `dir` (also in its `sse/`, `chunks/` and `json/`
 * folders, with or without the extension; `.ndjson` recorded exchanges too). Names that lead outside `dir` are refused.
 */
export function findRecording(dir: string, name: string): string | undefined {
  const root = resolve(dir);
  for (const folder of FOLDERS) {
    for (const suffix of SUFFIXES) {
      const candidate = resolve(join(root, folder, `${name}${suffix}`));
      const inside = relative(root, candidate);
      if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
  }
  return undefined;
}
