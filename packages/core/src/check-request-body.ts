import { APIFreeConfigurationError } from './errors';
import { shownNumber } from './shown-number';
import type { ResponseCreateParams } from './wire/request';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function fail(argument: string, problem: string): never {
  throw new APIFreeConfigurationError(argument, `responses.create(body): ${problem}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What is wrong with `value` as a number from `min` to `max` (an integer when `integer`),
 * or `undefined` when it fits. `name` is used in the sentence.
 *
 * @example
 * numberProblem('max_output_tokens', Number.NaN, 1, 128_000, true); // 'max_output_tokens must be an integer from 1 to 128000, got NaN'
 */
export function numberProblem(
  name: string,
  value: unknown,
  min: number,
  max: number,
  integer: boolean,
): string | undefined {
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  return fits
    ? undefined
    : `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${shownNumber(value)}`;
}

function checkNumber(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  integer: boolean,
): void {
  const value = body[name];
  if (value === undefined || value === null) return;
  const problem = numberProblem(name, value, min, max, integer);
  if (problem) fail(name, `${problem}.`);
}

function checkTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) fail('tools', 'tools must be an array of tool definitions.');
  tools.forEach((tool: unknown, index) => {
    if (!isObject(tool) || typeof tool.type !== 'string')
      fail(
        'tools',
        `tools[${index}] must be an object with a type, e.g. { type: "function", name, parameters }.`,
      );
    if (tool.type !== 'function') return;
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      fail(
        'tools',
        `tools[${index}].name must be 1–64 letters, digits, "_" or "-", got ${JSON.stringify(tool.name)}.`,
      );
    }
    const parameters = tool.parameters;
    if (parameters === undefined || parameters === null) return;
    const problem = objectSchemaProblem(parameters);
    if (problem) fail('tools', `tools[${index}] (${tool.name}): parameters ${problem}.`);
  });
}

function checkToolChoice(choice: unknown): void {
  if (choice === undefined || choice === 'auto' || choice === 'none' || choice === 'required')
    return;
  if (!isObject(choice) || typeof choice.type !== 'string') {
    fail(
      'tool_choice',
      'tool_choice must be "auto", "none", "required" or { type: "function", name }.',
    );
  }
  if (choice.type === 'function' && typeof choice.name !== 'string')
    fail('tool_choice', 'tool_choice { type: "function" } needs the name of the tool.');
}

function checkTextFormat(text: unknown): void {
  if (text === undefined || text === null) return;
  if (!isObject(text))
    fail(
      'text',
      'text must be an object such as { format: { type: "json_schema", name, schema } }.',
    );
  const format = text.format;
  if (format === undefined) return;
  if (!isObject(format) || typeof format.type !== 'string')
    fail('text.format', 'text.format must be an object with a type.');
  if (format.type !== 'json_schema') return;
  if (typeof format.name !== 'string' || format.name === '') {
    fail('text.format', 'text.format of type "json_schema" needs a name.');
  }
  const problem = objectSchemaProblem(format.schema);
  if (problem) fail('text.format', `text.format.schema ${problem}.`);
}

function checkMetadata(metadata: unknown): void {
  if (metadata === undefined || metadata === null) return;
  if (!isObject(metadata) || Object.values(metadata).some((value) => typeof value !== 'string')) {
    fail('metadata', 'metadata must be an object of string values.');
  }
}

/**
 * What is wrong with a JSON Schema that should describe an object (tool parameters, a
 * structured-output schema), or `undefined` when it is fine. Checks the shape only:
 * an object, `type` "object" when given, `properties` an object of schemas, `required`
 * a list of names.
 *
 * @example
 * objectSchemaProblem({ type: 'string' }); // 'must have type "object", got "string"'
 */
export function objectSchemaProblem(schema: unknown): string | undefined {
  if (!isObject(schema))
    return 'must be a JSON Schema object, e.g. { type: "object", properties: {…} }';
  if (schema.type !== undefined && schema.type !== 'object')
    return `must have type "object", got ${JSON.stringify(schema.type)}`;
  const properties = schema.properties;
  if (
    properties !== undefined &&
    (!isObject(properties) ||
      Object.values(properties).some((value) => !isObject(value) && typeof value !== 'boolean'))
  ) {
    return 'must have properties that map each name to a schema';
  }
  const required = schema.required;
  if (
    required !== undefined &&
    (!Array.isArray(required) || required.some((name) => typeof name !== 'string'))
  ) {
    return 'must list required property names as strings';
  }
  return undefined;
}

/**
 * Checks what would be rejected anyway, before any request: the shape of the fields
 * this package types, and values JSON cannot carry (NaN, Infinity, BigInt, cycles).
 * Unknown fields pass through unchecked.
 */
export function checkRequestBody(body: ResponseCreateParams): string {
  if (!isObject(body)) fail('body', 'body must be an object with model and input.');
  if (typeof body.model !== 'string' || body.model.trim() === '')
    fail('model', 'model must be a non-empty string, e.g. "gpt-4.1-mini".');
  if (typeof body.input !== 'string' && !Array.isArray(body.input))
    fail('input', 'input must be a string or an array of input items.');
  if (Array.isArray(body.input) && body.input.some((item) => !isObject(item)))
    fail(
      'input',
      'every input item must be an object, e.g. { type: "message", role: "user", content: "Hi" }.',
    );
  checkNumber(body, 'temperature', 0, 2, false);
  checkNumber(body, 'top_p', 0, 1, false);
  checkNumber(body, 'max_output_tokens', 1, Number.MAX_SAFE_INTEGER, true);
  checkNumber(body, 'max_tool_calls', 1, Number.MAX_SAFE_INTEGER, true);
  checkNumber(body, 'top_logprobs', 0, 20, true);
  checkTools(body.tools);
  checkToolChoice(body.tool_choice);
  checkTextFormat(body.text);
  checkMetadata(body.metadata);
  try {
    return JSON.stringify(body, (key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value))
        fail(key || 'body', `${key || 'a value'} is ${value}, which JSON cannot carry.`);
      return value;
    });
  } catch (error) {
    if (error instanceof APIFreeConfigurationError) throw error;
    fail('body', `body cannot be sent as JSON (${(error as Error).message}).`);
  }
}
