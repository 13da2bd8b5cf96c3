import { objectSchemaProblem } from '../check-request-body';
import { APIFreeConfigurationError } from '../errors';
import type { FunctionTool } from '../wire/request';

/** A function the model may call, as an adapter describes it. */
export interface FunctionDefinition {
  name: string;
  description?: string | undefined;
  /** A JSON Schema object; absent for a function without arguments. */
  parameters?: Record<string, unknown> | null | undefined;
  strict?: boolean | null | undefined;
}

/**
 * The Responses `function` tool for a definition: a function without arguments gets an
 * empty object schema (servers reject a missing one), the JSON Schema dialect marker
 * `$schema` is dropped (strict mode rejects it), and a schema that does not describe an
 * object fails here with a typed error naming the tool.
 *
 * @example
 * functionTool({ name: 'get_time' }); // { type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} } }
 */
export function functionTool(definition: FunctionDefinition): FunctionTool {
  const parameters =
    definition.parameters === undefined || definition.parameters === null
      ? { type: 'object', properties: {} }
      : withoutDialect(definition.parameters);
  const problem = objectSchemaProblem(parameters);
  if (problem) {
    throw new APIFreeConfigurationError(
      'tools',
      `The tool ${JSON.stringify(definition.name)} has parameters that ${problem}.`,
    );
  }
  const tool: FunctionTool = { type: 'function', name: definition.name, parameters };
  if (definition.description) tool.description = definition.description;
  if (definition.strict !== undefined && definition.strict !== null)
    tool.strict = definition.strict;
  return tool;
}

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('$schema' in schema)) return schema;
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}
