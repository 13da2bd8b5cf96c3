import { abortError } from './abort-error';
import { APIPromise, type WithResponse } from './api-promise';
import { checkRequestBody } from './check-request-body';
import type { ClientOptions, RequestOptions } from './client-options';
import {
  type ClientSettings,
  resolveClientSettings,
  resolveRequestSettings,
} from './client-settings';
import { defaultTransport } from './default-transport';
import {
  APIConnectionError,
  type APIError,
  APIFreeConfigurationError,
  APIStreamError,
} from './errors';
import { makeAPIError } from './make-api-error';
import { type AbortReason, mapTransportError } from './map-transport-error';
import { readBounded } from './read-bounded';
import { type ResponseInfo, ResponseStream, responseFailedError } from './response-stream';
import { retryDelay, shouldRetryResponse } from './retry-policy';
import { maskSecret } from './secret/mask-secret';
import { createRedactor, type Redactor } from './secret/redactor';
import { sleep } from './sleep';
import { createFetchTransport } from './transport/fetch-transport';
import type { Transport, TransportBody, TransportResponse } from './transport/transport';
import { responseProblem } from './wire/check-shape';
import type {
  ResponseCreateParams,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
} from './wire/request';
import type { Response } from './wire/response';
import type { ResponseStreamEvent } from './wire/stream-events';

type ResolvedRequest = ReturnType<typeof resolveRequestSettings>;

/** How much of an error body is kept: enough for any real error object, never a flood. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The APIFree client.
 *
 * @example
 * import { APIFree, outputText } from '@apifree/core';
 * const client = new APIFree(); // reads APIFREE_API_KEY
 * const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi' });
 * console.log(outputText(response));
 */
export class APIFree {
  /** `POST /v1/responses`. */
  readonly responses: Responses;
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  #settings: ClientSettings;
  #transport: Transport;
  #redactor: Redactor;

  constructor(options: ClientOptions = {}) {
    this.#settings = resolveClientSettings(options);
    this.#redactor = createRedactor(this.#settings.apiKey);
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new APIFreeConfigurationError('fetch', 'The fetch option must be a function.');
    }
    this.#transport = options.fetch ? createFetchTransport(options.fetch) : defaultTransport();
    this.baseURL = this.#settings.baseURL;
    this.timeout = this.#settings.timeout;
    this.maxRetries = this.#settings.maxRetries;
    this.responses = new Responses(this);
  }

  /** @internal Sends a request with the retry policy; resolves once headers arrive. */
  async post(
    path: string,
    payload: string,
    options: RequestOptions,
    stream: boolean,
  ): Promise<WithResponse<Response | ResponseStream>> {
    const request = resolveRequestSettings(this.#settings, options);
    if (request.signal?.aborted) throw abortError(request.signal);
    const url = `${this.#settings.baseURL}${path}`;
    const headers = this.#headers(request, stream);
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(url, headers, payload, request, stream);
      if (outcome.kind === 'done') return outcome.result;
      if (attempt >= request.maxRetries || !outcome.retryable) throw outcome.error;
      await sleep(retryDelay(attempt, outcome.headers), request.signal);
    }
  }

  async #attempt(
    url: string,
    headers: Record<string, string>,
    payload: string,
    request: ResolvedRequest,
    stream: boolean,
  ) {
    const controller = new AbortController();
    const onUserAbort = () =>
      controller.abort({ kind: 'user', signal: request.signal } satisfies AbortReason);
    request.signal?.addEventListener('abort', onUserAbort, { once: true });
    const release = () => request.signal?.removeEventListener('abort', onUserAbort);
    const timer = setTimeout(
      () =>
        controller.abort({ kind: 'timeout', milliseconds: request.timeout } satisfies AbortReason),
      request.timeout,
    );
    let response: TransportResponse;
    try {
      response = await this.#transport({
        url,
        method: 'POST',
        headers,
        body: payload,
        signal: controller.signal,
        timeout: request.timeout,
      });
    } catch (cause) {
      clearTimeout(timer);
      release();
      const error = mapTransportError(cause, controller.signal, url, 'request', this.#redactor);
      if (!(error instanceof APIConnectionError)) throw error;
      return { kind: 'retry' as const, error, retryable: true, headers: undefined };
    }
    // Until the stream is handed over, this attempt owns the timer and the abort listener.
    let handedOver = false;
    const responseHeaders = this.#redactor.headers(response.headers);
    const info: ResponseInfo = {
      status: response.status,
      headers: responseHeaders,
      requestId: responseHeaders.get('x-request-id') ?? undefined,
    };
    try {
      if (response.status < 200 || response.status >= 300) {
        const error = await this.#httpError(response, info, controller.signal, url);
        return {
          kind: 'retry' as const,
          error,
          retryable: shouldRetryResponse(error.status, error.headers, error.code),
          headers: info.headers,
        };
      }
      if (stream && info.headers.get('content-type')?.includes('application/json')) {
        // A server that cannot stream (or fails before it starts) may answer with JSON: an
        // answer is streamed as its terminal event, an error body reported as an error.
        const text = await this.#readAnswer(response, controller.signal, url, info);
        response = { ...response, body: terminalEventBody(this.#streamedJSON(text, info)) };
      }
      if (stream) {
        clearTimeout(timer);
        handedOver = true;
        return {
          kind: 'done' as const,
          result: {
            data: this.#stream(response, info, controller, request, url, release),
            response: info,
          },
        };
      }
      const text = await this.#readAnswer(response, controller.signal, url, info);
      return {
        kind: 'done' as const,
        result: { data: this.#parseJSON(text, info), response: info },
      };
    } catch (error) {
      // A body that broke off while being read is a connection failure, retried like one.
      if (error instanceof APIConnectionError)
        return { kind: 'retry' as const, error, retryable: true, headers: undefined };
      throw error;
    } finally {
      if (!handedOver) {
        clearTimeout(timer);
        release();
      }
    }
  }

  async #httpError(
    response: TransportResponse,
    info: ResponseInfo,
    signal: AbortSignal,
    url: string,
  ): Promise<APIError> {
    const { text, truncated } = await this.#read(response, signal, url, MAX_ERROR_BODY_BYTES);
    return this.#errorFromBody(text, truncated, info);
  }

  #errorFromBody(text: string, truncated: boolean, info: ResponseInfo): APIError {
    const redactor = this.#redactor;
    let body: unknown;
    try {
      body = redactor.value(JSON.parse(text));
    } catch {
      // A non-JSON error body (a proxy's HTML page, say) is kept as text.
      body = redactor.text(text);
    }
    const error = makeAPIError(
      info.status,
      info.headers,
      body,
      typeof body === 'string' ? body : JSON.stringify(body),
      truncated ? MAX_ERROR_BODY_BYTES : undefined,
    );
    return error;
  }

  /** Reads a body as text, at most `limit` bytes; a longer body is cut there and closed. */
  async #read(
    response: TransportResponse,
    signal: AbortSignal,
    url: string,
    limit: number,
  ): Promise<{ text: string; truncated: boolean }> {
    try {
      return await readBounded(response.body, limit);
    } catch (cause) {
      throw mapTransportError(cause, signal, url, 'request', this.#redactor);
    }
  }

  /** A JSON answer's text, at most maxResponseSize bytes: a larger one is a typed error. */
  async #readAnswer(
    response: TransportResponse,
    signal: AbortSignal,
    url: string,
    info: ResponseInfo,
  ): Promise<string> {
    const { text, truncated } = await this.#read(
      response,
      signal,
      url,
      this.#settings.maxResponseSize,
    );
    if (!truncated) return text;
    throw new APIStreamError({
      message: `APIFree answered with a response larger than maxResponseSize (${this.#settings.maxResponseSize} bytes); it was not read further. Raise maxResponseSize if you expect answers this large.`,
      code: 'response_too_large',
      requestId: info.requestId,
    });
  }

  /**
   * The response object of a JSON answer, checked. A response whose status is `failed`
   * throws the same {@link APIResponseFailedError} a streamed `response.failed` does.
   */
  #parseJSON(text: string, info: ResponseInfo): Response {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.#invalidResponse('a body that is not JSON', text, info);
    }
    const problem = responseProblem(value, true);
    if (problem !== undefined) throw this.#invalidResponse(problem, text, info);
    const response = value as Response;
    if (response.status === 'failed') {
      throw responseFailedError(response, { requestId: info.requestId, redactor: this.#redactor });
    }
    return response;
  }

  /**
   * The terminal event standing for a JSON body sent to a streaming request: a response
   * object (checked like any JSON answer; `failed` throws its error), or, for anything
   * else (`{"error": …}`), the error the body describes.
   */
  #streamedJSON(text: string, info: ResponseInfo): ResponseStreamEvent {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.#invalidResponse('a body that is not JSON', text, info);
    }
    const isResponse =
      typeof value === 'object' &&
      value !== null &&
      ((value as { object?: unknown }).object === 'response' ||
        Array.isArray((value as { output?: unknown }).output));
    if (!isResponse) throw this.#errorFromBody(text, false, info);
    const answer = this.#parseJSON(text, info);
    const status = answer.status ?? 'completed';
    if (status === 'completed') return { type: 'response.completed', response: answer };
    if (status === 'incomplete') return { type: 'response.incomplete', response: answer };
    throw this.#invalidResponse(
      `a streaming request answered with a response whose status is ${JSON.stringify(status)}`,
      text,
      info,
    );
  }

  #invalidResponse(problem: string, text: string, info: ResponseInfo): APIStreamError {
    return new APIStreamError({
      message: `APIFree answered HTTP ${info.status} with a response this client cannot read (${this.#redactor.text(problem)}): ${this.#redactor.preview(text, 200)}`,
      code: 'invalid_response',
      requestId: info.requestId,
    });
  }

  #stream(
    response: TransportResponse,
    info: ResponseInfo,
    controller: AbortController,
    request: ResolvedRequest,
    url: string,
    release: () => void,
  ): ResponseStream {
    const iterator = response.body[Symbol.asyncIterator]();
    const idle = request.streamIdleTimeout;
    // One timer per stream, not per chunk: armed while a read is pending, it re-arms itself
    // from the last progress and fires only when a read waited `idle` ms for data.
    let reading = false;
    let lastProgress = 0;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = (delay: number) => {
      watchdog = setTimeout(check, delay);
      // A pending read holds the socket, which keeps the process alive; the timer need not.
      (watchdog as { unref?: () => void }).unref?.();
    };
    const check = () => {
      watchdog = undefined;
      if (!reading) return;
      const waited = performance.now() - lastProgress;
      if (waited >= idle)
        controller.abort({ kind: 'idle', milliseconds: idle } satisfies AbortReason);
      else arm(idle - waited);
    };
    let closed = false;
    const stop = (end: () => void) => {
      if (closed) return;
      closed = true;
      clearTimeout(watchdog);
      release();
      end();
    };
    const chunks: AsyncIterator<Uint8Array> = {
      next: async () => {
        reading = true;
        lastProgress = performance.now();
        if (watchdog === undefined) arm(idle);
        try {
          return await iterator.next();
        } catch (cause) {
          // Closed by the caller (break, abort()) while a read was pending: the stream just ends.
          if (closed) return { done: true, value: undefined };
          throw mapTransportError(cause, controller.signal, url, 'stream', this.#redactor);
        } finally {
          reading = false;
          lastProgress = performance.now();
        }
      },
    };
    return new ResponseStream(info, {
      chunks,
      close: () => stop(() => response.body.cancel()),
      finish: () => stop(() => response.body.finish()),
      redactor: this.#redactor,
      maxEventSize: this.#settings.maxEventSize,
    });
  }

  #headers(request: ResolvedRequest, stream: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: stream ? 'text/event-stream' : 'application/json',
      'content-type': 'application/json',
      ...lowercase(this.#settings.headers),
    };
    for (const [name, value] of Object.entries(headers))
      if (value === undefined) delete headers[name];
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value === undefined) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    headers.authorization = `Bearer ${this.#settings.apiKey}`;
    return headers;
  }

  /** What `JSON.stringify(client)` shows: the settings, never the key. */
  toJSON(): Record<string, unknown> {
    return {
      baseURL: this.baseURL,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      apiKey: maskSecret(this.#settings.apiKey),
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `APIFree ${JSON.stringify(this.toJSON())}`;
  }
}

/** `client.responses`: the `/responses` endpoint. */
export class Responses {
  #client: APIFree;

  /** @internal */
  constructor(client: APIFree) {
    this.#client = client;
  }

  /** The URL requests go to: `${baseURL}/responses`. */
  get url(): string {
    return `${this.#client.baseURL}/responses`;
  }

  /**
   * Creates a response. With `stream: true` resolves to a {@link ResponseStream} once
   * the headers arrive; otherwise to the response object.
   *
   * @example
   * const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true });
   * for await (const event of stream) if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
   */
  create(body: ResponseCreateParamsStreaming, options?: RequestOptions): APIPromise<ResponseStream>;
  create(body: ResponseCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Response>;
  create(
    body: ResponseCreateParams,
    options?: RequestOptions,
  ): APIPromise<Response | ResponseStream>;
  create(
    body: ResponseCreateParams,
    options: RequestOptions = {},
  ): APIPromise<Response | ResponseStream> {
    return new APIPromise(
      Promise.resolve().then(() => {
        const payload = checkRequestBody(body);
        return this.#client.post('/responses', payload, options, body.stream === true);
      }),
    );
  }
}

function lowercase(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

/** A stream body holding one event: what a JSON answer to a streaming request reads as. */
function terminalEventBody(event: ResponseStreamEvent): TransportBody {
  const bytes = new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`);
  return {
    async *[Symbol.asyncIterator]() {
      yield bytes;
    },
    cancel() {},
    finish() {},
  };
}
