import { createSSEDecoder, type SSEDecoder } from './decode-events';
import { APIStreamError, APIStreamTruncatedError } from './errors';
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
  redact(text: string): string;
  maxEventSize: number;
}

/**
 * A streamed response: an async iterable of typed events that ends at the terminal
 * event. `break` out of the loop closes the HTTP request; so does the request's
 * `AbortSignal`. The body is read only as fast as the loop consumes events.
 *
 * Events of types this package does not model are delivered unchanged. An `error`
 * event or `response.failed` ends iteration with an {@link APIStreamError} (after the
 * events before it were delivered); a body that ends before the terminal event throws
 * {@link APIStreamTruncatedError}.
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

  /** @internal */
  constructor(response: ResponseInfo, source: StreamSource) {
    this.response = response;
    this.#source = source;
    this.#decoder = createSSEDecoder(
      (data, eventName) => this.#onMessage(data, eventName),
      (limit) =>
        this.#fail(
          this.#error(
            `An event exceeded ${limit} characters; the stream was stopped.`,
            'event_too_large',
          ),
        ),
      source.maxEventSize,
    );
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
      else this.#decoder.push(chunk.value);
    }
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
          `APIFree sent an event that is not valid JSON: ${preview(this.#source.redact(data))}`,
          'invalid_event',
        ),
      );
      return;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      this.#fail(
        this.#error(
          `APIFree sent an event that is not a JSON object: ${preview(this.#source.redact(data))}`,
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
    const nested = event.error as unknown;
    const details: Record<string, unknown> =
      typeof nested === 'object' && nested !== null
        ? (nested as Record<string, unknown>)
        : (event as unknown as Record<string, unknown>);
    const message = text(details.message) ?? (typeof nested === 'string' ? nested : undefined);
    const code = text(details.code);
    const type = text(details.type);
    return new APIStreamError({
      message: `APIFree reported an error during the stream${code ? ` (${code})` : ''}: ${this.#source.redact(message || 'no message')}`,
      code: code ?? null,
      type: type && type !== 'error' ? type : null,
      param: text(details.param) ?? null,
      requestId: this.response.requestId,
      event: redactDeep(event, this.#source.redact),
    });
  }

  #errorFromFailed(event: ResponseFailedEvent): APIStreamError {
    const failure = (event.response?.error ?? undefined) as Record<string, unknown> | undefined;
    const code = text(failure?.code);
    return new APIStreamError({
      message: `The response failed${code ? ` (${code})` : ''}: ${this.#source.redact(text(failure?.message) || 'no reason given')}`,
      code: code ?? null,
      type: text(failure?.type) ?? null,
      requestId: this.response.requestId,
      response: redactDeep(event.response, this.#source.redact),
      event: redactDeep(event, this.#source.redact),
    });
  }
}

/** A field the server should send as a string; anything else counts as absent. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function preview(data: string): string {
  return data.length > 200 ? `${data.slice(0, 200)}…` : data;
}

function redactDeep<T>(value: T, redact: (text: string) => string): T {
  const json = JSON.stringify(value);
  const redacted = redact(json);
  return redacted === json ? value : (JSON.parse(redacted) as T);
}
