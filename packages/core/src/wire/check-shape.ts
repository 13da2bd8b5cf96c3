/**
 * Runtime checks of what crosses the wire: every field of a known event or response that
 * this package (and the adapters built on it) reads. A server can send any JSON; a shape
 * these checks reject becomes a typed `invalid_event` / `invalid_response` error instead
 * of a `TypeError` somewhere downstream. Fields nobody reads, unknown event types and
 * unknown item types pass unchecked, and fields servers legitimately omit may be absent.
 * Each function returns what is wrong (naming the field, never quoting its content, which
 * may echo a secret), or `undefined`.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `path.field`, or `field` at the top of an event. */
function at(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

function string(object: Json, field: string, required: boolean, path = ''): string | undefined {
  const value = object[field];
  if (value === undefined && !required) return undefined;
  return typeof value === 'string'
    ? undefined
    : `${at(path, field)} must be a string, got ${kind(value)}`;
}

function index(object: Json, field: string, required: boolean): string | undefined {
  const value = object[field];
  if (value === undefined && !required) return undefined;
  return Number.isInteger(value) && (value as number) >= 0
    ? undefined
    : `${field} must be a non-negative integer, got ${kind(value)}`;
}

function array(object: Json, field: string, required: boolean, path = ''): string | undefined {
  const value = object[field];
  if (value === undefined && !required) return undefined;
  return Array.isArray(value)
    ? undefined
    : `${at(path, field)} must be an array, got ${kind(value)}`;
}

function first(...problems: Array<string | undefined>): string | undefined {
  return problems.find((problem) => problem !== undefined);
}

function contentPartProblem(part: unknown, complete: boolean, path: string): string | undefined {
  if (!isObject(part)) return `${path} must be an object, got ${kind(part)}`;
  const type = string(part, 'type', true, path);
  if (type) return type;
  if (part.type === 'output_text') {
    const annotations = array(part, 'annotations', false, path);
    if (annotations) return annotations;
    const bad = ((part.annotations as unknown[] | undefined) ?? []).findIndex(
      (annotation) => !isObject(annotation) || typeof annotation.type !== 'string',
    );
    if (bad !== -1) return `${path}.annotations[${bad}] must be an object with a type`;
    return string(part, 'text', complete, path);
  }
  if (part.type === 'refusal') return string(part, 'refusal', complete, path);
  return undefined;
}

function textPartsProblem(item: Json, field: string, path: string): string | undefined {
  const problem = array(item, field, false, path);
  if (problem) return problem;
  const parts = (item[field] as unknown[] | undefined) ?? [];
  for (const [position, part] of parts.entries()) {
    const partPath = `${at(path, field)}[${position}]`;
    if (!isObject(part)) return `${partPath} must be an object, got ${kind(part)}`;
    const text = string(part, 'text', true, partPath);
    if (text) return text;
  }
  return undefined;
}

/**
 * What is wrong with an output item at `path`. `complete` for finished items
 * (`output_item.done`, a terminal response), whose content must be there; an item just
 * added may still be empty.
 */
export function outputItemProblem(
  item: unknown,
  complete: boolean,
  path = 'item',
): string | undefined {
  if (!isObject(item)) return `${path} must be an object, got ${kind(item)}`;
  const basics = first(string(item, 'type', true, path), string(item, 'id', false, path));
  if (basics) return basics;
  switch (item.type) {
    case 'message': {
      const content = array(item, 'content', complete, path);
      if (content) return content;
      const parts = (item.content as unknown[] | undefined) ?? [];
      for (const [position, part] of parts.entries()) {
        const problem = contentPartProblem(part, complete, `${path}.content[${position}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'function_call':
      // A call just added may not be named yet; the finished call must be.
      return first(
        string(item, 'call_id', complete, path),
        string(item, 'name', complete, path),
        string(item, 'arguments', false, path),
      );
    case 'reasoning': {
      const encrypted = item.encrypted_content;
      return first(
        textPartsProblem(item, 'summary', path),
        textPartsProblem(item, 'content', path),
        encrypted === undefined || encrypted === null || typeof encrypted === 'string'
          ? undefined
          : `${path}.encrypted_content must be a string or null, got ${kind(encrypted)}`,
      );
    }
    default:
      return undefined;
  }
}

/**
 * What is wrong with a response object at `path`. `terminal` for a finished one (a JSON
 * answer, `response.completed`, `response.incomplete`), which must carry its `output`.
 */
export function responseProblem(
  response: unknown,
  terminal: boolean,
  path = 'response',
): string | undefined {
  if (!isObject(response)) return `${path} must be an object, got ${kind(response)}`;
  const basics = first(
    string(response, 'id', false, path),
    string(response, 'status', false, path),
    string(response, 'model', false, path),
    array(response, 'output', terminal, path),
  );
  if (basics) return basics;
  const createdAt = response.created_at;
  if (createdAt !== undefined && createdAt !== null && typeof createdAt !== 'number')
    return `${path}.created_at must be a number, got ${kind(createdAt)}`;
  for (const field of ['usage', 'incomplete_details', 'error']) {
    const value = response[field];
    if (value !== undefined && value !== null && !isObject(value))
      return `${path}.${field} must be an object or null, got ${kind(value)}`;
  }
  const reason = (response.incomplete_details as Json | null | undefined)?.reason;
  if (reason !== undefined && reason !== null && typeof reason !== 'string')
    return `${path}.incomplete_details.reason must be a string, got ${kind(reason)}`;
  const output = (response.output as unknown[] | undefined) ?? [];
  for (const [position, item] of output.entries()) {
    const problem = outputItemProblem(item, terminal, `${path}.output[${position}]`);
    if (problem) return problem;
  }
  return undefined;
}
function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isWellFormedDelta(event: Json, type: string): boolean {
  let partIndex: unknown;
  switch (type) {
    case 'response.output_text.delta':
    case 'response.reasoning_text.delta':
      partIndex = event.content_index;
      break;
    case 'response.reasoning_summary_text.delta':
      partIndex = event.summary_index;
      break;
    case 'response.function_call_arguments.delta':
      partIndex = undefined;
      break;
    default:
      return false;
  }
  const itemId = event.item_id;
  return (
    typeof event.delta === 'string' &&
    isIndex(event.output_index) &&
    (partIndex === undefined || isIndex(partIndex)) &&
    (itemId === undefined || typeof itemId === 'string')
  );
}

const TEXT_FIELD_BY_TYPE = new Map<string, string>(
  Object.entries({
    'response.output_text.delta': 'delta',
    'response.output_text.done': 'text',
    'response.refusal.delta': 'delta',
    'response.refusal.done': 'refusal',
    'response.function_call_arguments.delta': 'delta',
    'response.function_call_arguments.done': 'arguments',
    'response.reasoning_summary_text.delta': 'delta',
    'response.reasoning_summary_text.done': 'text',
    'response.reasoning_text.delta': 'delta',
    'response.reasoning_text.done': 'text',
    'response.reasoning.delta': 'delta',
    'response.reasoning.done': 'text',
  }),
);

const PART_INDEX_BY_TYPE = new Map<string, string>(
  Object.entries({
    'response.output_text.delta': 'content_index',
    'response.output_text.done': 'content_index',
    'response.output_text.annotation.added': 'content_index',
    'response.refusal.delta': 'content_index',
    'response.refusal.done': 'content_index',
    'response.reasoning_summary_text.delta': 'summary_index',
    'response.reasoning_summary_text.done': 'summary_index',
    'response.reasoning_text.delta': 'content_index',
    'response.reasoning_text.done': 'content_index',
    'response.reasoning.delta': 'content_index',
    'response.reasoning.done': 'content_index',
  }),
);

/**
 * What is wrong with a stream event of a known type (`error` and `response.failed` are
 * read elsewhere, leniently: they end the stream whatever their shape).
 */
export function streamEventProblem(event: Json): string | undefined {
  const type = event.type as string;
  // The hottest path, nearly every event of a stream: a well-formed delta, read with
  // direct property access (a delta that fails this is described by the general path).
  if (isWellFormedDelta(event, type)) return undefined;
  const textField = TEXT_FIELD_BY_TYPE.get(type);
  if (textField !== undefined) {
    const partIndex = PART_INDEX_BY_TYPE.get(type);
    return (
      index(event, 'output_index', true) ??
      (partIndex === undefined ? undefined : index(event, partIndex, false)) ??
      string(event, 'item_id', false) ??
      string(event, textField, true) ??
      (type === 'response.function_call_arguments.done' ? string(event, 'name', false) : undefined)
    );
  }
  switch (type) {
    case 'response.created':
    case 'response.queued':
    case 'response.in_progress':
      return responseProblem(event.response, false);
    case 'response.completed':
    case 'response.incomplete':
      return responseProblem(event.response, true);
    case 'response.output_item.added':
    case 'response.output_item.done':
      return first(
        index(event, 'output_index', true),
        outputItemProblem(event.item, type === 'response.output_item.done'),
      );
    case 'response.content_part.added':
    case 'response.content_part.done':
      return first(
        index(event, 'output_index', true),
        index(event, 'content_index', false),
        string(event, 'item_id', false),
        contentPartProblem(event.part, type === 'response.content_part.done', 'part'),
      );
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done': {
      const part = event.part;
      return first(
        index(event, 'output_index', true),
        index(event, 'summary_index', false),
        string(event, 'item_id', false),
        part === undefined ||
          (isObject(part) && (part.text === undefined || typeof part.text === 'string'))
          ? undefined
          : 'part must be an object whose text is a string',
      );
    }
    case 'response.output_text.annotation.added': {
      const annotation = event.annotation;
      return first(
        index(event, 'output_index', true),
        index(event, 'content_index', false),
        index(event, 'annotation_index', false),
        string(event, 'item_id', false),
        isObject(annotation) && typeof annotation.type === 'string'
          ? undefined
          : `annotation must be an object with a type, got ${kind(annotation)}`,
      );
    }
    default:
      return undefined;
  }
}
