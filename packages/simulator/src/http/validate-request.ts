import type { ResponseCreateParams } from '@apifree/core/wire';
import type { ModelCatalogue } from '../model/model-catalogue';
import {
  type ApiError,
  invalidRequest,
  invalidType,
  invalidValue,
  missingParameter,
} from './api-error';
import { strictSchemaProblem } from './check-strict-schema';

type Body = Record<string, unknown>;

const ROLES = ['user', 'assistant', 'system', 'developer'];
const ITEM_TYPES = [
  'message',
  'function_call',
  'function_call_output',
  'reasoning',
  'item_reference',
];
const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];
const SUMMARIES = ['auto', 'concise', 'detailed'];
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberInRange(body: Body, param: string, min: number, max: number): ApiError | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return invalidType(param, 'a decimal', value);
  if (value < min) {
    return invalidRequest(
      `Invalid '${param}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param,
      'decimal_below_min_value',
    );
  }
  if (value > max) {
    return invalidRequest(
      `Invalid '${param}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      param,
      'decimal_above_max_value',
    );
  }
  return undefined;
}

function integerAtLeast(body: Body, param: string, min: number): ApiError | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    return invalidType(param, 'an integer', value);
  if (value < min) {
    return invalidRequest(
      `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param,
      'integer_below_min_value',
    );
  }
  return undefined;
}

function validateInput(input: unknown): ApiError | undefined {
  if (typeof input === 'string') return undefined;
  if (!Array.isArray(input))
    return invalidType('input', 'one of a string or array of input items', input);
  for (const [index, item] of input.entries()) {
    const param = `input[${index}]`;
    if (!isObject(item)) return invalidType(param, 'an object', item);
    const type = item.type ?? 'message';
    if (typeof type !== 'string' || !ITEM_TYPES.includes(type))
      return invalidValue(`${param}.type`, type, ITEM_TYPES);
    if (type === 'message') {
      if (item.role === undefined) return missingParameter(`${param}.role`);
      if (!ROLES.includes(String(item.role)))
        return invalidValue(`${param}.role`, item.role, ROLES);
      if (item.content === undefined) return missingParameter(`${param}.content`);
      if (typeof item.content !== 'string' && !Array.isArray(item.content)) {
        return invalidType(
          `${param}.content`,
          'one of a string or array of input content parts',
          item.content,
        );
      }
    } else if (type === 'function_call') {
      for (const field of ['call_id', 'name', 'arguments']) {
        if (typeof item[field] !== 'string') {
          return item[field] === undefined
            ? missingParameter(`${param}.${field}`)
            : invalidType(`${param}.${field}`, 'a string', item[field]);
        }
      }
    } else if (type === 'function_call_output') {
      if (typeof item.call_id !== 'string') return missingParameter(`${param}.call_id`);
      if (item.output === undefined) return missingParameter(`${param}.output`);
    }
  }
  return undefined;
}

function validateTools(body: Body): ApiError | undefined {
  const tools = body.tools;
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalidType('tools', 'an array', tools);
  for (const [index, tool] of tools.entries()) {
    const param = `tools[${index}]`;
    if (!isObject(tool)) return invalidType(param, 'an object', tool);
    if (tool.type === undefined) return missingParameter(`${param}.type`);
    if (tool.type !== 'function') continue;
    if (tool.name === undefined) return missingParameter(`${param}.name`);
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      return invalidRequest(
        `Invalid '${param}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        `${param}.name`,
        'invalid_value',
      );
    }
    if (tool.parameters !== undefined && tool.parameters !== null && !isObject(tool.parameters)) {
      return invalidType(`${param}.parameters`, 'an object', tool.parameters);
    }
    if (
      tool.description !== undefined &&
      tool.description !== null &&
      typeof tool.description !== 'string'
    ) {
      return invalidType(`${param}.description`, 'a string', tool.description);
    }
  }
  return undefined;
}

function validateToolChoice(body: Body): ApiError | undefined {
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return undefined;
  const tools = Array.isArray(body.tools) ? (body.tools as Body[]) : [];
  if (typeof choice === 'string') {
    if (!['none', 'auto', 'required'].includes(choice)) {
      return invalidValue('tool_choice', choice, ['none', 'auto', 'required']);
    }
    if (choice === 'required' && tools.length === 0) {
      return invalidRequest(
        "Tool choice 'required' must be specified with 'tools' parameter.",
        'tool_choice',
        null,
      );
    }
    return undefined;
  }
  if (!isObject(choice)) return invalidType('tool_choice', 'one of a string or an object', choice);
  if (choice.type === undefined) return missingParameter('tool_choice.type');
  if (choice.type !== 'function') return undefined;
  if (typeof choice.name !== 'string') return missingParameter('tool_choice.name');
  if (!tools.some((tool) => tool.type === 'function' && tool.name === choice.name)) {
    return invalidRequest(
      `Tool choice '${choice.name}' not found in 'tools' parameter.`,
      'tool_choice',
      null,
    );
  }
  return undefined;
}

function inputMentionsJson(body: Body): boolean {
  return /json/i.test(`${String(body.instructions ?? '')} ${JSON.stringify(body.input)}`);
}

function validateText(body: Body): ApiError | undefined {
  const text = body.text;
  if (text === undefined || text === null) return undefined;
  if (!isObject(text)) return invalidType('text', 'an object', text);
  const format = text.format;
  if (format === undefined || format === null) return undefined;
  if (!isObject(format)) return invalidType('text.format', 'an object', format);
  const types = ['text', 'json_object', 'json_schema'];
  if (format.type === undefined) return missingParameter('text.format.type');
  if (!types.includes(String(format.type)))
    return invalidValue('text.format.type', format.type, types);
  if (format.type === 'json_schema') {
    if (format.name === undefined) return missingParameter('text.format.name');
    if (typeof format.name !== 'string' || !TOOL_NAME.test(format.name)) {
      return invalidRequest(
        "Invalid 'text.format.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
        'text.format.name',
        'invalid_value',
      );
    }
    if (format.schema === undefined) return missingParameter('text.format.schema');
    if (!isObject(format.schema))
      return invalidType('text.format.schema', 'an object', format.schema);
  }
  if (format.type === 'json_object' && !inputMentionsJson(body)) {
    return invalidRequest(
      "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
      'input',
      null,
    );
  }
  return undefined;
}

function validateReasoning(body: Body, reasoningModel: boolean): ApiError | undefined {
  const reasoning = body.reasoning;
  if (reasoning === undefined || reasoning === null) return undefined;
  if (!isObject(reasoning)) return invalidType('reasoning', 'an object', reasoning);
  if (reasoning.effort !== undefined && reasoning.effort !== null) {
    if (!EFFORTS.includes(String(reasoning.effort)))
      return invalidValue('reasoning.effort', reasoning.effort, EFFORTS);
    if (!reasoningModel) {
      return invalidRequest(
        "Unsupported parameter: 'reasoning.effort' is not supported with this model.",
        'reasoning.effort',
        'unsupported_parameter',
      );
    }
  }
  if (
    reasoning.summary !== undefined &&
    reasoning.summary !== null &&
    !SUMMARIES.includes(String(reasoning.summary))
  ) {
    return invalidValue('reasoning.summary', reasoning.summary, SUMMARIES);
  }
  return undefined;
}

function validateMetadata(body: Body): ApiError | undefined {
  const metadata = body.metadata;
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObject(metadata)) return invalidType('metadata', 'an object', metadata);
  const entries = Object.entries(metadata);
  if (entries.length > 16) {
    return invalidRequest(
      `Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
      'metadata',
      'object_above_max_properties',
    );
  }
  for (const [key, value] of entries) {
    if (typeof value !== 'string') return invalidType(`metadata.${key}`, 'a string', value);
    if (key.length > 64 || value.length > 512) {
      return invalidRequest(
        `Invalid 'metadata.${key}': string too long.`,
        `metadata.${key}`,
        'string_above_max_length',
      );
    }
  }
  return undefined;
}

// Strict mode is checked only when asked for: with `strict` left out, the service makes a
// schema strict where it can and falls back to best effort where it cannot.
function validateStrictSchemas(body: Body): ApiError | undefined {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  for (const [index, tool] of tools.entries()) {
    if (!isObject(tool) || tool.type !== 'function' || tool.strict !== true) continue;
    if (!isObject(tool.parameters)) continue;
    const problem = strictSchemaProblem(tool.parameters);
    if (problem !== undefined) {
      return invalidRequest(
        `Invalid schema for function '${String(tool.name)}': ${problem}`,
        `tools[${index}].parameters`,
        'invalid_function_parameters',
      );
    }
  }
  const format = isObject(body.text) ? body.text.format : undefined;
  if (isObject(format) && format.type === 'json_schema' && format.strict === true) {
    const problem = isObject(format.schema) ? strictSchemaProblem(format.schema) : undefined;
    if (problem !== undefined) {
      return invalidRequest(
        `Invalid schema for response_format '${String(format.name)}': ${problem}`,
        'text.format.schema',
        'invalid_json_schema',
      );
    }
  }
  return undefined;
}

function validateBooleans(body: Body): ApiError | undefined {
  for (const param of ['stream', 'parallel_tool_calls', 'store', 'background']) {
    const value = body[param];
    if (value !== undefined && value !== null && typeof value !== 'boolean')
      return invalidType(param, 'a boolean', value);
  }
  if (
    body.instructions !== undefined &&
    body.instructions !== null &&
    typeof body.instructions !== 'string'
  ) {
    return invalidType('instructions', 'a string', body.instructions);
  }
  const previous = body.previous_response_id;
  if (previous !== undefined && previous !== null && typeof previous !== 'string')
    return invalidType('previous_response_id', 'a string', previous);
  return undefined;
}

/**
 * Checks a `POST /v1/responses` body the way the service does and returns the first
 * problem as the error the service answers with, or the body typed as request params.
 * Fields it does not know are ignored.
 *
 * @example
 * const result = validateRequest({ model: 'gpt-4o' }, modelCatalogue());
 * result.ok; // false: Missing required parameter: 'input'.
 */
export function validateRequest(
  body: unknown,
  models: ModelCatalogue,
): { ok: true; body: ResponseCreateParams } | { ok: false; error: ApiError } {
  if (!isObject(body)) return { ok: false, error: invalidType('body', 'an object', body) };
  const fail = (error: ApiError) => ({ ok: false as const, error });
  if (body.model === undefined || body.model === null) return fail(missingParameter('model'));
  if (typeof body.model !== 'string') return fail(invalidType('model', 'a string', body.model));
  if (body.input === undefined || body.input === null) return fail(missingParameter('input'));
  const model = models.get(body.model);
  if (model === undefined) {
    return fail(
      invalidRequest(
        `The requested model '${body.model}' does not exist.`,
        'model',
        'model_not_found',
      ),
    );
  }
  if (model.reasoning) {
    for (const param of ['temperature', 'top_p']) {
      if (body[param] !== undefined && body[param] !== null) {
        return fail(
          invalidRequest(
            `Unsupported parameter: '${param}' is not supported with this model.`,
            param,
            null,
          ),
        );
      }
    }
  }
  const problem =
    validateInput(body.input) ??
    numberInRange(body, 'temperature', 0, 2) ??
    numberInRange(body, 'top_p', 0, 1) ??
    integerAtLeast(body, 'max_output_tokens', 16) ??
    integerAtLeast(body, 'max_tool_calls', 1) ??
    validateBooleans(body) ??
    validateTools(body) ??
    validateToolChoice(body) ??
    validateText(body) ??
    validateStrictSchemas(body) ??
    validateReasoning(body, model.reasoning) ??
    validateMetadata(body);
  return problem === undefined ? { ok: true, body: body as ResponseCreateParams } : fail(problem);
}
