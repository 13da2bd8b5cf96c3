import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Receives each SSE message's `data` and `event:` name, in order. */
export type SSEMessageHandler = (data: string, eventName: string | undefined) => void;

/** Called when one event grows past the size bound. */
export type OversizeHandler = (limit: number) => void;

/** Turns network chunks into SSE messages; see {@link createSSEDecoder}. */
export interface SSEDecoder {
  push(chunk: Uint8Array): void;
  /** Flushes a last event that had no blank line after it. */
  end(): void;
}

/**
 * A streaming SSE decoder: UTF-8 split across chunks, `\n`/`\r\n`/`\r` line ends (also
 * split across chunks), comments, multi-line `data:` and a last event without a blank
 * line. Buffers at most `maxEventSize` characters of one event, so a server that never
 * ends a line cannot exhaust memory.
 */
export function createSSEDecoder(
  onMessage: SSEMessageHandler,
  onOversize: OversizeHandler,
  maxEventSize: number,
): SSEDecoder {
  const text = new TextDecoder();
  let oversized = false;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => onMessage(message.data, message.event),
    onError: (error) => {
      // Other parse errors (a bad `retry:` value, an unknown field) are ignorable by the SSE spec.
      if (error.type === 'max-buffer-size-exceeded' && !oversized) {
        oversized = true;
        onOversize(maxEventSize);
      }
    },
    maxBufferSize: maxEventSize,
  });
  return {
    push(chunk) {
      if (!oversized) parser.feed(text.decode(chunk, { stream: true }));
    },
    end() {
      if (oversized) return;
      // Ending the last line and adding a blank one dispatches an event the server left unterminated.
      parser.feed(`${text.decode()}\n\n`);
    },
  };
}
