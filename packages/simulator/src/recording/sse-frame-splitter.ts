const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits an SSE byte stream into events as it arrives, keeping every byte: an event
 * ends with the blank line after it, whatever the line ends (`\n`, `\r\n`, `\r`, also
 * split across reads). Joined, the frames are the stream.
 *
 * @example
 * const splitter = new SseFrameSplitter();
 * splitter.push(Buffer.from('data: 1\r\n\r\ndata: ')); // [<'data: 1\r\n\r\n'>]
 * splitter.end();                                      // [<'data: '>]
 */
export class SseFrameSplitter {
  #pending: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns the events they complete. */
  push(chunk: Buffer): Buffer[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const frames: Buffer[] = [];
    let frameStart = 0;
    let lineStart = 0;
    let index = 0;
    const bytes = this.#pending;
    while (index < bytes.length) {
      const byte = bytes[index]!;
      if (byte !== LF && byte !== CR) {
        index++;
        continue;
      }
      // A CR at the end of what arrived may be the first half of CRLF: wait for more.
      if (byte === CR && index + 1 === bytes.length) break;
      const lineEnd = byte === CR && bytes[index + 1] === LF ? index + 2 : index + 1;
      if (index === lineStart && lineStart > frameStart) {
        frames.push(bytes.subarray(frameStart, lineEnd));
        frameStart = lineEnd;
      }
      lineStart = lineEnd;
      index = lineEnd;
    }
    this.#pending = bytes.subarray(frameStart);
    return frames;
  }

  /** The bytes after the last complete event (a last event with no blank line), if any. */
  end(): Buffer[] {
    const rest = this.#pending;
    this.#pending = Buffer.alloc(0);
    return rest.length === 0 ? [] : [rest];
  }
}
