import { fitNumber } from './fit-number';
import { phrases } from './prompt-phrases';
import {
  entities,
  identifierWords,
  keywords,
  type NumberMention,
  numberMentions,
  stemWord,
} from './prompt-words';

/** A JSON Schema, as tools and `text.format` carry it. */
export type JsonSchema = { [key: string]: unknown };

/** Where generated values come from. */
export interface ValueSource {
  /** The text values are taken from: the request, and tool results when there are some. */
  text: string;
  /** Proper names to use for name-like and place-like strings; by default those of `text`. */
  entities?: string[];
  /** The tool or format name: its words label the document and are never values. */
  name?: string;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const PLACE = /(city|location|place|town|destination|origin|country|region|address|where)/i;
const PERSON = /(^name$|person|author|user(name)?$|customer|recipient|owner)/i;
const FREE_TEXT =
  /(query|search|text|prompt|question|topic|message|content|description|summary|title|subject|keyword|term|answer|reason|comment|note|body)/i;
const PHONE = /(phone|mobile|tel$|telephone)/i;
const NEGATION = /\b(no|non|not|never|without|don't|dont|doesn't|isn't|exclude|skip)\b/i;
const COUNT_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const DEFAULT_MAX_ITEMS = 5;

interface Context {
  source: ValueSource;
  root: JsonSchema;
  labels: ReadonlySet<string>;
  numbersLeft: NumberMention[];
  entitiesLeft: string[];
  phrasesLeft: string[];
  /** Strings already given to a field, lower-cased: a value is used once. */
  used: Set<string>;
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

function description(schema: JsonSchema): string {
  return typeof schema.description === 'string' ? schema.description : '';
}

// A field for a place or a person, by its name or its description.
function namesSomeone(name: string, schema: JsonSchema): boolean {
  const text = description(schema);
  return PLACE.test(name) || PERSON.test(name) || PLACE.test(text) || PERSON.test(text);
}

// The words a field is known by: its name and its description.
function fieldWords(name: string, schema: JsonSchema): string[] {
  return [...identifierWords(name), ...keywords(description(schema))];
}

// Words of one family: `eur`/`euros`, `allergy`/`allergic`.
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  return shared >= 5;
}

function propertyNames(schema: unknown, names: Set<string>, depth = 0): Set<string> {
  if (typeof schema !== 'object' || schema === null || depth > 12) return names;
  const record = schema as JsonSchema;
  if (typeof record.properties === 'object' && record.properties !== null) {
    for (const key of Object.keys(record.properties)) names.add(key);
  }
  for (const value of Object.values(record)) propertyNames(value, names, depth + 1);
  return names;
}

// Where the option is first named in the text, or -1.
function mentionAt(option: string, text: string): number {
  const optionWords = (option.match(/[\p{L}\p{N}]+/gu) ?? []).map(stemWord);
  if (optionWords.length === 0) return -1;
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const stems = words.map((match) => stemWord(match[0]));
  for (let index = 0; index + optionWords.length <= stems.length; index++) {
    if (optionWords.every((word, offset) => stems[index + offset] === word))
      return words[index]!.index;
  }
  return optionWords.every((word) => stems.includes(word))
    ? words[stems.indexOf(optionWords[0]!)]!.index
    : -1;
}

function mentioned(option: string, text: string): boolean {
  return mentionAt(option, text) >= 0;
}

function pickEnum(options: unknown[], context: Context): JsonValue {
  let best: unknown = options[0] ?? null;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const option of options) {
    const at =
      typeof option === 'number'
        ? context.numbersLeft.findIndex((number) => number.value === option)
        : typeof option === 'string'
          ? mentionAt(option, context.source.text)
          : -1;
    if (at >= 0 && at < bestAt) {
      best = option;
      bestAt = at;
    }
  }
  return best as JsonValue;
}

// The number written next to the field's words ("a budget of 900" for `budget`), else
// the first one left, as a reader would pair them.
function takeNumber(name: string, schema: JsonSchema, integer: boolean, context: Context) {
  const words = fieldWords(name, schema);
  let chosen = -1;
  let bestScore = 0;
  context.numbersLeft.forEach((mention, index) => {
    if (integer && !Number.isInteger(mention.value)) return;
    const score = mention.nearby.filter((near) =>
      words.some((word) => sameWord(near, word)),
    ).length;
    if (score > bestScore) {
      bestScore = score;
      chosen = index;
    }
  });
  if (chosen < 0)
    chosen = context.numbersLeft.findIndex(
      (mention) => !integer || Number.isInteger(mention.value),
    );
  return chosen < 0 ? undefined : context.numbersLeft.splice(chosen, 1)[0]!.value;
}

function numberValue(name: string, schema: JsonSchema, integer: boolean, context: Context): number {
  const fromPrompt = takeNumber(name, schema, integer, context);
  const fallback = typeof schema.minimum === 'number' ? schema.minimum : integer ? 1 : 1.5;
  return fitNumber(fromPrompt ?? fallback, schema, integer);
}

// True when the prompt names the field and does not negate it ("no nuts" → false).
function booleanValue(name: string, schema: JsonSchema, context: Context): boolean {
  const text = context.source.text;
  const words = identifierWords(name);
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const stem = stemWord(match[0]);
    if (!words.some((word) => sameWord(stem, word))) continue;
    const before = text.slice(0, match.index).split(/\s+/).slice(-4).join(' ');
    return !NEGATION.test(before);
  }
  return mentioned(description(schema), text) && !NEGATION.test(text);
}

function fitLength(value: string, schema: JsonSchema): string {
  let result = value;
  if (typeof schema.maxLength === 'number') result = result.slice(0, schema.maxLength);
  if (typeof schema.minLength === 'number') result = result.padEnd(schema.minLength, '.');
  return result;
}

function freeText(text: string): string {
  const sentence = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.?!]+$/, '');
  return sentence.split(' ').slice(0, 12).join(' ');
}

function take(pool: string[], context: Context): string | undefined {
  while (pool.length > 0) {
    const value = pool.shift()!;
    if (context.used.has(value.toLowerCase())) continue;
    context.used.add(value.toLowerCase());
    return value;
  }
  return undefined;
}

// The things named in the sentence where the prompt mentions the field, after the
// mention: "allergic to peanuts and shellfish" for `allergies`.
function phrasesAbout(name: string, schema: JsonSchema, context: Context): string[] {
  const text = context.source.text;
  const words = fieldWords(name, schema);
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (!words.some((word) => sameWord(stemWord(match[0]), word))) continue;
    const rest = text.slice(match.index + match[0].length).split(/[.;!?\n]/)[0] ?? '';
    return phrases(rest, context.labels).filter(
      (phrase) => !context.used.has(phrase.toLowerCase()),
    );
  }
  return [];
}

// Something the prompt says that no field took yet: what it says about the field, a
// named thing, then a content word.
function nextPromptValue(name: string, schema: JsonSchema, context: Context): string | undefined {
  return (
    take(phrasesAbout(name, schema, context), context) ??
    take(context.phrasesLeft, context) ??
    take(
      keywords(context.source.text).filter((word) => !context.labels.has(word)),
      context,
    )
  );
}

function stringValue(schema: JsonSchema, name: string, context: Context): string {
  const text = context.source.text;
  switch (schema.format) {
    case 'date':
      return text.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '2025-01-01';
    case 'date-time':
      return text.match(/\d{4}-\d{2}-\d{2}T[\d:.]+Z?/)?.[0] ?? '2025-01-01T12:00:00Z';
    case 'time':
      return text.match(/\b\d{2}:\d{2}(?::\d{2})?\b/)?.[0] ?? '12:00:00';
    case 'email':
      return text.match(/[\w.+-]+@[\w-]+\.[\w.]+/)?.[0] ?? 'user@example.com';
    case 'uri':
    case 'url':
      return text.match(/https?:\/\/\S+/)?.[0]?.replace(/[).,]+$/, '') ?? 'https://example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  if (PHONE.test(name)) {
    const phone = text.match(/\+?\d[\d\s().-]{5,}\d/)?.[0];
    if (phone !== undefined) return fitLength(phone, schema);
  }
  if (namesSomeone(name, schema) || /title/i.test(name)) {
    const entity = take(context.entitiesLeft, context);
    if (entity !== undefined) return fitLength(entity, schema);
  }
  if (FREE_TEXT.test(name) || name === '') return fitLength(freeText(text), schema);
  return fitLength(nextPromptValue(name, schema, context) ?? freeText(text), schema);
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

// "Three things to do there" asks for three.
function describedCount(schema: JsonSchema): number | undefined {
  const match = description(schema)
    .toLowerCase()
    .match(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b/);
  if (match === null) return undefined;
  return COUNT_WORDS[match[1]!] ?? Number(match[1]);
}

function arrayValue(schema: JsonSchema, name: string, context: Context): JsonValue[] {
  const itemSchema = (
    typeof schema.items === 'object' && schema.items !== null ? schema.items : {}
  ) as JsonSchema;
  const item = resolve(itemSchema, context.root);
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximum =
    typeof schema.maxItems === 'number'
      ? schema.maxItems
      : Math.max(DEFAULT_MAX_ITEMS, typeof schema.minItems === 'number' ? schema.minItems : 0);
  const types = schemaTypes(item);
  const text = context.source.text;
  let available: number;
  if (Array.isArray(item.enum)) {
    available = item.enum.filter(
      (option) => typeof option === 'string' && mentioned(option, text),
    ).length;
  } else if (types.includes('string') && item.format === undefined) {
    const about = phrasesAbout(name, schema, context);
    const pool = namesSomeone(name, schema)
      ? context.entitiesLeft
      : about.length > 0
        ? about
        : context.phrasesLeft;
    available = pool.filter((value) => !context.used.has(value.toLowerCase())).length;
  } else if (types.includes('number') || types.includes('integer')) {
    available = context.numbersLeft.length;
  } else {
    available = 1;
  }
  const wanted = Math.min(describedCount(schema) ?? available, available);
  const count = Math.min(maximum, Math.max(minimum, wanted, minimum === 0 && wanted === 0 ? 0 : 1));
  const items: JsonValue[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; items.length < count && attempt < count * 3; attempt++) {
    const value = generateItem(itemSchema, schema, name, items.length, context);
    const key = JSON.stringify(value);
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(value);
  }
  // When the prompt runs out of distinct values (booleans, a single number), `minItems`
  // still holds: the values found are repeated in turn.
  const distinct = items.length;
  while (items.length < count) items.push(items[items.length % distinct]!);
  return items;
}

// An array item: enum options the prompt names in turn, the things the prompt names
// about the array (by its name and description), or a value like any field's.
function generateItem(
  schema: JsonSchema,
  array: JsonSchema,
  name: string,
  index: number,
  context: Context,
): JsonValue {
  const item = resolve(schema, context.root);
  if (Array.isArray(item.enum) && item.enum.length > 0) {
    const named = item.enum
      .filter((option) => typeof option === 'string' && mentioned(option, context.source.text))
      .sort(
        (a, b) =>
          mentionAt(a as string, context.source.text) - mentionAt(b as string, context.source.text),
      );
    return (named[index] ??
      item.enum.find((option) => !named.includes(option)) ??
      item.enum[0]) as JsonValue;
  }
  if (schemaTypes(item).includes('string') && item.format === undefined) {
    const value =
      (namesSomeone(name, array) ? take(context.entitiesLeft, context) : undefined) ??
      nextPromptValue(name, array, context);
    if (value !== undefined) return fitLength(value, item);
    return fitLength(`${freeText(context.source.text)} ${index + 1}`, item);
  }
  return generate(schema, name, context);
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
      return numberValue(name, schema, true, context);
    case 'number':
      return numberValue(name, schema, false, context);
    case 'boolean':
      return booleanValue(name, schema, context);
    case 'null':
      return null;
    default:
      return stringValue(schema, name, context);
  }
}

// How many proper names the schema's place and person fields take: those are kept for
// them, not handed out as things to list.
function namedFields(schema: unknown, root: JsonSchema, depth = 0): number {
  if (typeof schema !== 'object' || schema === null || depth > 12) return 0;
  const record = resolve(schema as JsonSchema, root);
  let count = 0;
  const properties = (record.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, property] of Object.entries(properties)) {
    const resolved = resolve(property, root);
    const types = schemaTypes(resolved);
    if (types.includes('string') && namesSomeone(name, resolved)) count += 1;
    else if (types.includes('array') && namesSomeone(name, resolved))
      count += Number.POSITIVE_INFINITY;
    else count += namedFields(resolved, root, depth + 1);
  }
  if (typeof record.items === 'object') count += namedFields(record.items, root, depth + 1);
  return count;
}

/**
 * Produces a value that validates against `schema` (required properties, types, enums,
 * nested objects, arrays, local `$ref`s), drawn from the prompt as a reader would fill
 * it: a place or a name from the proper names, each number by the words next to it
 * (`900 euros` for a budget), an enum option the prompt names, `true` for a boolean
 * the prompt names without negating it, and for other strings and lists of strings the
 * things the prompt names, each used once (never the schema's own field names).
 *
 * @example
 * valueForSchema(
 *   { type: 'object', properties: { city: { type: 'string' }, highlights: { type: 'array', items: { type: 'string' } } },
 *     required: ['city', 'highlights'] },
 *   { text: 'Two days in Lisbon: I love food and old trams.' },
 * ); // { city: 'Lisbon', highlights: ['food', 'old trams'] }
 */
export function valueForSchema(schema: JsonSchema, source: ValueSource): JsonValue {
  const labels = new Set(
    [...propertyNames(schema, new Set()), source.name ?? ''].flatMap((label) =>
      identifierWords(label),
    ),
  );
  const names = source.entities ?? entities(source.text);
  const reserved = new Set(names.slice(0, namedFields(schema, schema)));
  const context: Context = {
    source,
    root: schema,
    labels,
    numbersLeft: numberMentions(source.text),
    entitiesLeft: [...names],
    phrasesLeft: phrases(source.text, labels).filter((phrase) => !reserved.has(phrase)),
    used: new Set(),
    depth: 0,
  };
  return generate(schema, '', context);
}
