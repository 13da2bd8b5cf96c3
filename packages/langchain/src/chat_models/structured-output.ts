import { APIFreeConfigurationError, objectSchemaProblem, type TextFormat } from '@apifree/core';
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from '@langchain/core/language_models/base';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  assembleStructuredOutputPipeline,
  createContentParser,
  createFunctionCallingParser,
} from '@langchain/core/language_models/structured_output';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { isSerializableSchema } from '@langchain/core/utils/standard_schema';
import { isInteropZodSchema } from '@langchain/core/utils/types';
import type { ChatAPIFreeCallOptions } from './call-options';

/** A zod schema, a Standard Schema or a JSON Schema object. */
export type StructuredOutputSchema<RunOutput> =
  | Parameters<BaseChatModel['withStructuredOutput']>[0]
  | Record<string, unknown>
  | { readonly '~standard': unknown; readonly __output?: RunOutput };

/** The part of `ChatAPIFree` structured output needs: binding tools and call options. */
interface StructuredOutputModel {
  bindTools(
    tools: Parameters<BaseChatModel['bindTools'] & {}>[0],
    kwargs?: Partial<ChatAPIFreeCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatAPIFreeCallOptions>;
  withConfig(
    config: Partial<ChatAPIFreeCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatAPIFreeCallOptions>;
}

/**
 * The runnable behind `ChatAPIFree.withStructuredOutput`: the model bound for the method
 * (`functionCalling`: a forced tool call; `jsonSchema`: `text.format` with the schema;
 * `jsonMode`: `json_object`) piped into the parser of its output.
 */
export function structuredOutputRunnable<RunOutput extends Record<string, unknown>>(
  chatModel: StructuredOutputModel,
  outputSchema: StructuredOutputSchema<RunOutput>,
  config: StructuredOutputMethodOptions<boolean> | undefined,
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
    model = chatModel.bindTools(
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
    model = chatModel.withConfig({
      text: { format },
      ls_structured_output_format: tracing,
    } as Partial<ChatAPIFreeCallOptions>);
    parser = createContentParser(outputSchema as never) as unknown as Runnable<
      AIMessageChunk,
      RunOutput
    >;
  } else {
    model = chatModel.withConfig({
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
