import { APIStreamTruncatedError, APIUserAbortError } from '../errors';
import type { ResponseStream } from '../response-stream';
import type { ResponseStreamEvent } from '../wire/stream-events';
import { createEventNormalizer } from './create-event-normalizer';
import type { OutputEvent } from './output-event';

/**
 * A stream's {@link OutputEvent}s, for adapters and for apps that want blocks rather than
 * raw events. A failure (an `error` event, `response.failed`, a broken or stalled
 * connection, an unreadable event) does not throw: the open blocks end and a `failure`
 * event carries the typed error and its classification. An abort by the caller still
 * throws {@link APIUserAbortError}. Stopping early (`break`) closes the HTTP request.
 *
 * @example
 * const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true });
 * for await (const event of normalizeEvents(stream)) {
 *   if (event.type === 'text-delta') process.stdout.write(event.delta);
 *   if (event.type === 'finish') console.log(event.finish.kind, event.usage?.totalTokens);
 * }
 */
export async function* normalizeEvents(
  stream: AsyncIterable<ResponseStreamEvent>,
): AsyncGenerator<OutputEvent, void, undefined> {
  for await (const batch of normalizeEventBatches(stream)) yield* batch;
}

/**
 * {@link normalizeEvents} in batches: the output events of each raw event together — of
 * every raw event that arrived in one network read, when the source is a
 * {@link ResponseStream} — never an empty batch. The same events in the same order; one
 * step of the iterator per read instead of one per output event, for consumers that are
 * themselves async generators and pay for every step (an adapter's stream of chunks).
 *
 * @example
 * for await (const batch of normalizeEventBatches(stream)) {
 *   for (const event of batch) if (event.type === 'text-delta') process.stdout.write(event.delta);
 * }
 */
export async function* normalizeEventBatches(
  stream: AsyncIterable<ResponseStreamEvent>,
): AsyncGenerator<OutputEvent[], void, undefined> {
  let pending: OutputEvent[] = [];
  const normalizer = createEventNormalizer((output) => pending.push(output));
  const flush = () => {
    const ready = pending;
    pending = [];
    return ready;
  };
  let failure: unknown;
  try {
    if (hasBatches(stream)) {
      try {
        for (let batch = await stream.nextBatch(); batch; batch = await stream.nextBatch()) {
          for (const event of batch) normalizer.push(event);
          if (pending.length > 0) yield flush();
        }
      } finally {
        // As `for await` would on `break`: a consumer that stops early closes the request.
        await stream.return();
      }
    } else {
      for await (const event of stream) {
        normalizer.push(event);
        if (pending.length > 0) yield flush();
      }
    }
    if (normalizer.finished) return;
    failure = new APIStreamTruncatedError({
      message:
        'The stream ended before the response finished (no response.completed event): the answer is incomplete. Retry the request.',
      code: 'stream_truncated',
    });
  } catch (error) {
    if (APIUserAbortError.isInstance(error)) throw error;
    failure = error;
  }
  normalizer.fail(failure);
  if (pending.length > 0) yield flush();
}

/** A core ResponseStream, from this copy of the package or another (duplicate installs). */
function hasBatches(
  stream: AsyncIterable<ResponseStreamEvent>,
): stream is AsyncIterable<ResponseStreamEvent> & Pick<ResponseStream, 'nextBatch' | 'return'> {
  const candidate = stream as Partial<Pick<ResponseStream, 'nextBatch' | 'return'>>;
  return typeof candidate.nextBatch === 'function' && typeof candidate.return === 'function';
}
