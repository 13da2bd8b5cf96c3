import {
  APIFreeConfigurationError,
  type FunctionTool,
  objectSchemaProblem,
  type Tool,
  type ToolChoice,
} from '@apifree/core';
import { isOpenAITool } from '@langchain/core/language_models/base';
import type {
  BindToolsInput,
  ToolChoice as LangChainToolChoice,
} from '@langchain/core/language_models/chat_models';
import { convertToOpenAITool, isLangChainTool } from '@langchain/core/utils/function_calling';
import { toJsonSchema } from '@langchain/core/utils/json_schema';

/**
 * Turns anything `bindTools` accepts into Responses tools: LangChain tools (zod or
 * JSON-schema), `RunnableLambda.asTool(...)`, `{ name, description, schema }`,
 * OpenAI Chat Completions dicts (`{ type: "function", function: {...} }`) and
 * Responses tools (`{ type: "function", name, parameters }` or built-in tools such as
 * `{ type: "web_search" }`, passed through).
 */
export function convertToResponsesTools(
  tools: BindToolsInput[],
  options: { strict?: boolean | undefined } = {},
): Tool[] {
  if (!Array.isArray(tools)) {
    throw new APIFreeConfigurationError('tools', 'ChatAPIFree.bindTools: pass an array of tools.');
  }
  return tools.map((tool) => {
    const converted = convertCheckedTool(tool);
    if (converted.type === 'function' && options.strict !== undefined) {
      return { ...converted, strict: options.strict };
    }
    return converted;
  });
}

/** One tool, converted and checked; anything unusable becomes a typed error naming the tool. */
function convertCheckedTool(tool: BindToolsInput): Tool {
  let converted: Tool;
  try {
    converted = convertOneTool(tool);
  } catch (error) {
    if (error instanceof APIFreeConfigurationError) throw error;
    throw new APIFreeConfigurationError(
      'tools',
      `ChatAPIFree.bindTools cannot use ${describe(tool)}: ${(error as Error).message}`,
    );
  }
  if (converted.type === 'function') {
    const name = (converted as FunctionTool).name;
    const problem = objectSchemaProblem((converted as FunctionTool).parameters);
    if (typeof name !== 'string' || name === '' || problem) {
      throw new APIFreeConfigurationError(
        'tools',
        `ChatAPIFree.bindTools: tool ${JSON.stringify(name)} ${problem ? `has a schema that ${problem}` : 'needs a name'}. Use a zod object schema or a JSON Schema object.`,
      );
    }
  }
  return converted;
}

function convertOneTool(tool: BindToolsInput): Tool {
  if (isLangChainTool(tool)) {
    return fromChatCompletionsTool(convertToOpenAITool(tool));
  }
  if (isOpenAITool(tool)) return fromChatCompletionsTool(tool);
  const record = tool as Record<string, unknown>;
  if (record.type === 'function' && typeof record.name === 'string') {
    return {
      ...record,
      type: 'function',
      name: record.name,
      parameters: normalizeParameters(record.parameters),
    } satisfies FunctionTool;
  }
  if (typeof record.type === 'string') return record as Tool;
  throw new APIFreeConfigurationError(
    'tools',
    `ChatAPIFree.bindTools cannot use this tool: ${describe(tool)}. Pass a LangChain tool, ` +
      '{ name, description, schema }, or an OpenAI-format tool.',
  );
}

interface ChatCompletionsTool {
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean | null };
}

function fromChatCompletionsTool(tool: ChatCompletionsTool): FunctionTool {
  const { name, description, parameters, strict } = tool.function;
  const converted: FunctionTool = {
    type: 'function',
    name,
    parameters: normalizeParameters(parameters),
  };
  if (description) converted.description = description;
  if (strict !== undefined && strict !== null) converted.strict = strict;
  return converted;
}

/** JSON Schema for a tool's parameters; a tool without parameters gets an empty object schema. */
function normalizeParameters(parameters: unknown): Record<string, unknown> {
  if (parameters === undefined || parameters === null) return { type: 'object', properties: {} };
  const schema = toJsonSchema(parameters as Parameters<typeof toJsonSchema>[0]) as Record<
    string,
    unknown
  >;
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function describe(tool: unknown): string {
  if (typeof tool !== 'object' || tool === null) return String(tool);
  return `an object with keys ${Object.keys(tool).join(', ') || '(none)'}`;
}

/**
 * Maps LangChain's `tool_choice` to the Responses one: `"any"` and `"required"` →
 * `"required"`; `"auto"`, `"none"` unchanged; a tool name → `{ type: "function", name }`;
 * a Chat Completions object `{ type: "function", function: { name } }` is flattened.
 */
export function convertToolChoice(choice: LangChainToolChoice | undefined): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') {
    if (choice === 'any' || choice === 'required') return 'required';
    if (choice === 'auto' || choice === 'none') return choice;
    return { type: 'function', name: choice };
  }
  const record = choice as Record<string, unknown>;
  const nested = record.function as { name?: unknown } | undefined;
  if (record.type === 'function' && typeof nested?.name === 'string') {
    return { type: 'function', name: nested.name };
  }
  return record as ToolChoice;
}
