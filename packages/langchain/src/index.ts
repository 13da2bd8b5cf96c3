export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIFreeConfigurationError,
  APIFreeError,
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
export {
  ChatAPIFree,
  type ChatAPIFreeCallOptions,
  type ChatAPIFreeInput,
  type ChatCompletionsResponseFormat,
  type StructuredOutputSchema,
} from './chat_models/chat-apifree';
export { ResponseEventsToChunks } from './converters/events-to-chunks';
export {
  type MessagesToInputOptions,
  messagesToInput,
  type ResponsesInput,
  type StoredReasoningItem,
  type SystemMessageMode,
} from './converters/messages-to-input';
export { responseToMessage } from './converters/response-to-message';
export { convertToolChoice, convertToResponsesTools } from './converters/tools';
export { getModelProfile } from './profile';
