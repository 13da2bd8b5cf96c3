import type { ServerResponse } from 'node:http';
import type { SimulatorClock } from '../clock';
import type { FaultSpec } from '../faults';

/** How fast generated tokens are sent; `false` sends everything as fast as the socket takes it. */
export interface Pace {
  tokensPerSecond: number;
  firstTokenLatencyMs: number;
}

/**
 * A write of the body: the generated tokens it stands for (token pacing), or the moment
 * it was recorded, in milliseconds after the headers (recorded pacing).
 */
export interface Frame {
  frame: string | Buffer;
  tokens: number;
  atMs?: number;
}

/** How frames are paced: by tokens, at the moments they were recorded, or not at all. */
export type Pacing = Pace | 'recorded' | false;

const MALFORMED =
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"unterminated\n\n';

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

async function write(
  response: ServerResponse,
  chunk: string | Buffer,
  fragmentSize: number | undefined,
): Promise<void> {
  if (fragmentSize === undefined) {
    if (!response.write(chunk)) await waitForDrain(response);
    return;
  }
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  for (let start = 0; start < bytes.length && !response.destroyed; start += fragmentSize) {
    if (!response.write(bytes.subarray(start, start + fragmentSize))) await waitForDrain(response);
    // Yielding between writes keeps them from being coalesced into one TCP segment.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Drops the connection the way a failing network does: what was written reaches the
 * client, then the socket is reset without ending the HTTP body.
 */
export async function dropConnection(response: ServerResponse): Promise<void> {
  const socket = response.socket;
  if (socket === null || socket.destroyed) return;
  response.flushHeaders();
  await new Promise<void>((resolve) => socket.write('', () => resolve()));
  socket.resetAndDestroy();
}

/** Sleeps `ms` on `clock`, waking early when the client goes away. */
export async function pause(
  response: ServerResponse,
  ms: number,
  clock: SimulatorClock,
): Promise<void> {
  if (ms <= 0 || response.destroyed) return;
  const controller = new AbortController();
  const onClose = () => controller.abort();
  response.once('close', onClose);
  try {
    await clock.sleep(ms, controller.signal);
  } finally {
    response.off('close', onClose);
  }
}

/** What a stream fault needs: the spec and how to build the failure events at a sequence number. */
export interface StreamFault {
  spec: FaultSpec;
  failure: (sequence: number) => Frame[];
}

/**
 * When a frame is due, in milliseconds after the first one: the first-token latency
 * once the response's opening events are out (index 2 on), then one token's time per
 * generated token so far; or the recorded moment.
 *
 * @example
 * frameDueMs({ tokensPerSecond: 50, firstTokenLatencyMs: 200 }, 3, 1, undefined); // 220
 */
export function frameDueMs(
  pacing: Pacing,
  index: number,
  tokensSoFar: number,
  atMs: number | undefined,
): number {
  if (pacing === false) return 0;
  if (pacing === 'recorded') return atMs ?? 0;
  return (
    (index >= 2 ? pacing.firstTokenLatencyMs : 0) + (tokensSoFar * 1000) / pacing.tokensPerSecond
  );
}

/**
 * Writes SSE frames one event per write, paced by tokens or at their recorded moments,
 * honouring back-pressure, and injecting a stream fault (stall, drop, malformed line,
 * error event, truncation, fragmentation) at the frame the fault names. `onComplete` runs
 * just before the last frame is written, and only when it is: not when a fault cut the
 * body short or the client went away first.
 */
export async function writeFrames(
  response: ServerResponse,
  frames: Iterable<Frame>,
  pacing: Pacing,
  fault: StreamFault | undefined,
  clock: SimulatorClock,
  onComplete?: () => void,
): Promise<void> {
  const spec = fault?.spec;
  const fragmentSize = spec?.name === 'fragment' ? (spec.size ?? 5) : undefined;
  let list: Iterable<Frame> = frames;
  let strikeAt = -1;
  if (spec !== undefined && spec.name !== 'fragment') {
    // A fault must strike before the terminal event to be observable, so clamp it.
    const all = [...frames];
    strikeAt = Math.min(spec.after ?? 3, all.length - 1);
    list = all;
  }
  const started = clock.now();
  let tokens = 0;
  let index = 0;
  const iterator = list[Symbol.iterator]();
  let current = iterator.next();
  while (current.done !== true) {
    const { frame, tokens: cost, atMs } = current.value;
    // Looking one frame ahead tells the last frame, where the response is complete.
    const next = iterator.next();
    if (response.destroyed) return;
    if (index === strikeAt && spec !== undefined) {
      switch (spec.name) {
        case 'stall':
          await pause(response, spec.ms ?? 30_000, clock);
          break;
        case 'drop':
          await dropConnection(response);
          return;
        case 'malformed':
          await write(response, MALFORMED, undefined);
          break;
        case 'error_event':
          for (const failure of fault?.failure(index) ?? [])
            await write(response, failure.frame, undefined);
          response.end();
          return;
        case 'truncate':
          response.end();
          return;
      }
    }
    if (pacing !== false) {
      tokens += cost;
      const wait = frameDueMs(pacing, index, tokens, atMs) - (clock.now() - started);
      if (wait >= 1) await pause(response, wait, clock);
    }
    if (next.done === true && !response.destroyed) onComplete?.();
    await write(response, frame, fragmentSize);
    index++;
    current = next;
  }
  response.end();
}
