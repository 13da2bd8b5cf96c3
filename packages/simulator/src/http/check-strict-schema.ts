type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The context OpenAI names in its messages: the path as a Python tuple, `()` at the root.
function context(path: readonly string[]): string {
  if (path.length === 0) return '()';
  const parts = path.map((segment) => `'${segment}'`);
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

function isObjectSchema(schema: Schema): boolean {
  return (
    schema.type === 'object' ||
    (Array.isArray(schema.type) && schema.type.includes('object')) ||
    isObject(schema.properties)
  );
}

function isArraySchema(schema: Schema): boolean {
  return schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
}

function problemIn(schema: Schema, path: string[]): string | undefined {
  if (isObjectSchema(schema)) {
    if (schema.additionalProperties !== false)
      return `In context=${context(path)}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = isObject(schema.properties) ? Object.keys(schema.properties) : [];
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = properties.find((key) => !required.includes(key));
    if (missing !== undefined)
      return `In context=${context(path)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  if (isArraySchema(schema) && schema.items === undefined)
    return `In context=${context(path)}, array schema missing items.`;
  const children: Array<[Schema, string[]]> = [];
  for (const keyword of ['properties', '$defs', 'definitions']) {
    const group = schema[keyword];
    if (!isObject(group)) continue;
    for (const [name, child] of Object.entries(group))
      if (isObject(child)) children.push([child, [...path, keyword, name]]);
  }
  if (isObject(schema.items)) children.push([schema.items, [...path, 'items']]);
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    list.forEach((child, index) => {
      if (isObject(child)) children.push([child, [...path, keyword, String(index)]]);
    });
  }
  for (const [child, childPath] of children) {
    const problem = problemIn(child, childPath);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * What OpenAI's strict mode finds wrong with a schema, worded as its message after the
 * `Invalid schema for …:` prefix, or `undefined` when strict mode accepts it: the root is
 * an object; every object has `additionalProperties: false` and lists every property in
 * `required`; every array has `items`.
 *
 * @example
 * strictSchemaProblem({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false });
 * // "In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'a'."
 */
export function strictSchemaProblem(schema: Schema): string | undefined {
  if (!isObjectSchema(schema)) {
    const type = typeof schema.type === 'string' ? schema.type : 'None';
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${type}"'.`;
  }
  return problemIn(schema, []);
}
