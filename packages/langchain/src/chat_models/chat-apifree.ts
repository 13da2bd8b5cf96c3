import {
  APIFree,
  APIFreeConfigurationError,
  type FetchFunction,
  type ModelId,
  numberProblem,
  objectSchemaProblem,
  type ReasoningConfig,
  type ResponseCreateParamsBase,
  type TextFormat,
} from '@apifree/core';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import { convertChunksToEvents } from '@langchain/core/language_models/compat';
import type { ChatModelStreamEvent, FinishReason } from '@langchain/core/language_models/event';
import type { ModelProfile } from '@langchain/core/language_models/profile';
import {
  assembleStructuredOutputPipeline,
  createContentParser,
  createFunctionCallingParser,
} from '@langchain/core/language_models/structured_output';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { isSerializableSchema } from '@langchain/core/utils/standard_schema';
import { isInteropZodSchema } from '@langchain/core/utils/types';
import { ResponseEventsToChunks } from '../converters/events-to-chunks';
import { messagesToInput, type SystemMessageMode } from '../converters/messages-to-input';
import { responseToMessage } from '../converters/response-to-message';
import { convertToolChoice, convertToResponsesTools } from '../converters/tools';
import { getModelProfile } from '../profile';
import { markRetryability } from '../utils/errors';

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

/** The request body without `input`. (`Omit` would drop the known keys: the type has an index signature.) */
type ResponsesBody = {
  [Key in keyof ResponseCreateParamsBase as Key extends 'input'
    ? never
    : Key]: ResponseCreateParamsBase[Key];
};

/**
 * An APIFree chat model for LangChain.js: chains, `createAgent`, LangGraph.
 * Talks to APIFree's OpenAI Responses-compatible `POST /v1/responses` through
 * `@apifree/core`. Retries go through LangChain's `AsyncCaller` (`maxRetries`).
 *
 * @example
 * ```ts
 * import { ChatAPIFree } from '@apifree/langchain';
 *
 * const model = new ChatAPIFree({ model: 'gpt-4.1-mini' }); // key from APIFREE_API_KEY
 * const message = await model.invoke('Write a haiku about rivers.');
 * console.log(message.text, message.usage_metadata);
 * ```
 */
export class ChatAPIFree extends BaseChatModel<ChatAPIFreeCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'ChatAPIFree';
  }

  override lc_serializable = true;

  override get lc_secrets(): { [key: string]: string } | undefined {
    return { apiKey: 'APIFREE_API_KEY' };
  }

  override get lc_aliases(): Record<string, string> {
    return { apiKey: 'apifree_api_key' };
  }

  model: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  streaming = false;
  reasoning?: ReasoningConfig;
  instructions?: string;
  requestMetadata?: Record<string, string>;
  store?: boolean;
  parallelToolCalls?: boolean;
  include?: string[];
  systemMessageMode: SystemMessageMode = 'input';
  modelKwargs?: Record<string, unknown>;

  /** Private so neither the client nor the key it holds shows up when the model is logged. */
  #client: APIFree;

  constructor(fields: ChatAPIFreeInput) {
    super(checkFields(fields));
    this.model = fields.model;
    this.temperature = fields.temperature;
    this.topP = fields.topP;
    this.maxTokens = fields.maxTokens;
    this.streaming = fields.streaming ?? false;
    this.reasoning = fields.reasoning;
    this.instructions = fields.instructions;
    this.requestMetadata = fields.requestMetadata;
    this.store = fields.store;
    this.parallelToolCalls = fields.parallelToolCalls;
    this.include = fields.include;
    this.systemMessageMode = fields.systemMessageMode ?? 'input';
    this.modelKwargs = fields.modelKwargs;
    // Core's own retries are off: LangChain's AsyncCaller (this.caller) owns them.
    this.#client = new APIFree({
      apiKey: fields.apiKey,
      baseURL: fields.baseURL,
      timeout: fields.timeout,
      maxRetries: 0,
      headers: fields.headers,
      fetch: fields.fetch,
    });
  }

  _llmType(): string {
    return 'apifree';
  }

  /** What the model supports, read by `createAgent` and middleware. */
  override get profile(): ModelProfile {
    return getModelProfile(this.model);
  }

  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    return {
      ls_provider: 'apifree',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_temperature: this.temperature,
      ls_max_tokens: this.maxTokens,
      ls_stop: options.stop,
    };
  }

  /** The request body fields (without `input`), as sent for these call options. */
  override invocationParams(options?: this['ParsedCallOptions']): ResponsesBody {
    const body: ResponsesBody = {
      ...this.modelKwargs,
      model: this.model,
      temperature: this.temperature,
      top_p: this.topP,
      max_output_tokens: this.maxTokens,
      reasoning: options?.reasoning ?? this.reasoning,
      instructions: options?.instructions ?? this.instructions,
      metadata: options?.requestMetadata ?? this.requestMetadata,
      store: options?.store ?? this.store,
      parallel_tool_calls: options?.parallel_tool_calls ?? this.parallelToolCalls,
      include: options?.include ?? this.include,
      previous_response_id: options?.previousResponseId,
      prompt_cache_key: options?.promptCacheKey,
    };
    if (options?.tools && options.tools.length > 0) {
      body.tools = convertToResponsesTools(options.tools, { strict: options.strict });
    }
    const toolChoice = convertToolChoice(options?.tool_choice);
    if (toolChoice !== undefined) body.tool_choice = toolChoice;
    const format = options?.text?.format ?? toTextFormat(options?.response_format);
    if (format || options?.text?.verbosity)
      body.text = { ...options?.text, ...(format ? { format } : {}) };
    return Object.fromEntries(
      Object.entries(body).filter(([, value]) => value !== undefined),
    ) as ResponsesBody;
  }

  override _identifyingParams(): Record<string, unknown> {
    return { model_name: this.model, ...this.invocationParams() };
  }

  /**
   * Binds tools for every call. Accepts LangChain tools (zod or JSON-schema),
   * `RunnableLambda.asTool(...)`, `{ name, description, schema }`, OpenAI-format dicts
   * and Responses tools.
   *
   * @example
   * const withTools = model.bindTools([getWeather], { tool_choice: 'any' });
   */
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ChatAPIFreeCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatAPIFreeCallOptions> {
    // Converting now reports a bad tool where it was bound, not at the first call.
    convertToResponsesTools(tools);
    return this.withConfig({ ...kwargs, tools } as Partial<ChatAPIFreeCallOptions>);
  }

  /** `console.log(model)` and `util.inspect` show the serialized model: the key stays a secret reference. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ChatAPIFree ${JSON.stringify(this.toJSON())}`;
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    if (this.streaming) {
      let aggregate: ChatGenerationChunk | undefined;
      for await (const chunk of this._streamResponseChunks(messages, options, runManager)) {
        aggregate = aggregate === undefined ? chunk : aggregate.concat(chunk);
      }
      if (!aggregate) throw new Error('ChatAPIFree: the stream produced no output.');
      return { generations: [{ text: aggregate.text, message: aggregate.message }] };
    }
    options.signal?.throwIfAborted();
    const body = {
      ...this.invocationParams(options),
      ...this.#input(messages, options),
      stream: false as const,
    };
    const { data, response } = await this.caller.callWithOptions(
      { signal: options.signal, maxRetries: options.maxRetries },
      () =>
        this.#client.responses
          .create(body, this.#requestOptions(options))
          .withResponse()
          .catch(rethrowMarked),
    );
    const message = responseToMessage(data, { requestId: response.requestId });
    return { generations: [{ text: message.text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    options.signal?.throwIfAborted();
    const body = {
      ...this.invocationParams(options),
      ...this.#input(messages, options),
      stream: true as const,
    };
    const stream = await this.caller.callWithOptions(
      { signal: options.signal, maxRetries: options.maxRetries },
      () => this.#client.responses.create(body, this.#requestOptions(options)).catch(rethrowMarked),
    );
    const mapper = new ResponseEventsToChunks({ requestId: stream.response.requestId });
    for await (const event of stream) {
      for (const chunk of mapper.map(event)) {
        yield chunk;
        await runManager?.handleLLMNewToken(
          chunk.text,
          { prompt: 0, completion: 0 },
          undefined,
          undefined,
          undefined,
          { chunk },
        );
      }
    }
    mapper.finish();
  }

  /**
   * The content-block event stream (`streamEvents()` without a version). LangChain's
   * bridge from chunks always reports `reason: "stop"`; this reports the real finish
   * reason (`tool_use` after tool calls, `length`, `content_filter`) and the metadata.
   */
  override async *_streamChatModelEvents(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatModelStreamEvent> {
    let metadata: Record<string, unknown> = {};
    const chunks = this._streamResponseChunks(messages, options, runManager);
    async function* tap(): AsyncGenerator<ChatGenerationChunk> {
      for await (const chunk of chunks) {
        const chunkMetadata = chunk.message.response_metadata as Record<string, unknown>;
        if (chunkMetadata.finish_reason) metadata = chunkMetadata;
        yield chunk;
      }
    }
    for await (const event of convertChunksToEvents(tap(), { signal: options.signal })) {
      if (event.event !== 'message-finish') {
        yield event;
        continue;
      }
      const reason = STREAM_FINISH_REASONS[String(metadata.finish_reason)];
      yield { ...event, ...(reason ? { reason } : {}), responseMetadata: metadata };
    }
  }

  override withStructuredOutput<
    RunOutput extends Record<string, unknown> = Record<string, unknown>,
  >(
    outputSchema: StructuredOutputSchema<RunOutput>,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput>;
  override withStructuredOutput<
    RunOutput extends Record<string, unknown> = Record<string, unknown>,
  >(
    outputSchema: StructuredOutputSchema<RunOutput>,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }>;
  /**
   * A runnable that returns output matching `outputSchema` (zod, Standard Schema or
   * JSON Schema). Methods: `"functionCalling"` (default: a forced tool call),
   * `"jsonSchema"` (the Responses `text.format` with the schema) and `"jsonMode"`
   * (`json_object`). `includeRaw: true` returns `{ raw, parsed }`.
   *
   * @example
   * const extractor = model.withStructuredOutput(z.object({ city: z.string() }), { method: 'jsonSchema' });
   * const { city } = await extractor.invoke('I live in Lyon.');
   */
  override withStructuredOutput<
    RunOutput extends Record<string, unknown> = Record<string, unknown>,
  >(
    outputSchema: StructuredOutputSchema<RunOutput>,
    config?: StructuredOutputMethodOptions<boolean>,
  ):
    | Runnable<BaseLanguageModelInput, RunOutput>
    | Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }> {
    const method = config?.method ?? 'functionCalling';
    if (method !== 'functionCalling' && method !== 'jsonSchema' && method !== 'jsonMode') {
      throw new APIFreeConfigurationError(
        'method',
        `ChatAPIFree.withStructuredOutput: unknown method "${String(method)}"; use "functionCalling", "jsonSchema" or "jsonMode".`,
      );
    }
    const schema = outputSchema as Record<string, unknown>;
    const isSchemaObject =
      typeof schema === 'object' &&
      schema !== null &&
      (isInteropZodSchema(schema) || isSerializableSchema(schema));
    const jsonSchema = (isSchemaObject ? toJsonSchema(schema as never) : schema) as Record<
      string,
      unknown
    >;
    const problem = objectSchemaProblem(jsonSchema);
    if (problem) {
      throw new APIFreeConfigurationError(
        'outputSchema',
        `ChatAPIFree.withStructuredOutput: the schema ${problem}. Pass a zod object schema or a JSON Schema object.`,
      );
    }
    const name =
      config?.name ??
      (!isSchemaObject && typeof schema.title === 'string' ? schema.title : undefined) ??
      'extract';
    const description =
      typeof jsonSchema.description === 'string' ? jsonSchema.description : undefined;
    const tracing = { kwargs: { method }, schema: jsonSchema };
    let model: Runnable<BaseLanguageModelInput, AIMessageChunk>;
    let parser: Runnable<AIMessageChunk, RunOutput>;
    if (method === 'functionCalling') {
      model = this.bindTools(
        [
          {
            type: 'function',
            name,
            description: description ?? 'Return the answer in this shape.',
            parameters: jsonSchema,
          },
        ],
        { tool_choice: name, strict: config?.strict, ls_structured_output_format: tracing },
      );
      parser = createFunctionCallingParser(outputSchema as never, name) as unknown as Runnable<
        AIMessageChunk,
        RunOutput
      >;
    } else if (method === 'jsonSchema') {
      const format: TextFormat = {
        type: 'json_schema',
        name,
        schema: jsonSchema,
        ...(description ? { description } : {}),
        ...(config?.strict !== undefined ? { strict: config.strict } : {}),
      };
      model = this.withConfig({
        text: { format },
        ls_structured_output_format: tracing,
      } as Partial<ChatAPIFreeCallOptions>);
      parser = createContentParser(outputSchema as never) as unknown as Runnable<
        AIMessageChunk,
        RunOutput
      >;
    } else {
      model = this.withConfig({
        text: { format: { type: 'json_object' } },
        ls_structured_output_format: tracing,
      } as Partial<ChatAPIFreeCallOptions>);
      parser = createContentParser(outputSchema as never) as unknown as Runnable<
        AIMessageChunk,
        RunOutput
      >;
    }
    return assembleStructuredOutputPipeline(
      model,
      parser,
      config?.includeRaw,
      config?.includeRaw ? 'StructuredOutputRunnable' : 'StructuredOutput',
    ) as Runnable<BaseLanguageModelInput, RunOutput>;
  }

  #input(messages: BaseMessage[], options: this['ParsedCallOptions']) {
    const converted = messagesToInput(messages, {
      systemMessageMode: this.systemMessageMode,
      store: options.store ?? this.store,
    });
    const instructions = [options.instructions ?? this.instructions, converted.instructions]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('\n\n');
    return instructions === ''
      ? { input: converted.input }
      : { input: converted.input, instructions };
  }

  #requestOptions(options: this['ParsedCallOptions']) {
    return { signal: options.signal, headers: options.headers };
  }
}

/** A zod schema, a Standard Schema or a JSON Schema object. */
export type StructuredOutputSchema<RunOutput> =
  | Parameters<BaseChatModel['withStructuredOutput']>[0]
  | Record<string, unknown>
  | { readonly '~standard': unknown; readonly __output?: RunOutput };

const STREAM_FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  tool_calls: 'tool_use',
  length: 'length',
  content_filter: 'content_filter',
};

function rethrowMarked(error: unknown): never {
  throw markRetryability(error);
}

function toTextFormat(format: ChatCompletionsResponseFormat | undefined): TextFormat | undefined {
  if (!format) return undefined;
  if (format.type !== 'json_schema') return format;
  const { name, description, schema, strict } = format.json_schema;
  const converted: TextFormat = {
    type: 'json_schema',
    name,
    schema: toJsonSchema(schema as never) as Record<string, unknown>,
  };
  if (description) converted.description = description;
  if (strict !== undefined && strict !== null) converted.strict = strict;
  return converted;
}

/** Checks the constructor's fields up front, so a bad value fails here with a typed error naming it. */
function checkFields(fields: ChatAPIFreeInput): ChatAPIFreeInput {
  const fail = (argument: string, problem: string): never => {
    throw new APIFreeConfigurationError(argument, `new ChatAPIFree(fields): ${problem}`);
  };
  if (typeof fields !== 'object' || fields === null) {
    fail('fields', 'pass an object such as { model: "gpt-4.1-mini" }.');
  }
  if (typeof fields.model !== 'string' || fields.model.trim() === '') {
    fail('model', 'model must be a non-empty string, e.g. "gpt-4.1-mini".');
  }
  const numbers: Array<[keyof ChatAPIFreeInput, number, number, boolean]> = [
    ['temperature', 0, 2, false],
    ['topP', 0, 1, false],
    ['maxTokens', 1, Number.MAX_SAFE_INTEGER, true],
    ['maxRetries', 0, 100, true],
  ];
  for (const [name, min, max, integer] of numbers) {
    const value = fields[name];
    const problem = value === undefined ? undefined : numberProblem(name, value, min, max, integer);
    if (problem) fail(name, `${problem}.`);
  }
  const objects = {
    modelKwargs: 'extra request body fields',
    requestMetadata: "the request's metadata, string values",
    reasoning: 'e.g. { effort: "low" }',
    headers: 'header names to strings',
  } as const;
  for (const [name, what] of Object.entries(objects) as Array<[keyof typeof objects, string]>) {
    const value = fields[name];
    if (
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      fail(name, `${name} must be an object (${what}).`);
    }
  }
  return fields;
}
