import type { Response, ResponseUsage } from '@apifree/core';
import type { UsageMetadata } from '@langchain/core/messages';

/** The `model_provider` our messages carry in `response_metadata`. */
export const MODEL_PROVIDER = 'apifree';

/**
 * Token usage in LangChain's shape. Cached input tokens go to
 * `input_token_details.cache_read`, reasoning tokens to `output_token_details.reasoning`;
 * details the server did not send are left out rather than reported as 0.
 */
export function toUsageMetadata(
  usage: ResponseUsage | null | undefined,
): UsageMetadata | undefined {
  if (!usage) return undefined;
  const metadata: UsageMetadata = {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
  };
  const cached = usage.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') metadata.input_token_details = { cache_read: cached };
  const reasoning = usage.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') metadata.output_token_details = { reasoning };
  return metadata;
}

/**
 * Why the model stopped, in the OpenAI names LangChain users check: `stop`,
 * `tool_calls`, `length` (`max_output_tokens`), `content_filter`.
 */
export function finishReason(response: Response, hasToolCalls: boolean): string {
  if (response.status === 'incomplete') {
    const reason = response.incomplete_details?.reason;
    if (reason === 'max_output_tokens') return 'length';
    return reason ?? 'incomplete';
  }
  if (hasToolCalls) return 'tool_calls';
  return response.status === 'completed' ? 'stop' : response.status;
}

/**
 * `response_metadata` of the final message. Streamed chunks are merged by
 * concatenating strings, so this goes on one chunk only (the last).
 */
export function toResponseMetadata(
  response: Response,
  options: { hasToolCalls: boolean; requestId?: string | undefined },
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    model_provider: MODEL_PROVIDER,
    model_name: response.model,
    model: response.model,
    id: response.id,
    status: response.status,
    finish_reason: finishReason(response, options.hasToolCalls),
  };
  if (response.incomplete_details) metadata.incomplete_details = response.incomplete_details;
  if (response.service_tier) metadata.service_tier = response.service_tier;
  if (options.requestId) metadata.request_id = options.requestId;
  return metadata;
}
