export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIFreeConfigurationError,
  APIFreeError,
  APIResponseFailedError,
  APIStreamError,
  APIStreamTruncatedError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isRetryableError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '@apifree/core';
export type {
  ChatAPIFreeCallOptions,
  ChatAPIFreeInput,
  ChatCompletionsResponseFormat,
} from './chat_models/call-options';
export { ChatAPIFree } from './chat_models/chat-apifree';
export type { StructuredOutputSchema } from './chat_models/structured-output';
export {
  type MessagesToInputOptions,
  messagesToInput,
  type ResponsesInput,
  type StoredReasoningItem,
  type SystemMessageMode,
} from './converters/messages-to-input';
export { OutputEventsToChunks } from './converters/output-events-to-chunks';
export { outputToMessage, responseToMessage } from './converters/response-to-message';
export { convertToolChoice, convertToResponsesTools } from './converters/tools';
export { getModelProfile } from './profile';
