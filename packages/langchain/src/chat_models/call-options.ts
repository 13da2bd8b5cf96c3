import type { FetchFunction, ModelId, ReasoningConfig, TextFormat } from '@apifree/core';
import type {
  BaseChatModelCallOptions,
  BaseChatModelParams,
  BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { SystemMessageMode } from '../converters/messages-to-input';

/**
 * The OpenAI Chat Completions `response_format` that `createAgent` sends for native
 * structured output; mapped to the Responses `text.format`.
 */
export type ChatCompletionsResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; description?: string; schema: unknown; strict?: boolean | null };
    };

/** Options of one call (`invoke(input, options)`, `bind`, `withConfig`). */
export interface ChatAPIFreeCallOptions extends BaseChatModelCallOptions {
  /** Tools the model may call (any form `bindTools` accepts). Usually set with `bindTools`. */
  tools?: BindToolsInput[];
  /** Whether the model may call several tools in one turn (`parallel_tool_calls`). */
  parallel_tool_calls?: boolean;
  /** `strict` for every function tool (the schema must then be strict-compatible). */
  strict?: boolean;
  /** Chat Completions-style output format, as `createAgent` sends it. */
  response_format?: ChatCompletionsResponseFormat;
  /** The Responses `text` options (`format`, `verbosity`); wins over `response_format`. */
  text?: { format?: TextFormat; verbosity?: 'low' | 'medium' | 'high' | null };
  /** Reasoning effort and summary for reasoning models. */
  reasoning?: ReasoningConfig;
  /** The Responses `instructions` for this call. */
  instructions?: string;
  /** The Responses `metadata` (string key/values). Named so because `metadata` is LangChain's tracing metadata. */
  requestMetadata?: Record<string, string>;
  /** Continue from a stored response (`previous_response_id`). */
  previousResponseId?: string;
  /** Extra output to include, e.g. `["reasoning.encrypted_content"]`. */
  include?: string[];
  /** Whether the server stores the response. */
  store?: boolean;
  /** `prompt_cache_key` for prompt caching. */
  promptCacheKey?: string;
  /** HTTP headers for this request. */
  headers?: Record<string, string>;
}

/** Options of {@link ChatAPIFree}. */
export interface ChatAPIFreeInput extends BaseChatModelParams {
  /** Model id, e.g. `"gpt-4.1-mini"` or `"gpt-5-mini"`. */
  model: ModelId;
  /** Defaults to the `APIFREE_API_KEY` environment variable. Kept out of every trace and serialization. */
  apiKey?: string;
  /** Defaults to `APIFREE_BASE_URL`, else `https://api.apifree.ai/v1`. */
  baseURL?: string;
  temperature?: number;
  topP?: number;
  /** `max_output_tokens`. */
  maxTokens?: number;
  /** `invoke` streams under the hood and reports tokens to callbacks. */
  streaming?: boolean;
  /** Milliseconds before a request (or a silent stream) fails. Default 600 000. */
  timeout?: number;
  /** Milliseconds a stream may stay silent before it fails. Default: `timeout`. */
  streamIdleTimeout?: number;
  /** Largest JSON answer, in bytes, before the call fails with `response_too_large`. Default 32 MiB. */
  maxResponseSize?: number;
  /** Largest single stream event, in characters, before the stream fails. Default 32 Mi. */
  maxEventSize?: number;
  /** Reasoning effort and summary for reasoning models (`{ effort: "low", summary: "auto" }`). */
  reasoning?: ReasoningConfig;
  /** The Responses `instructions` sent with every call. */
  instructions?: string;
  /** The Responses `metadata` sent with every call. */
  requestMetadata?: Record<string, string>;
  /** Whether the server stores responses (needed for `previousResponseId`). */
  store?: boolean;
  parallelToolCalls?: boolean;
  /** Extra output to include, e.g. `["reasoning.encrypted_content"]` with `store: false`. */
  include?: string[];
  /** `"input"` (default): system messages stay in `input`; `"instructions"`: leading ones become `instructions`. */
  systemMessageMode?: SystemMessageMode;
  /** More request body fields, sent as given. */
  modelKwargs?: Record<string, unknown>;
  /** HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` to use instead of core's transport (proxies, tests). */
  fetch?: FetchFunction;
}
