import { createSSEDecoder, type SSEDecoder } from './decode-events';
import { readErrorDetails } from './error-details';
import { APIResponseFailedError, APIStreamError, APIStreamTruncatedError } from './errors';
import type { Redactor } from './secret/redactor';
import { streamEventProblem } from './wire/check-shape';
import type { Response } from './wire/response';
import type { ErrorEvent, ResponseFailedEvent, ResponseStreamEvent } from './wire/stream-events';

/** The HTTP side of a response: what adapters report to their frameworks. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** `x-request-id`: quote it when asking APIFree support. */
  requestId: string | undefined;
}

/** @internal What the client hands a stream: typed-error-mapped chunks and a way to stop them. */
export interface StreamSource {
  chunks: AsyncIterator<Uint8Array>;
  /** Stops the request now (break, abort, error). */
  close(): void;
  /** The answer is complete: release the connection, keeping it for reuse if it ends soon. */
  finish(): void;
  /** Masks the API key in everything the stream reports. */
  redactor: Redactor;
  maxEventSize: number;
}

/**
 * A streamed response: an async iterable of typed events that ends at the terminal
 * event. `break` out of the loop closes the HTTP request; so does the request's
 * `AbortSignal`. The body is read only as fast as the loop consumes events.
 *
 * Events of types this package does not model are delivered unchanged; the fields of
 * known ones are checked first, so a malformed event ends iteration with an
 * {@link APIStreamError} of code `invalid_event` rather than reaching your code. An
 * `error` event ends iteration with an {@link APIStreamError}, `response.failed` with an
 * {@link APIResponseFailedError} (after the events before it were delivered); a body
 * that ends before the terminal event throws {@link APIStreamTruncatedError}.
 *
 * @example
 * const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true });
 * for await (const event of stream) {
 *   if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
 * }
 * const response = await stream.finalResponse();
 */
export class ResponseStream implements AsyncIterableIterator<ResponseStreamEvent> {
  /** Status, headers and request id of the HTTP response. */
  readonly response: ResponseInfo;
  #source: StreamSource;
  #decoder: SSEDecoder;
  #queue: ResponseStreamEvent[] = [];
  #head = 0;
  #pendingError: Error | undefined;
  /** No more events will be queued: terminal event, error, or input ended. */
  #inputDone = false;
  #closed = false;
  #terminal: Response | undefined;
  /** The error the stream ended with, for `finalResponse()` after iteration threw it. */
  #failure: Error | undefined;
  #bytesRead = 0;

  /** @internal */
  constructor(response: ResponseInfo, source: StreamSource) {
    this.response = response;
    this.#source = source;
    this.#decoder = createSSEDecoder(
      (data, eventName) => this.#onMessage(data, eventName),
      (limit) =>
        this.#fail(
          this.#error(
            `A stream event was larger than maxEventSize (${limit} characters); the stream was stopped. Raise maxEventSize if you expect events this large.`,
            'event_too_large',
          ),
        ),
      source.maxEventSize,
    );
  }

  /** Body bytes read so far (what the events delivered up to now arrived in). */
  get bytesRead(): number {
    return this.#bytesRead;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ResponseStreamEvent>> {
    for (;;) {
      if (this.#head < this.#queue.length) {
        const value = this.#queue[this.#head++]!;
        if (this.#head === this.#queue.length) {
          this.#queue = [];
          this.#head = 0;
        }
        return { done: false, value };
      }
      if (this.#pendingError) {
        const error = this.#pendingError;
        this.#pendingError = undefined;
        this.#failure = error;
        this.#close();
        throw error;
      }
      if (this.#inputDone || this.#closed) {
        this.#close();
        return { done: true, value: undefined };
      }
      let chunk: IteratorResult<Uint8Array>;
      try {
        chunk = await this.#source.chunks.next();
      } catch (error) {
        this.#failure = error as Error;
        this.#close();
        throw error;
      }
      if (chunk.done) this.#endOfInput();
      else {
        this.#bytesRead += chunk.value.byteLength;
        this.#decoder.push(chunk.value);
      }
    }
  }

  /**
   * Every event that has arrived and not been read yet, at least one (waiting for it if
   * none has), or `undefined` once the stream is over; throws what `next()` throws. One
   * await per network read instead of one per event, for consumers that handle events
   * synchronously (the adapters). Mixing it with `next()` is fine: each event is given once.
   *
   * @example
   * for (let batch = await stream.nextBatch(); batch; batch = await stream.nextBatch()) {
   *   for (const event of batch) if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
   * }
   */
  async nextBatch(): Promise<ResponseStreamEvent[] | undefined> {
    const first = await this.next();
    if (first.done) return undefined;
    if (this.#head >= this.#queue.length) return [first.value];
    const batch = [first.value];
    for (let index = this.#head; index < this.#queue.length; index++)
      batch.push(this.#queue[index]!);
    this.#queue = [];
    this.#head = 0;
    return batch;
  }

  /** Called by `break`: stops reading and closes the HTTP request. */
  async return(): Promise<IteratorResult<ResponseStreamEvent>> {
    this.#close();
    return { done: true, value: undefined };
  }

  /**
   * The terminal response object (`response.completed` or `response.incomplete`),
   * reading the rest of the stream first if needed. Throws the stream's error if it
   * failed.
   */
  async finalResponse(): Promise<Response> {
    while (!(await this.next()).done) {
      // Draining: the events were already delivered to whoever iterated.
    }
    if (!this.#terminal) {
      if (this.#failure) throw this.#failure;
      throw new APIStreamError({
        message: 'The stream was closed before its terminal event, so there is no final response.',
        code: 'stream_closed',
        requestId: this.response.requestId,
      });
    }
    return this.#terminal;
  }

  /** Stops reading and closes the HTTP request. */
  abort(): void {
    this.#close();
  }

  #close(): void {
    this.#inputDone = true;
    if (this.#closed) return;
    this.#closed = true;
    this.#source.close();
  }

  #fail(error: Error): void {
    if (this.#inputDone) return;
    this.#pendingError = error;
    this.#inputDone = true;
  }

  #endOfInput(): void {
    this.#decoder.end();
    this.#truncated();
  }

  #truncated(): void {
    if (this.#inputDone) return;
    this.#fail(
      new APIStreamTruncatedError({
        message:
          'The connection closed before the response finished (no response.completed event): the answer is incomplete. Retry the request.',
        code: 'stream_truncated',
        requestId: this.response.requestId,
      }),
    );
  }

  #onMessage(data: string, eventName: string | undefined): void {
    if (this.#inputDone) return;
    try {
      this.#handleMessage(data, eventName);
    } catch (cause) {
      // A server can send any JSON; a shape this code did not expect must end the stream with a typed error, never a TypeError.
      this.#fail(
        this.#error('APIFree sent an event this client could not read.', 'invalid_event', cause),
      );
    }
  }

  #handleMessage(data: string, eventName: string | undefined): void {
    // Some servers send empty `data:` lines as keep-alives.
    if (data.trim() === '') return;
    if (data === '[DONE]') {
      this.#truncated();
      return;
    }
    let event: ResponseStreamEvent;
    try {
      event = JSON.parse(data);
    } catch {
      // The parser's own message quotes the raw data; the redacted preview says the same safely.
      this.#fail(
        this.#error(
          `APIFree sent an event that is not valid JSON: ${this.#source.redactor.preview(data, 200)}`,
          'invalid_event',
        ),
      );
      return;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      this.#fail(
        this.#error(
          `APIFree sent an event that is not a JSON object: ${this.#source.redactor.preview(data, 200)}`,
          'invalid_event',
        ),
      );
      return;
    }
    if (typeof event.type !== 'string') {
      if (eventName === undefined) return;
      (event as { type: string }).type = eventName;
    }
    switch (event.type) {
      case 'error':
        this.#fail(this.#errorFromEvent(event as ErrorEvent));
        return;
      case 'response.failed':
        this.#fail(this.#errorFromFailed(event as ResponseFailedEvent));
        return;
    }
    const problem = streamEventProblem(event as unknown as Record<string, unknown>);
    if (problem !== undefined) {
      this.#fail(
        this.#error(
          `APIFree sent a ${this.#source.redactor.text(event.type)} event this client cannot read: ${this.#source.redactor.text(problem)}.`,
          'invalid_event',
        ),
      );
      return;
    }
    switch (event.type) {
      case 'response.completed':
      case 'response.incomplete':
        this.#terminal = event.response;
        this.#queue.push(event);
        this.#inputDone = true;
        this.#closed = true;
        this.#source.finish();
        return;
      default:
        this.#queue.push(event);
    }
  }

  #error(message: string, code: string, cause?: unknown): APIStreamError {
    return new APIStreamError({ message, code, requestId: this.response.requestId, cause });
  }

  #errorFromEvent(event: ErrorEvent): APIStreamError {
    const details = readErrorDetails(this.#source.redactor.value(event));
    return new APIStreamError({
      message: `APIFree reported an error during the stream${details.code ? ` (${details.code})` : ''}: ${details.message ?? 'no message'}`,
      code: details.code ?? null,
      // A flat error event's own `type` is the event type, not the error's.
      type: details.type === undefined || details.type === 'error' ? null : details.type,
      param: details.param ?? null,
      requestId: this.response.requestId,
      event: this.#source.redactor.value(event),
    });
  }

  #errorFromFailed(event: ResponseFailedEvent): APIResponseFailedError {
    return responseFailedError(event.response, {
      requestId: this.response.requestId,
      redactor: this.#source.redactor,
      event,
    });
  }
}

/**
 * The error of a failed response (`status: "failed"`), streamed or not: the server's
 * code and message, masked, with the response (and the event, when streamed) kept.
 */
export function responseFailedError(
  response: unknown,
  options: { requestId: string | undefined; redactor: Redactor; event?: unknown },
): APIResponseFailedError {
  const { redactor } = options;
  const safe = redactor.value(response);
  const details = readErrorDetails((safe as { error?: unknown } | undefined)?.error ?? {});
  return new APIResponseFailedError({
    message: `The response failed${details.code ? ` (${details.code})` : ''}: ${details.message ?? 'no reason given'}`,
    code: details.code ?? null,
    type: details.type ?? null,
    param: details.param ?? null,
    requestId: options.requestId,
    response: safe,
    ...(options.event !== undefined && { event: redactor.value(options.event) }),
  });
}
