import type { Readable } from 'node:stream';

/** The most of a finished body read only to keep its connection: more means a runaway server. */
export const DRAIN_LIMIT_BYTES = 64 * 1024;
/** How long a finished body may take to end before its connection is closed instead. */
export const DRAIN_LIMIT_MS = 1000;

/**
 * Reads and discards the rest of a body so its connection returns to the keep-alive pool,
 * within bounds: a body that sends more than {@link DRAIN_LIMIT_BYTES} or does not end
 * within {@link DRAIN_LIMIT_MS} is destroyed (its connection closed) instead.
 */
export function drain(body: Readable): void {
  if (body.destroyed || body.readableEnded) return;
  let bytes = 0;
  const timer = setTimeout(() => body.destroy(), DRAIN_LIMIT_MS);
  timer.unref?.();
  body.removeAllListeners('readable');
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > DRAIN_LIMIT_BYTES) body.destroy();
  });
  body.once('close', () => clearTimeout(timer));
  // Errors while discarding the rest of a finished answer change nothing for the caller.
  body.on('error', () => undefined);
  body.resume();
}
