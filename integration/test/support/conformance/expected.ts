import type { Summary } from './summary';

// The expected summary of an answer, read straight from the server's events (or JSON
// body) by the rules the core README states: a block's final value wins when it extends
// what was streamed, the streamed text stands when they disagree; function-call
// arguments come from `function_call_arguments.done` or the finished item. Written
// without any of the packages under test.

// biome-ignore lint/suspicious/noExplicitAny: raw server JSON, read loosely on purpose (fields of any shape).
type Json = Record<string, any>;

interface Block {
  order: string;
  streamed: string;
  final: string | undefined;
}

function key(outputIndex: number, index: number): string {
  return `${String(outputIndex).padStart(4, '0')}:${String(index).padStart(4, '0')}`;
}

function finishOf(response: Json, hasToolCalls: boolean, hasRefusal: boolean): string {
  if (response.status === 'failed') return 'error';
  const reason = response.incomplete_details?.reason;
  if (reason === 'max_output_tokens') return 'length';
  if (reason === 'content_filter') return 'content-filter';
  if (reason) return hasToolCalls ? 'tool-calls' : 'other';
  if (hasToolCalls) return 'tool-calls';
  return hasRefusal ? 'content-filter' : 'completed';
}

function usageOf(response: Json): Summary['usage'] {
  const usage = response.usage;
  const counts = [usage?.input_tokens, usage?.output_tokens].every(
    (value) => Number.isSafeInteger(value) && value >= 0,
  );
  if (!counts) return undefined;
  const total = Number.isSafeInteger(usage.total_tokens)
    ? usage.total_tokens
    : usage.input_tokens + usage.output_tokens;
  return { input: usage.input_tokens, output: usage.output_tokens, total };
}

function joined(blocks: Map<string, Block>): string {
  return [...blocks.values()]
    .sort((a, b) => a.order.localeCompare(b.order))
    .map((block) => (block.final?.startsWith(block.streamed) ? block.final : block.streamed))
    .join('');
}

function block(map: Map<string, Block>, order: string): Block {
  let found = map.get(order);
  if (!found) {
    found = { order, streamed: '', final: undefined };
    map.set(order, found);
  }
  return found;
}

function readItem(item: Json, outputIndex: number, state: State): void {
  if (item.type === 'message') {
    for (const [index, part] of (item.content ?? []).entries()) {
      if (part.type === 'refusal') state.hasRefusal = true;
      const value = part.type === 'refusal' ? part.refusal : part.text;
      const target = block(state.text, key(outputIndex, index));
      target.final ??= value;
    }
  } else if (item.type === 'reasoning') {
    for (const [index, part] of (item.summary ?? []).entries())
      block(state.reasoning, `${key(outputIndex, index)}:s`).final ??= part.text;
    for (const [index, part] of (item.content ?? []).entries())
      block(state.reasoning, `${key(outputIndex, index)}:t`).final ??= part.text;
  } else if (item.type === 'function_call') {
    const call = state.calls.get(outputIndex) ?? { args: undefined as string | undefined };
    state.calls.set(outputIndex, {
      id: item.call_id,
      name: item.name,
      args: call.args ?? item.arguments,
    });
  }
}

interface State {
  text: Map<string, Block>;
  reasoning: Map<string, Block>;
  calls: Map<number, { id?: string; name?: string; args: string | undefined }>;
  hasRefusal: boolean;
}

/**
 * What a streamed answer amounts to. `endsInvalid`: the last event is unreadable, so the
 * answer is what came before it, ending in an `APIStreamError`.
 */
export function expectedFromEvents(events: Json[], endsInvalid = false): Summary {
  if (endsInvalid) {
    const before = expectedFromEvents(events.slice(0, -1));
    return { ...before, toolCalls: [], finish: 'error', usage: undefined, error: 'APIStreamError' };
  }
  const state: State = {
    text: new Map(),
    reasoning: new Map(),
    calls: new Map(),
    hasRefusal: false,
  };
  for (const event of events) {
    const at = event.output_index;
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        if (event.type === 'response.refusal.delta') state.hasRefusal = true;
        block(state.text, key(at, event.content_index ?? 0)).streamed += event.delta;
        break;
      case 'response.output_text.done':
        block(state.text, key(at, event.content_index ?? 0)).final ??= event.text;
        break;
      case 'response.refusal.done':
        state.hasRefusal = true;
        block(state.text, key(at, event.content_index ?? 0)).final ??= event.refusal;
        break;
      case 'response.reasoning_summary_text.delta':
        block(state.reasoning, `${key(at, event.summary_index ?? 0)}:s`).streamed += event.delta;
        break;
      case 'response.reasoning_summary_text.done':
        block(state.reasoning, `${key(at, event.summary_index ?? 0)}:s`).final ??= event.text;
        break;
      case 'response.reasoning_text.delta':
      case 'response.reasoning.delta':
        block(state.reasoning, `${key(at, event.content_index ?? 0)}:t`).streamed += event.delta;
        break;
      case 'response.reasoning_text.done':
      case 'response.reasoning.done':
        block(state.reasoning, `${key(at, event.content_index ?? 0)}:t`).final ??= event.text;
        break;
      case 'response.function_call_arguments.done':
        state.calls.set(at, { ...state.calls.get(at), args: event.arguments });
        break;
      case 'response.output_item.done':
        readItem(event.item, at, state);
        break;
      case 'error':
        return partial(state, 'APIStreamError');
      case 'response.failed':
        return partial(state, 'APIResponseFailedError');
      case 'response.completed':
      case 'response.incomplete': {
        for (const [index, item] of event.response.output.entries()) readItem(item, index, state);
        const toolCalls = calls(state);
        return {
          text: joined(state.text),
          reasoning: joined(state.reasoning),
          toolCalls,
          finish: finishOf(event.response, toolCalls.length > 0, state.hasRefusal),
          usage: usageOf(event.response),
          error: undefined,
        };
      }
    }
  }
  return partial(state, 'APIStreamTruncatedError');
}

function calls(state: State): Summary['toolCalls'] {
  return [...state.calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => ({
      id: call.id ?? '',
      name: call.name ?? '',
      args: call.args === undefined || call.args.trim() === '' ? {} : JSON.parse(call.args),
    }));
}

/** An answer that failed: what streamed before, finished calls only. */
function partial(state: State, error: string): Summary {
  return {
    text: joined(state.text),
    reasoning: joined(state.reasoning),
    toolCalls: calls(state).filter((call) => call.id !== ''),
    finish: error === 'APIStreamTruncatedError' ? 'interrupted' : 'error',
    usage: undefined,
    error,
  };
}

/** What a JSON answer amounts to: a response object, or an HTTP error body (`invalid`: unreadable). */
export function expectedFromJson(body: Json, status: number, invalid = false): Summary {
  if (invalid) {
    return {
      text: '',
      reasoning: '',
      toolCalls: [],
      finish: 'error',
      usage: undefined,
      error: 'APIStreamError',
    };
  }
  if (status >= 400) {
    const byStatus: Record<number, string> = {
      400: 'BadRequestError',
      401: 'AuthenticationError',
      429: 'RateLimitError',
    };
    return {
      text: '',
      reasoning: '',
      toolCalls: [],
      finish: 'error',
      usage: undefined,
      error: byStatus[status] ?? 'InternalServerError',
    };
  }
  if (body.status === 'failed') {
    return {
      text: '',
      reasoning: '',
      toolCalls: [],
      finish: 'error',
      usage: undefined,
      error: 'APIResponseFailedError',
    };
  }
  const state: State = {
    text: new Map(),
    reasoning: new Map(),
    calls: new Map(),
    hasRefusal: false,
  };
  for (const [index, item] of body.output.entries()) readItem(item, index, state);
  const toolCalls = calls(state);
  return {
    text: joined(state.text),
    reasoning: joined(state.reasoning),
    toolCalls,
    finish: finishOf(body, toolCalls.length > 0, state.hasRefusal),
    usage: usageOf(body),
    error: undefined,
  };
}
