export { abortError } from './abort-error';
export { APIPromise, type WithResponse } from './api-promise';
export { MINIMUM_NODE_VERSION } from './check-node-version';
export { numberProblem, objectSchemaProblem } from './check-request-body';
export { APIFree, Responses } from './client';
export type { ClientOptions, RequestOptions } from './client-options';
export { DEFAULT_BASE_URL } from './client-settings';
export { type ErrorDetails, readErrorDetails } from './error-details';
export * from './errors';
export { createEventNormalizer, type EventNormalizer } from './normalize/create-event-normalizer';
export {
  classifyFailure,
  classifyFinish,
  type Finish,
  type FinishKind,
} from './normalize/finish';
export { normalizeEventBatches, normalizeEvents } from './normalize/normalize-events';
export type { OutputEvent } from './normalize/output-event';
export { type OutputPart, type ResponseOutput, readResponse } from './normalize/read-response';
export { normalizeUsage, type Usage } from './normalize/usage';
export { outputText } from './output-text';
export { maskSecret, redactSecret } from './redact';
export {
  buildRequestBody,
  type OutputFormat,
  type RequestSettings,
  type RequestWarning,
} from './request/build-request-body';
export { type FunctionDefinition, functionTool } from './request/function-tool';
export {
  REASONING_NOT_REPLAYABLE,
  replayReasoning,
  storedReasoningItem,
} from './request/reasoning-replay';
export { type ResponseInfo, ResponseStream } from './response-stream';
export {
  isRetryableError,
  isRetryableStreamError,
  retryDelay,
  shouldRetryResponse,
} from './retry-policy';
export type { FetchFunction } from './transport/fetch-transport';
export * from './wire/index';
