import type { ResponseInfo } from './response-stream';

/** A result together with the HTTP response it came from. */
export interface WithResponse<T> {
  data: T;
  response: ResponseInfo;
}

/**
 * The promise `create` returns: await it for the data, or call `withResponse()` for the
 * data and the HTTP status, headers and request id.
 *
 * @example
 * const { data, response } = await client.responses.create(body).withResponse();
 * console.log(response.requestId, data.id);
 */
export class APIPromise<T> implements PromiseLike<T> {
  #result: Promise<WithResponse<T>>;

  /** @internal */
  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
  }

  /** The data and the HTTP response (status, headers, request id). */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  // biome-ignore lint/suspicious/noThenProperty: an APIPromise is a thenable on purpose, like a Promise.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then((result) => result.data).then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }
}
