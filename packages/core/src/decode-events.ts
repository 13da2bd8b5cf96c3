/** Receives each SSE message's `data` and `event:` name, in order. */
export type SSEMessageHandler = (data: string, eventName: string | undefined) => void;

/** Called once when one event grows past the size bound. */
export type OversizeHandler = (limit: number) => void;

/** Turns network chunks into SSE messages; see {@link createSSEDecoder}. */
export interface SSEDecoder {
  push(chunk: Uint8Array): void;
  /** Flushes a last event that had no blank line after it. */
  end(): void;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;

/**
 * A streaming decoder of the SSE format (the WHATWG event-stream grammar): UTF-8 split
 * across chunks, `\n`/`\r\n`/`\r` line ends (also split across chunks), `:` comments,
 * multi-line `data:` joined with `\n`, and a last event without a blank line after it.
 * `id:` and `retry:` are ignored: a response stream is never resumed.
 *
 * Hand-written rather than `eventsource-parser` because it decodes over 2× faster on
 * real response streams (bench/src/sse-parsers.mjs, figures in bench/README.md).
 * Buffers at most `maxEventSize` characters of one event, so a server that never ends
 * a line cannot exhaust memory.
 */
export function createSSEDecoder(
  onMessage: SSEMessageHandler,
  onOversize: OversizeHandler,
  maxEventSize: number,
): SSEDecoder {
  const text = new TextDecoder();
  let partial = '';
  let data = '';
  let hasData = false;
  let eventName: string | undefined;
  let skipLineFeed = false;
  let stopped = false;

  function dispatch(): void {
    const message = data;
    const name = eventName;
    const complete = hasData;
    data = '';
    hasData = false;
    eventName = undefined;
    if (complete) onMessage(message, name);
  }

  function line(value: string): void {
    if (value.length === 0) {
      dispatch();
      return;
    }
    const colon = value.indexOf(':');
    if (colon === 0) return;
    const field = colon === -1 ? value : value.slice(0, colon);
    if (field !== 'data' && field !== 'event') return;
    let content = '';
    if (colon !== -1)
      content =
        value.charCodeAt(colon + 1) === SPACE ? value.slice(colon + 2) : value.slice(colon + 1);
    if (field === 'event') eventName = content;
    else if (hasData) data += `\n${content}`;
    else {
      data = content;
      hasData = true;
    }
    if (data.length > maxEventSize) stop();
  }

  function stop(): void {
    stopped = true;
    partial = '';
    data = '';
    onOversize(maxEventSize);
  }

  function feed(chunk: string): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (skipLineFeed) {
      skipLineFeed = false;
      if (chunk.charCodeAt(0) === LINE_FEED) start = 1;
    }
    // Positions of the next LF and CR at or after `start`, searched again only once passed,
    // so a chunk with only CR line ends is scanned once, not once per line.
    let lineFeed = -2;
    let carriage = chunk.includes('\r') ? -2 : -1;
    while (start < chunk.length && !stopped) {
      if (lineFeed !== -1 && lineFeed < start) lineFeed = chunk.indexOf('\n', start);
      if (carriage !== -1 && carriage < start) carriage = chunk.indexOf('\r', start);
      let end = lineFeed;
      if (carriage !== -1 && (end === -1 || carriage < end)) end = carriage;
      if (end === -1) {
        partial += chunk.slice(start);
        if (partial.length + data.length > maxEventSize) stop();
        return;
      }
      const piece = chunk.slice(start, end);
      if (partial) {
        line(partial + piece);
        partial = '';
      } else {
        line(piece);
      }
      start = end + 1;
      if (chunk.charCodeAt(end) === CARRIAGE_RETURN) {
        if (start === chunk.length) skipLineFeed = true;
        else if (chunk.charCodeAt(start) === LINE_FEED) start++;
      }
    }
  }

  return {
    push(chunk) {
      if (!stopped) feed(text.decode(chunk, { stream: true }));
    },
    end() {
      if (stopped) return;
      const rest = text.decode();
      if (rest) feed(rest);
      if (partial) {
        line(partial);
        partial = '';
      }
      dispatch();
    },
  };
}
