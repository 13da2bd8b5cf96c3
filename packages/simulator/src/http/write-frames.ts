import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSpec } from '../faults';

/** How fast generated tokens are sent; `false` sends everything as fast as the socket takes it. */
export interface Pace {
  tokensPerSecond: number;
  firstTokenLatencyMs: number;
}

/** A write of the body and the generated tokens it stands for. */
export interface Frame {
  frame: string | Buffer;
  tokens: number;
}

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

/** Sleeps `ms`, waking early when the client goes away. */
export async function pause(response: ServerResponse, ms: number): Promise<void> {
  if (ms <= 0 || response.destroyed) return;
  const controller = new AbortController();
  const onClose = () => controller.abort();
  response.once('close', onClose);
  try {
    await sleep(ms, undefined, { signal: controller.signal });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
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
 * Writes SSE frames one event per write, paced by tokens when `pace` is set, honouring
 * back-pressure, and injecting a stream fault (stall, drop, malformed line, error
 * event, truncation, fragmentation) at the frame the fault names.
 */
export async function writeFrames(
  response: ServerResponse,
  frames: Iterable<Frame>,
  pace: Pace | false,
  fault: StreamFault | undefined,
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
  const started = performance.now();
  const msPerToken = pace === false ? 0 : 1000 / pace.tokensPerSecond;
  let tokens = 0;
  let index = 0;
  for (const { frame, tokens: cost } of list) {
    if (response.destroyed) return;
    if (index === strikeAt && spec !== undefined) {
      switch (spec.name) {
        case 'stall':
          await pause(response, spec.ms ?? 30_000);
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
    if (pace !== false) {
      tokens += cost;
      const due = (index >= 2 ? pace.firstTokenLatencyMs : 0) + tokens * msPerToken;
      const wait = due - (performance.now() - started);
      if (wait >= 1) await pause(response, wait);
    }
    await write(response, frame, fragmentSize);
    index++;
  }
  response.end();
}
