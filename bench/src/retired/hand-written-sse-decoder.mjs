const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;

/**
 * A streaming decoder of the SSE format (the WHATWG event-stream grammar): UTF-8 split
 * across chunks, `\n`/`\r\n`/`\r` line ends (also split across chunks), `:` comments,
 * multi-line `data:` joined with `\n`, and a last event without a blank line after it.
 * `id:` and `retry:` are ignored: a response stream is never resumed.
 *
 * Retired from @apifree/core (which now decodes with eventsource-parser): kept here only
 * so bench/src/sse-parsers.mjs can show, in every run, the measurement behind that choice.
 * Buffers at most `maxEventSize` characters of one event, so a server that never ends
 * a line cannot exhaust memory.
 */
export function createSSEDecoder(onMessage, onOversize, maxEventSize) {
  const text = new TextDecoder();
  let partial = '';
  let data = '';
  let hasData = false;
  let eventName;
  let skipLineFeed = false;
  let stopped = false;

  function dispatch() {
    const message = data;
    const name = eventName;
    const complete = hasData;
    data = '';
    hasData = false;
    eventName = undefined;
    if (complete) onMessage(message, name);
  }

  function line(value) {
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

  function stop() {
    stopped = true;
    partial = '';
    data = '';
    onOversize(maxEventSize);
  }

  function feed(chunk) {
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
