import { entities, numbers, stemWord } from './prompt-words';

/** A JSON Schema, as tools and `text.format` carry it. */
export type JsonSchema = { [key: string]: unknown };

/** Where generated values come from: the prompt text and a counter of numbers already used. */
export interface ValueSource {
  /** The text values are taken from (a city, a number) when they plainly fit. */
  text: string;
  /** Proper names found in the text; the first unused one fills a name-like string. */
  entities?: string[];
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLACE = /(city|location|place|town|destination|origin|country|region|address|where)/i;
const PERSON = /(^name$|person|author|user(name)?$|customer|recipient|owner)/i;
const FREE_TEXT =
  /(query|search|text|prompt|question|topic|message|content|description|summary|title|subject|keyword|term|answer|reason|comment|note|body)/i;

interface Context {
  source: ValueSource;
  root: JsonSchema;
  numbersLeft: number[];
  entitiesLeft: string[];
  depth: number;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return schema;
  let target: unknown = root;
  for (const segment of ref.slice(1).split('/').filter(Boolean)) {
    target = (target as Record<string, unknown> | undefined)?.[
      segment.replace(/~1/g, '/').replace(/~0/g, '~')
    ];
  }
  return typeof target === 'object' && target !== null ? (target as JsonSchema) : {};
}

function schemaTypes(schema: JsonSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((type): type is string => typeof type === 'string');
  if (typeof schema.properties === 'object') return ['object'];
  if (schema.items !== undefined) return ['array'];
  if (Array.isArray(schema.enum)) return [typeof schema.enum[0] === 'number' ? 'number' : 'string'];
  return ['string'];
}

function mentioned(option: string, text: string): boolean {
  const words = new Set((text.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemWord));
  const optionWords = (option.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemWord);
  return optionWords.length > 0 && optionWords.every((word) => words.has(word));
}

function pickEnum(options: unknown[], context: Context): JsonValue {
  const found = options.find(
    (option) => typeof option === 'string' && mentioned(option, context.source.text),
  );
  return (found ?? options[0] ?? null) as JsonValue;
}

function clampNumber(value: number, schema: JsonSchema, integer: boolean): number {
  let result = integer ? Math.round(value) : value;
  const step = integer ? 1 : 0.5;
  if (typeof schema.minimum === 'number' && result < schema.minimum) result = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number' && result <= schema.exclusiveMinimum)
    result = schema.exclusiveMinimum + step;
  if (typeof schema.maximum === 'number' && result > schema.maximum) result = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number' && result >= schema.exclusiveMaximum)
    result = schema.exclusiveMaximum - step;
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    result = Math.ceil(result / schema.multipleOf) * schema.multipleOf;
  }
  return integer ? Math.round(result) : result;
}

function numberValue(schema: JsonSchema, integer: boolean, context: Context): number {
  const index = context.numbersLeft.findIndex((value) => !integer || Number.isInteger(value));
  const fromPrompt = index >= 0 ? context.numbersLeft.splice(index, 1)[0] : undefined;
  const fallback = typeof schema.minimum === 'number' ? schema.minimum : integer ? 1 : 1.5;
  return clampNumber(fromPrompt ?? fallback, schema, integer);
}

function fitLength(value: string, schema: JsonSchema): string {
  let result = value;
  if (typeof schema.maxLength === 'number') result = result.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number') result = result.padEnd(schema.minLength, 'x');
  return result;
}

function freeText(text: string): string {
  const sentence = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.?!]+$/, '');
  return sentence.split(' ').slice(0, 12).join(' ') || 'example';
}

function stringValue(schema: JsonSchema, name: string, context: Context): string {
  const text = context.source.text;
  switch (schema.format) {
    case 'date':
      return text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '2025-01-01';
    case 'date-time':
      return text.match(/\d{4}-\d{2}-\d{2}T[\d:.]+Z?/)?.[0] ?? '2025-01-01T12:00:00Z';
    case 'time':
      return '12:00:00';
    case 'email':
      return text.match(/[\w.+-]+@[\w-]+\.[\w.]+/)?.[0] ?? 'user@example.com';
    case 'uri':
    case 'url':
      return text.match(/https?:\/\/\S+/)?.[0]?.replace(/[).,]+$/, '') ?? 'https://example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (PLACE.test(name) || PERSON.test(name)) {
    const entity = context.entitiesLeft.shift();
    if (entity !== undefined) return fitLength(entity, schema);
  }
  if (FREE_TEXT.test(name)) return fitLength(freeText(text), schema);
  if (PLACE.test(name)) return fitLength('San Francisco', schema);
  if (PERSON.test(name)) return fitLength('Alex', schema);
  return fitLength(name === '' ? freeText(text) : `example ${name}`, schema);
}

function objectValue(schema: JsonSchema, context: Context): { [key: string]: JsonValue } {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const result: { [key: string]: JsonValue } = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    // Optional properties appear only when the prompt plainly names them, like a real model.
    if (!required.has(key) && !mentioned(key, context.source.text)) continue;
    result[key] = generate(propertySchema, key, context);
  }
  if (typeof schema.minProperties === 'number') {
    for (const [key, propertySchema] of Object.entries(properties)) {
      if (Object.keys(result).length >= schema.minProperties) break;
      if (!(key in result)) result[key] = generate(propertySchema, key, context);
    }
  }
  return result;
}

function arrayValue(schema: JsonSchema, name: string, context: Context): JsonValue[] {
  const itemSchema = (
    typeof schema.items === 'object' && schema.items !== null ? schema.items : {}
  ) as JsonSchema;
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximum = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(minimum, 3);
  const resolved = resolve(itemSchema, context.root);
  const wanted =
    schemaTypes(resolved).includes('string') && PLACE.test(name) ? context.entitiesLeft.length : 2;
  const count = Math.min(maximum, Math.max(minimum, wanted));
  const items: JsonValue[] = [];
  for (let index = 0; index < count; index++) items.push(generate(itemSchema, name, context));
  return items;
}

function generate(input: JsonSchema, name: string, context: Context): JsonValue {
  const schema = resolve(input, context.root);
  if (context.depth > 12) return null;
  if ('const' in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pickEnum(schema.enum, context);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) {
    const chosen =
      variants.find((variant) => !schemaTypes(resolve(variant, context.root)).includes('null')) ??
      variants[0];
    return generate(chosen as JsonSchema, name, context);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged: JsonSchema = { ...schema, allOf: undefined };
    for (const part of schema.allOf as JsonSchema[]) {
      const resolved = resolve(part, context.root);
      Object.assign(merged, resolved, {
        properties: { ...(merged.properties as object), ...(resolved.properties as object) },
        required: [
          ...((merged.required as string[]) ?? []),
          ...((resolved.required as string[]) ?? []),
        ],
      });
    }
    return generate(merged, name, context);
  }
  const type = schemaTypes(schema).find((candidate) => candidate !== 'null') ?? 'null';
  const inner = { ...context, depth: context.depth + 1 };
  switch (type) {
    case 'object':
      return objectValue(schema, inner);
    case 'array':
      return arrayValue(schema, name, inner);
    case 'integer':
      return numberValue(schema, true, context);
    case 'number':
      return numberValue(schema, false, context);
    case 'boolean':
      return !/\b(no|not|false|without|disable)\b/i.test(context.source.text);
    case 'null':
      return null;
    default:
      return stringValue(schema, name, context);
  }
}

/**
 * Produces a value that validates against `schema` (required properties, types, enums,
 * nested objects, arrays, local `$ref`s), filling it from the prompt where a value
 * plainly fits: a place or a name from the proper names, numbers in order, an enum
 * option the prompt mentions.
 *
 * @example
 * valueForSchema(
 *   { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   { text: 'Weather in Paris?' },
 * ); // { city: 'Paris' }
 */
export function valueForSchema(schema: JsonSchema, source: ValueSource): JsonValue {
  const context: Context = {
    source,
    root: schema,
    numbersLeft: numbers(source.text),
    entitiesLeft: [...(source.entities ?? entities(source.text))],
    depth: 0,
  };
  return generate(schema, '', context);
}
