import type { OutputFormat, ReasoningConfig, RequestSettings, TextFormat } from '@apifree/core';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type {
  ChatAPIFreeCallOptions,
  ChatCompletionsResponseFormat,
} from '../chat_models/call-options';
import { convertToolChoice, convertToResponsesTools } from './tools';

/** The model's own fields that shape a request (its constructor options). */
export interface ModelRequestFields {
  model: string;
  temperature?: number | undefined;
  topP?: number | undefined;
  maxTokens?: number | undefined;
  reasoning?: ReasoningConfig | undefined;
  instructions?: string | undefined;
  requestMetadata?: Record<string, string> | undefined;
  store?: boolean | undefined;
  parallelToolCalls?: boolean | undefined;
  include?: string[] | undefined;
  modelKwargs?: Record<string, unknown> | undefined;
}

/**
 * A LangChain call in core's request terms: the model's fields, overridden by the call's
 * options. Core then decides what the model accepts (no sampling on reasoning models, …).
 */
export function toRequestSettings(
  fields: ModelRequestFields,
  options: Partial<ChatAPIFreeCallOptions> | undefined,
  conversation: Pick<RequestSettings, 'input' | 'instructions'>,
): RequestSettings {
  const reasoning = options?.reasoning ?? fields.reasoning;
  const text = options?.text;
  return {
    extra: fields.modelKwargs,
    model: fields.model,
    input: conversation.input,
    instructions: conversation.instructions,
    temperature: fields.temperature,
    topP: fields.topP,
    maxOutputTokens: fields.maxTokens,
    reasoningEffort: reasoning?.effort ?? undefined,
    reasoningSummary: reasoning?.summary ?? undefined,
    metadata: options?.requestMetadata ?? fields.requestMetadata,
    store: options?.store ?? fields.store,
    parallelToolCalls: options?.parallel_tool_calls ?? fields.parallelToolCalls,
    include: options?.include ?? fields.include,
    previousResponseId: options?.previousResponseId,
    promptCacheKey: options?.promptCacheKey,
    tools:
      options?.tools && options.tools.length > 0
        ? convertToResponsesTools(options.tools, { strict: options.strict })
        : undefined,
    toolChoice: convertToolChoice(options?.tool_choice),
    output: toOutputFormat(text?.format) ?? fromResponseFormat(options?.response_format),
    textVerbosity: text?.verbosity ?? undefined,
  };
}

function toOutputFormat(format: TextFormat | undefined): OutputFormat | undefined {
  switch (format?.type) {
    case undefined:
      return undefined;
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema':
      return {
        type: 'json-schema',
        name: format.name,
        schema: format.schema,
        description: format.description,
        strict: format.strict ?? undefined,
      };
  }
}

/** The Chat Completions `response_format` `createAgent` sends for native structured output. */
function fromResponseFormat(
  format: ChatCompletionsResponseFormat | undefined,
): OutputFormat | undefined {
  switch (format?.type) {
    case undefined:
      return undefined;
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const { name, description, schema, strict } = format.json_schema;
      return {
        type: 'json-schema',
        name,
        schema: toJsonSchema(schema as never) as Record<string, unknown>,
        description: description || undefined,
        strict: strict ?? undefined,
      };
    }
  }
}
