/**
 * One line of a recording's body, the way it reads best while replaying the exact bytes:
 *
 * - `{ ms, event, data }`: the SSE event `event: <event>\ndata: <data as compact JSON>\n\n`;
 * - `{ ms, data }`: the same without an `event:` line;
 * - `{ ms, sse }`: an SSE event in any other framing, as text;
 * - `{ ms, json, indent? }`: a JSON body, compact or indented by `indent` spaces;
 * - `{ ms, text }`: any other body, as text;
 * - `{ ms, base64 }`: bytes that are not UTF-8.
 *
 * `ms` is when the line arrived, in milliseconds after the response headers; it may be
 * left out of hand-written recordings (0).
 */
export type BodyLine =
  | { ms?: number; event: string; data: unknown }
  | { ms?: number; data: unknown }
  | { ms?: number; sse: string }
  | { ms?: number; json: unknown; indent?: number }
  | { ms?: number; text: string }
  | { ms?: number; base64: string };

function utf8(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text).equals(bytes) ? text : undefined;
}

function compactJson(text: string): { value: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value) === text ? { value } : undefined;
  } catch {
    // Not JSON (`[DONE]`, a comment): the caller keeps the text as it is.
    return undefined;
  }
}

const CANONICAL_EVENT = /^event: ([^\r\n]*)\ndata: ([^\r\n]*)\n\n$/;
const CANONICAL_DATA = /^data: ([^\r\n]*)\n\n$/;

/**
 * The line for one SSE event as received: structured when the bytes are exactly what
 * its structured form writes back, otherwise the text (or base64) itself.
 *
 * @example
 * sseLine(Buffer.from('event: a\ndata: {"type":"a"}\n\n'), 12); // { ms: 12, event: 'a', data: { type: 'a' } }
 */
export function sseLine(bytes: Buffer, ms: number): BodyLine {
  const text = utf8(bytes);
  if (text === undefined) return { ms, base64: bytes.toString('base64') };
  const withEvent = CANONICAL_EVENT.exec(text);
  if (withEvent !== null) {
    const data = compactJson(withEvent[2]!);
    if (data !== undefined) return { ms, event: withEvent[1]!, data: data.value };
  }
  const dataOnly = CANONICAL_DATA.exec(text);
  if (dataOnly !== null) {
    const data = compactJson(dataOnly[1]!);
    if (data !== undefined) return { ms, data: data.value };
  }
  return { ms, sse: text };
}

/**
 * The line for a whole non-SSE body: JSON when it reads back byte for byte (compact or
 * indented), otherwise the text (or base64) itself.
 *
 * @example
 * bodyLine(Buffer.from('{\n  "a": 1\n}'), 30); // { ms: 30, json: { a: 1 }, indent: 2 }
 */
export function bodyLine(bytes: Buffer, ms: number): BodyLine {
  const text = utf8(bytes);
  if (text === undefined) return { ms, base64: bytes.toString('base64') };
  try {
    const value: unknown = JSON.parse(text);
    if (JSON.stringify(value) === text) return { ms, json: value };
    for (const indent of [2, 4]) {
      if (JSON.stringify(value, null, indent) === text) return { ms, json: value, indent };
    }
  } catch {
    // Not JSON: kept as text below.
  }
  return { ms, text };
}

/**
 * The bytes a line stands for.
 *
 * @example
 * lineBytes({ event: 'a', data: { type: 'a' } }).toString(); // 'event: a\ndata: {"type":"a"}\n\n'
 */
export function lineBytes(line: BodyLine): Buffer {
  if ('base64' in line) return Buffer.from(line.base64, 'base64');
  if ('sse' in line) return Buffer.from(line.sse);
  if ('text' in line) return Buffer.from(line.text);
  if ('json' in line) return Buffer.from(JSON.stringify(line.json, null, line.indent));
  if ('event' in line)
    return Buffer.from(`event: ${line.event}\ndata: ${JSON.stringify(line.data)}\n\n`);
  return Buffer.from(`data: ${JSON.stringify(line.data)}\n\n`);
}
