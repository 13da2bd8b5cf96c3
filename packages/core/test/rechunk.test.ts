import { describe, expect, it } from 'vitest';
import { APIFree, type ResponseStreamEvent } from '../src/index';
import { streamRecordings } from './support/fixtures';

/** A `fetch` that answers from memory with the body split into the given chunks. */
function fetchWithChunks(chunks: Uint8Array[]) {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
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

describe('re-chunking a recording never changes its events', () => {
  for (const recording of streamRecordings()) {
    it(recording.name, async () => {
      const whole = await collect([recording.bytes]);
      expect(whole.events.length).toBeGreaterThan(0);
      // One byte per read splits every UTF-8 character and every line end.
      expect(
        await collect(
          splitAt(
            recording.bytes,
            Array.from({ length: recording.bytes.length - 1 }, (_, i) => i + 1),
          ),
        ),
      ).toEqual(whole);
      if (recording.bytes.length <= 16_000) {
        for (let cut = 1; cut < recording.bytes.length; cut++) {
          expect(await collect(splitAt(recording.bytes, [cut]))).toEqual(whole);
        }
      } else {
        for (let seed = 1; seed <= 40; seed++) {
          expect(
            await collect(splitAt(recording.bytes, randomCuts(recording.bytes.length, 25, seed))),
          ).toEqual(whole);
        }
      }
    });
  }

  it('CRLF and CR line ends decode like LF, also when split between reads', async () => {
    const source = streamRecordings().find(
      (recording) => recording.name === 'openai-text-gpt-4o-mini.sse',
    )!;
    const text = new TextDecoder().decode(source.bytes);
    const whole = await collect([source.bytes]);
    for (const newline of ['\r\n', '\r']) {
      const bytes = new TextEncoder().encode(text.replaceAll('\n', newline));
      expect(await collect([bytes])).toEqual(whole);
      expect(await collect(splitAt(bytes, randomCuts(bytes.length, 300, 7)))).toEqual(whole);
    }
  });
});
