import { createParser } from 'eventsource-parser';

/** Receives each SSE message's `data` and `event:` name, in order. */
export type SSEMessageHandler = (data: string, eventName: string | undefined) => void;

/** Called once when one event grows past the size bound. */
export type OversizeHandler = (limit: number) => void;

/** The largest piece of text handed to the parser at once. */
const FEED_SLICE = 32 * 1024;

/** Turns network chunks into SSE messages; see {@link createSSEDecoder}. */
export interface SSEDecoder {
  push(chunk: Uint8Array): void;
  /** Flushes a last event that had no blank line after it. */
  end(): void;
}

/**
 * A streaming decoder of the SSE format on `eventsource-parser` (the WHATWG event-stream
 * grammar: `\n`, `\r\n` or `\r` line ends split anywhere, `:` comments, multi-line `data:`
 * joined with `\n`), with UTF-8 characters split across chunks and a last event that has
 * no blank line after it. At most `maxEventSize` characters of one event are buffered, so
 * a server that never ends a line cannot exhaust memory.
 *
 * `eventsource-parser` rather than a decoder of our own: the hand-written one was faster
 * on 64 KiB reads but not on one event per read, as servers send them (bench/RESULTS.md,
 * "SSE decoder alone"), and every AI SDK app already has this library.
 */
export function createSSEDecoder(
  onMessage: SSEMessageHandler,
  onOversize: OversizeHandler,
  maxEventSize: number,
): SSEDecoder {
  const text = new TextDecoder();
  let stopped = false;
  const oversize = () => {
    stopped = true;
    onOversize(maxEventSize);
  };
  const parser = createParser({
    onEvent: (event) => {
      if (stopped) return;
      // The parser bounds what it buffers between feeds; an event that arrived whole in
      // one feed is held to the same bound here.
      if (event.data.length > maxEventSize) oversize();
      else onMessage(event.data, event.event);
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') oversize();
    },
    maxBufferSize: maxEventSize,
  });
  const feed = (value: string) => {
    // Fed in slices: on a string of 64 Ki characters or more the parser runs many times
    // slower than on the same text in smaller pieces (bench/src/sse-parsers.mjs, 64 KiB reads).
    for (let start = 0; start < value.length && !stopped; start += FEED_SLICE)
      parser.feed(value.length <= FEED_SLICE ? value : value.slice(start, start + FEED_SLICE));
  };
  return {
    push(chunk) {
      if (!stopped) feed(text.decode(chunk, { stream: true }));
    },
    end() {
      if (stopped) return;
      feed(text.decode());
      // Ends a last line and a last event the server did not terminate; harmless otherwise.
      feed('\n\n');
    },
  };
}
