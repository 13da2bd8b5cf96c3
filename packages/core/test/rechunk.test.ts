import { describe, expect, it } from 'vitest';
import { createSSEDecoder } from '../src/decode-events';
import { APIFree, type ResponseStreamEvent } from '../src/index';
import { streamRecordings } from './support/fixtures';

/**
 * Re-chunking, in two layers. The decoder is where a network read boundary can matter,
 * and its state is clean after each blank line, so cutting event frames one by one
 * covers two-read splits of a recording at the cost of the frames' sizes, not the
 * recording's size squared. The client then proves the whole path (fetch body →
 * decoder → typed events) on one-byte reads and on seeded multi-cut splits.
 */

interface Message {
  data: string;
  event: string | undefined;
}

function decode(chunks: Uint8Array[]): Message[] {
  const messages: Message[] = [];
  const decoder = createSSEDecoder(
    (data, event) => messages.push({ data, event }),
    () => {
      throw new Error('oversize');
    },
    64 * 1024 * 1024,
  );
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return messages;
}

/** The recording cut into its event frames, each ending with its blank line. */
function frames(bytes: Uint8Array): Uint8Array[] {
  const result: Uint8Array[] = [];
  let start = 0;
  for (let index = 1; index < bytes.length; index++) {
    if (bytes[index] === 10 && bytes[index - 1] === 10) {
      result.push(bytes.subarray(start, index + 1));
      start = index + 1;
    }
  }
  if (start < bytes.length) result.push(bytes.subarray(start));
  return result;
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [0, ...cuts, bytes.length];
  return points.slice(1).map((end, index) => bytes.subarray(points[index], end));
}

/** Deterministic pseudo-random cut points, so a failure reproduces. */
function randomCuts(length: number, count: number, seed: number): number[] {
  let state = seed;
  const cuts = new Set<number>();
  while (cuts.size < Math.min(count, length - 1)) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    cuts.add(1 + (state % (length - 1)));
  }
  return [...cuts].sort((a, b) => a - b);
}

/** Every cut point of a frame up to this size; a seeded sample of cuts beyond it. */
const EXHAUSTIVE_FRAME_BYTES = 4096;
/** Frames of one event type cut at every byte; later frames of that type get a few cuts. */
const EXHAUSTIVE_FRAMES_PER_TYPE = 2;

function eventType(frame: Uint8Array): string {
  return /"type":"([^"]+)"/.exec(new TextDecoder().decode(frame.subarray(0, 400)))?.[1] ?? '';
}

/**
 * The cut points to try per frame: every byte of the first frames of each event type (a
 * cut's effect depends on the frame's structure, which frames of one type share), a
 * seeded handful in the rest.
 */
function cutPlan(bytes: Uint8Array): Array<{ frame: Uint8Array; cuts: number[] }> {
  const seen = new Map<string, number>();
  return frames(bytes).map((frame) => {
    const type = eventType(frame);
    const count = (seen.get(type) ?? 0) + 1;
    seen.set(type, count);
    if (frame.length < 2) return { frame, cuts: [] };
    if (count > EXHAUSTIVE_FRAMES_PER_TYPE)
      return { frame, cuts: randomCuts(frame.length, 4, frame.length + count) };
    if (frame.length > EXHAUSTIVE_FRAME_BYTES)
      return { frame, cuts: randomCuts(frame.length, 256, frame.length) };
    return { frame, cuts: Array.from({ length: frame.length - 1 }, (_, index) => index + 1) };
  });
}

/** A `fetch` that answers from memory, handing the body over in the given chunks. */
function fetchWithChunks(chunks: Uint8Array[]) {
  return async () => {
    let next = 0;
    return new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks[next++];
          if (chunk === undefined) controller.close();
          else controller.enqueue(chunk);
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
  };
}

async function collect(
  chunks: Uint8Array[],
): Promise<{ events: ResponseStreamEvent[]; error?: string }> {
  const client = new APIFree({
    apiKey: 'sk-test',
    baseURL: 'http://127.0.0.1:9/v1',
    fetch: fetchWithChunks(chunks),
  });
  const events: ResponseStreamEvent[] = [];
  try {
    for await (const event of await client.responses.create({
      model: 'gpt-4o',
      input: 'x',
      stream: true,
    }))
      events.push(event);
  } catch (error) {
    return { events, error: (error as Error).name };
  }
  return { events };
}

const recordings = streamRecordings();

describe('the decoder gives the same messages wherever a read ends', () => {
  for (const recording of recordings) {
    it(recording.name, () => {
      for (const { frame, cuts } of cutPlan(recording.bytes)) {
        const whole = decode([frame]);
        for (const cut of cuts) expect(decode(splitAt(frame, [cut]))).toEqual(whole);
      }
      const whole = decode([recording.bytes]);
      expect(whole.length).toBe(frames(recording.bytes).length);
      const oneByteReads = Array.from({ length: recording.bytes.length }, (_, index) =>
        recording.bytes.subarray(index, index + 1),
      );
      expect(decode(oneByteReads)).toEqual(whole);
    });
  }

  it('CRLF and CR line ends decode like LF, also when split between reads', () => {
    const source = recordings.find(
      (recording) => recording.name === 'openai-text-gpt-4o-mini.sse',
    )!;
    const text = new TextDecoder().decode(source.bytes);
    const whole = decode([source.bytes]);
    for (const newline of ['\r\n', '\r']) {
      const bytes = new TextEncoder().encode(text.replaceAll('\n', newline));
      expect(decode([bytes])).toEqual(whole);
      for (let cut = 1; cut < bytes.length; cut++)
        expect(decode(splitAt(bytes, [cut]))).toEqual(whole);
    }
  });
});

describe('re-chunking a recording never changes the events the client delivers', () => {
  for (const recording of recordings) {
    it(recording.name, async () => {
      const whole = await collect([recording.bytes]);
      expect(whole.events.length).toBeGreaterThan(1);
      const oneByteReads = Array.from({ length: recording.bytes.length }, (_, index) =>
        recording.bytes.subarray(index, index + 1),
      );
      expect(await collect(oneByteReads)).toEqual(whole);
      for (let seed = 1; seed <= 8; seed++) {
        expect(
          await collect(splitAt(recording.bytes, randomCuts(recording.bytes.length, 25, seed))),
        ).toEqual(whole);
      }
    });
  }
});
