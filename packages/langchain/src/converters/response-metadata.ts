import type { Finish, Response, Usage } from '@apifree/core';
import type { UsageMetadata } from '@langchain/core/messages';

/** The `model_provider` our messages carry in `response_metadata`. */
export const MODEL_PROVIDER = 'apifree';

/**
 * Core's usage in LangChain's shape. Cached input tokens go to
 * `input_token_details.cache_read`, reasoning tokens to `output_token_details.reasoning`;
 * details the server did not send are left out rather than reported as 0. Without input
 * and output counts (a server that sent none, or sent them badly) there is no usage.
 */
export function toUsageMetadata(usage: Usage | undefined): UsageMetadata | undefined {
  if (usage?.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  const metadata: UsageMetadata = {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens ?? usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined)
    metadata.input_token_details = { cache_read: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined)
    metadata.output_token_details = { reasoning: usage.reasoningTokens };
  return metadata;
}

/**
 * Core's finish classification in the OpenAI names LangChain users check: `stop`,
 * `tool_calls`, `length`, `content_filter`; an incomplete answer for another reason
 * gives that reason.
 */
export function finishReason(finish: Finish): string {
  switch (finish.kind) {
    case 'completed':
      return 'stop';
    case 'tool-calls':
      return 'tool_calls';
    case 'length':
      return 'length';
    case 'content-filter':
      return 'content_filter';
    default:
      return finish.raw ?? finish.kind;
  }
}

/**
 * `response_metadata` of the final message. Streamed chunks are merged by
 * concatenating strings, so this goes on one chunk only (the last).
 */
export function toResponseMetadata(
  response: Response,
  finish: Finish,
  options: { requestId?: string | undefined; warnings?: string[] },
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    model_provider: MODEL_PROVIDER,
    model_name: response.model,
    model: response.model,
    id: response.id,
    status: response.status,
    finish_reason: finishReason(finish),
  };
  if (response.incomplete_details) metadata.incomplete_details = response.incomplete_details;
  if (response.service_tier) metadata.service_tier = response.service_tier;
  if (options.requestId) metadata.request_id = options.requestId;
  if (options.warnings && options.warnings.length > 0) metadata.warnings = options.warnings;
  return metadata;
}
