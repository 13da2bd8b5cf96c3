export { APIPromise, type WithResponse } from './api-promise';
export { numberProblem, objectSchemaProblem } from './check-request-body';
export { APIFree, Responses } from './client';
export type { ClientOptions, RequestOptions } from './client-options';
export { DEFAULT_BASE_URL } from './client-settings';
export * from './errors';
export { outputText } from './output-text';
export { maskSecret, redactSecret } from './redact';
export { type ResponseInfo, ResponseStream } from './response-stream';
export {
  isRetryableError,
  isRetryableStreamError,
  retryDelay,
  shouldRetryResponse,
} from './retry-policy';
export type { FetchFunction } from './transport/fetch-transport';
export * from './wire/index';
