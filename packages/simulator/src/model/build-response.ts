import type {
  OutputItem,
  Response,
  ResponseCreateParams,
  ResponseError,
  ResponseStatus,
  ResponseUsage,
} from '@apifree/core/wire';
import type { PlannedItem, ResponsePlan } from './plan-response';

/** What identifies one response: its id, creation time and whether its model reasons. */
export interface ResponseIdentity {
  id: string;
  createdAt: number;
  reasoning: boolean;
}

/** The finished form of a planned item, as `output_item.done` and the response carry it. */
export function finishedItem(item: PlannedItem): OutputItem {
  switch (item.type) {
    case 'reasoning':
      return {
        id: item.id,
        type: 'reasoning',
        ...(item.encryptedContent === null ? {} : { encrypted_content: item.encryptedContent }),
        summary: item.summary.map((text) => ({ type: 'summary_text', text })),
      };
    case 'message':
      return {
        id: item.id,
        type: 'message',
        status: item.status,
        content: [
          { type: 'output_text', annotations: [], logprobs: [], text: item.deltas.join('') },
        ],
        role: 'assistant',
      };
    case 'function_call':
      return {
        id: item.id,
        type: 'function_call',
        status: item.status,
        arguments: item.deltas.join(''),
        call_id: item.callId,
        name: item.name,
      };
  }
}

/** Usage as the terminal response reports it. */
export function planUsage(
  plan: ResponsePlan,
  inputTokens: number,
  cachedTokens: number,
): ResponseUsage {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedTokens },
    output_tokens: plan.outputTokens,
    output_tokens_details: { reasoning_tokens: plan.reasoningTokens },
    total_tokens: inputTokens + plan.outputTokens,
  };
}

/** The state of a response at one moment of its life. */
export interface ResponseState {
  status: ResponseStatus;
  output: OutputItem[];
  usage: ResponseUsage | null;
  error?: ResponseError | null;
  incomplete?: boolean;
}

/**
 * The response object with every field a real one carries, in the order OpenAI sends
 * them, echoing the request's settings.
 *
 * @example
 * responseObject(body, { id: 'resp_1', createdAt: 1, reasoning: false }, { status: 'in_progress', output: [], usage: null });
 */
export function responseObject(
  body: ResponseCreateParams,
  identity: ResponseIdentity,
  state: ResponseState,
): Response {
  const finished = state.status !== 'in_progress' && state.status !== 'queued';
  const tier = body.service_tier ?? 'auto';
  return {
    id: identity.id,
    object: 'response',
    created_at: identity.createdAt,
    status: state.status,
    background: body.background ?? false,
    completed_at: state.status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    error: state.error ?? null,
    frequency_penalty: typeof body.frequency_penalty === 'number' ? body.frequency_penalty : 0,
    incomplete_details: state.incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: body.model,
    output: state.output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    presence_penalty: typeof body.presence_penalty === 'number' ? body.presence_penalty : 0,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: identity.reasoning
      ? { effort: body.reasoning?.effort ?? 'medium', summary: body.reasoning?.summary ?? null }
      : { effort: null, summary: null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: finished && tier === 'auto' ? 'default' : tier,
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: {
      format: body.text?.format ?? { type: 'text' },
      verbosity: body.text?.verbosity ?? 'medium',
    },
    tool_choice: body.tool_choice ?? 'auto',
    tools: (body.tools ?? []).map((tool) =>
      tool.type === 'function' ? { description: null, strict: true, ...tool } : tool,
    ),
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: state.usage,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}
