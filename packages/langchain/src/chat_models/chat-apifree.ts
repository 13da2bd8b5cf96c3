import {
  APIFree,
  abortError,
  buildRequestBody,
  normalizeEventBatches,
  type ReasoningConfig,
  type ResponseCreateParamsBase,
  readResponse,
} from '@apifree/core';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import { convertChunksToEvents } from '@langchain/core/language_models/compat';
import type { ChatModelStreamEvent, FinishReason } from '@langchain/core/language_models/event';
import type { ModelProfile } from '@langchain/core/language_models/profile';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { IterableReadableStream } from '@langchain/core/utils/stream';
import { messagesToInput, type SystemMessageMode } from '../converters/messages-to-input';
import { OutputEventsToChunks } from '../converters/output-events-to-chunks';
import { type ModelRequestFields, toRequestSettings } from '../converters/request-settings';
import { outputToMessage } from '../converters/response-to-message';
import { convertToResponsesTools } from '../converters/tools';
import { getModelProfile } from '../profile';
import { markRetryability } from '../utils/errors';
import type { ChatAPIFreeCallOptions, ChatAPIFreeInput } from './call-options';
import { checkFields } from './check-fields';
import { type StructuredOutputSchema, structuredOutputRunnable } from './structured-output';
import { typedAbort } from './typed-abort';

/** The request body without `input`. (`Omit` would drop the known keys: the type has an index signature.) */
type ResponsesBody = {
  [Key in keyof ResponseCreateParamsBase as Key extends 'input'
    ? never
    : Key]: ResponseCreateParamsBase[Key];
};

/**
 * An APIFree chat model for LangChain.js: chains, `createAgent`, LangGraph.
 * Talks to APIFree's OpenAI Responses-compatible `POST /v1/responses` through
 * `@apifree/core`, which builds the request and reads the answer; this class translates
 * LangChain's messages and options in, and core's output events into chunks. Retries go
 * through LangChain's `AsyncCaller` (`maxRetries`).
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
  /** Request warnings already printed, so each is printed once per model. */
  #warned = new Set<string>();

  constructor(fields: ChatAPIFreeInput) {
    super(checkFields(fields));
    this.model = fields.model;
    this.temperature = fields.temperature;
    this.topP = fields.topP;
    this.maxTokens = fields.maxTokens;
    this.streaming = fields.streaming ?? false;
    // LangChain's base class declares it but leaves it to each model to take from its fields.
    this.disableStreaming = fields.disableStreaming ?? false;
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
      streamIdleTimeout: fields.streamIdleTimeout,
      maxResponseSize: fields.maxResponseSize,
      maxEventSize: fields.maxEventSize,
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
    const { body } = buildRequestBody(
      toRequestSettings(this.#fields(), options, {
        input: [],
        instructions: options?.instructions ?? this.instructions,
      }),
    );
    const { input: _input, ...params } = body;
    return params as ResponsesBody;
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

  /**
   * As LangChain's `invoke`, with aborts and timeouts of LangChain's own `signal` and
   * `timeout` options ending in `APIUserAbortError` / `APIConnectionTimeoutError` (LangChain
   * itself rejects with the signal's `DOMException`).
   */
  override async invoke(
    input: BaseLanguageModelInput,
    options?: Partial<ChatAPIFreeCallOptions>,
  ): Promise<AIMessageChunk> {
    try {
      return await super.invoke(input, options);
    } catch (error) {
      throw typedAbort(error);
    }
  }

  /** As LangChain's `stream`, with the same typed aborts and timeouts as `invoke`. */
  override async stream(
    input: BaseLanguageModelInput,
    options?: Partial<ChatAPIFreeCallOptions>,
  ): Promise<IterableReadableStream<AIMessageChunk>> {
    let stream: IterableReadableStream<AIMessageChunk>;
    try {
      stream = await super.stream(input, options);
    } catch (error) {
      throw typedAbort(error);
    }
    // LangChain ends a stream with its signal's reason (a DOMException), whichever signal
    // that is: the call's, its `timeout`, or one a parent runnable passed down. One stream
    // reading the other's reader types it on every way of reading (iterator, reader, pipe),
    // with no generator in between and nothing attached to any signal.
    const reader = stream.getReader();
    return new IterableReadableStream<AIMessageChunk>({
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          controller.error(typedAbort(error));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
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
    if (options.signal?.aborted) throw abortError(options.signal);
    const { body, warnings } = this.#request(messages, options);
    const { data, response } = await this.caller.callWithOptions(
      { signal: options.signal, maxRetries: options.maxRetries },
      () =>
        this.#client.responses
          .create({ ...body, stream: false }, this.#requestOptions(options))
          .withResponse()
          .catch(rethrowMarked),
    );
    const message = outputToMessage(readResponse(data), {
      requestId: response.requestId,
      requestWarnings: warnings,
    });
    return { generations: [{ text: message.text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    if (options.signal?.aborted) throw abortError(options.signal);
    const { body, warnings } = this.#request(messages, options);
    const stream = await this.caller.callWithOptions(
      { signal: options.signal, maxRetries: options.maxRetries },
      () =>
        this.#client.responses
          .create({ ...body, stream: true }, this.#requestOptions(options))
          .catch(rethrowMarked),
    );
    const mapper = new OutputEventsToChunks({
      requestId: stream.response.requestId,
      requestWarnings: warnings,
    });
    // In batches (one per network read): every step of an async generator costs.
    for await (const batch of normalizeEventBatches(stream)) {
      for (const event of batch) {
        let chunks: ChatGenerationChunk[];
        try {
          chunks = mapper.map(event);
        } catch (error) {
          throw markRetryability(error);
        }
        for (const chunk of chunks) {
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
    }
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
    return structuredOutputRunnable(this, outputSchema, config);
  }

  #fields(): ModelRequestFields {
    return {
      model: this.model,
      temperature: this.temperature,
      topP: this.topP,
      maxTokens: this.maxTokens,
      reasoning: this.reasoning,
      instructions: this.instructions,
      requestMetadata: this.requestMetadata,
      store: this.store,
      parallelToolCalls: this.parallelToolCalls,
      include: this.include,
      modelKwargs: this.modelKwargs,
    };
  }

  /** The request body (core builds it) and the warnings about what was not sent. */
  #request(messages: BaseMessage[], options: this['ParsedCallOptions']) {
    const store = options.store ?? this.store;
    const converted = messagesToInput(messages, {
      systemMessageMode: this.systemMessageMode,
      store,
    });
    const instructions = [options.instructions ?? this.instructions, converted.instructions]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join('\n\n');
    const { body, warnings } = buildRequestBody(
      toRequestSettings(this.#fields(), options, {
        input: converted.input,
        instructions: instructions === '' ? undefined : instructions,
      }),
    );
    const notSent = [...converted.warnings, ...warnings.map((warning) => warning.message)];
    for (const message of notSent) {
      if (this.#warned.has(message)) continue;
      this.#warned.add(message);
      console.warn(`ChatAPIFree: ${message}`);
    }
    return { body, warnings: notSent };
  }

  #requestOptions(options: this['ParsedCallOptions']) {
    return { signal: options.signal, headers: options.headers };
  }
}

const STREAM_FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  tool_calls: 'tool_use',
  length: 'length',
  content_filter: 'content_filter',
};

function rethrowMarked(error: unknown): never {
  throw markRetryability(error);
}
