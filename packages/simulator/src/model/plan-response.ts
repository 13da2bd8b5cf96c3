import type {
  FunctionTool,
  ItemStatus,
  ReasoningEffort,
  ResponseCreateParams,
} from '@apifree/core/wire';
import { generateReasoning } from './generate-reasoning';
import { generateText } from './generate-text';
import { planToolCalls } from './plan-tool-calls';
import type { Conversation } from './read-conversation';
import { type JsonSchema, valueForSchema } from './schema-value';
import { splitTokens } from './tokenize';

export interface PlannedReasoning {
  type: 'reasoning';
  id: string;
  summary: string[];
  tokens: number;
  encryptedContent: string | null;
  status: ItemStatus;
}

export interface PlannedMessage {
  type: 'message';
  id: string;
  /** The text as it streams: one token per delta. */
  deltas: string[];
  status: ItemStatus;
}

export interface PlannedFunctionCall {
  type: 'function_call';
  id: string;
  callId: string;
  name: string;
  deltas: string[];
  status: ItemStatus;
}

export type PlannedItem = PlannedReasoning | PlannedMessage | PlannedFunctionCall;

/** Everything the model decided for one request, before it is turned into events. */
export interface ResponsePlan {
  items: PlannedItem[];
  /** True when `max_output_tokens` cut the output short. */
  incomplete: boolean;
  outputTokens: number;
  reasoningTokens: number;
}

/** Makes ids for items: `newId('msg')` → `msg_…`. */
export type IdFactory = (prefix: string) => string;

function describePlan(calls: { name: string }[], format: string): string {
  if (calls.length > 0)
    return `call ${calls.map((call) => call.name).join(' and ')} to get what is needed`;
  if (format === 'json_schema' || format === 'json_object')
    return 'answer with JSON in the requested format';
  return 'answer directly with a short, clear explanation';
}

function answerText(body: ResponseCreateParams, conversation: Conversation): string {
  const format = body.text?.format;
  const text = generateText(conversation.userText, conversation.toolResults);
  if (format?.type === 'json_schema') {
    const results = conversation.toolResults.map((result) => result.output);
    return JSON.stringify(
      valueForSchema(format.schema as JsonSchema, {
        text: [conversation.userText, ...results].join('\n'),
        name: format.name,
      }),
    );
  }
  if (format?.type === 'json_object') return JSON.stringify({ answer: text });
  return text;
}

/**
 * Plans the output of one request: a reasoning item for reasoning models, then either
 * tool calls or a message, cut at `max_output_tokens` (reasoning tokens count too).
 *
 * @example
 * const plan = planResponse({ model: 'gpt-4o', input: 'Hi' }, readConversation(body), newId, false);
 * plan.items[0].type; // 'message'
 */
export function planResponse(
  body: ResponseCreateParams,
  conversation: Conversation,
  newId: IdFactory,
  reasoningModel: boolean,
): ResponsePlan {
  const tools = (body.tools ?? []).filter((tool): tool is FunctionTool => tool.type === 'function');
  const calls =
    conversation.toolResults.length > 0
      ? []
      : planToolCalls({
          userText: conversation.userText,
          instructions: conversation.instructionsText,
          tools,
          toolChoice: body.tool_choice,
          parallelToolCalls: body.parallel_tool_calls !== false,
          maxToolCalls: body.max_tool_calls ?? null,
        });
  let budget = body.max_output_tokens ?? Number.POSITIVE_INFINITY;
  const items: PlannedItem[] = [];
  let incomplete = false;
  let outputTokens = 0;
  let reasoningTokens = 0;

  const effort: ReasoningEffort = body.reasoning?.effort ?? 'medium';
  if (reasoningModel && effort !== 'none') {
    const reasoning = generateReasoning(
      conversation.userText,
      describePlan(calls, body.text?.format?.type ?? 'text'),
      effort,
      body.reasoning?.summary ?? null,
    );
    reasoningTokens = Math.min(reasoning.tokens, budget);
    incomplete = reasoning.tokens >= budget;
    budget -= reasoningTokens;
    outputTokens += reasoningTokens;
    const encrypted = body.include?.includes('reasoning.encrypted_content')
      ? Buffer.from(`simulated:${reasoning.tokens}:${conversation.userText.slice(0, 64)}`).toString(
          'base64',
        )
      : null;
    items.push({
      type: 'reasoning',
      id: newId('rs'),
      summary: incomplete ? [] : reasoning.summary,
      tokens: reasoningTokens,
      encryptedContent: encrypted,
      status: incomplete ? 'incomplete' : 'completed',
    });
  }

  const take = (text: string): { deltas: string[]; status: ItemStatus } => {
    const deltas = splitTokens(text);
    if (deltas.length <= budget) {
      budget -= deltas.length;
      outputTokens += deltas.length;
      return { deltas, status: 'completed' };
    }
    const kept = deltas.slice(0, Math.max(0, budget));
    outputTokens += kept.length;
    budget = 0;
    incomplete = true;
    return { deltas: kept, status: 'incomplete' };
  };

  if (!incomplete && calls.length > 0) {
    for (const call of calls) {
      if (incomplete) break;
      items.push({
        type: 'function_call',
        id: newId('fc'),
        callId: newId('call'),
        name: call.name,
        ...take(call.arguments),
      });
    }
  } else if (!incomplete) {
    items.push({ type: 'message', id: newId('msg'), ...take(answerText(body, conversation)) });
  }
  return { items, incomplete, outputTokens, reasoningTokens };
}
