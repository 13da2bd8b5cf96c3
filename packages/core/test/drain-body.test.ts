import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAIN_LIMIT_BYTES, DRAIN_LIMIT_MS, drain } from '../src/transport/drain-body';

afterEach(() => {
  vi.useRealTimers();
});

function body() {
  const stream = new PassThrough();
  // A consumer that was reading before the terminal event, as the stream reader is.
  stream.on('readable', () => undefined);
  return stream;
}

describe('draining a finished body keeps its connection when it ends soon', () => {
  it('reads the rest to its end without destroying it', async () => {
    const stream = body();
    drain(stream);
    stream.write('trailing bytes');
    stream.end();
    await new Promise((resolve) => stream.once('end', resolve));
    expect(stream.readableEnded).toBe(true);
    expect(stream.errored).toBeNull();
  });

  it(`destroys a body that sends more than ${DRAIN_LIMIT_BYTES} bytes`, async () => {
    const stream = body();
    drain(stream);
    stream.write(Buffer.alloc(DRAIN_LIMIT_BYTES));
    stream.write(Buffer.alloc(1));
    await new Promise((resolve) => stream.once('close', resolve));
    expect(stream.readableEnded).toBe(false);
  });

  it(`destroys a body that does not end within ${DRAIN_LIMIT_MS} ms`, async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stream = body();
    drain(stream);
    await vi.advanceTimersByTimeAsync(DRAIN_LIMIT_MS - 1);
    expect(stream.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stream.destroyed).toBe(true);
  });

  it('leaves a body that already ended alone', () => {
    const stream = body();
    stream.destroy();
    drain(stream);
    expect(stream.listenerCount('data')).toBe(0);
  });
});
