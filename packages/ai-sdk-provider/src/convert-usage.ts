import type { JSONObject, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { ResponseUsage } from '@apifree/core';

/**
 * Converts Responses usage to the AI SDK's. Cached (read and written) tokens are a
 * subset of input tokens and reasoning tokens a subset of output tokens; servers that
 * omit the `*_details` objects report none of either.
 */
export function convertUsage(usage: ResponseUsage | null | undefined): LanguageModelV4Usage {
  if (usage == null) {
    return {
      inputTokens: {
        total: undefined,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  const cacheRead = usage.input_tokens_details?.cached_tokens ?? 0;
  const cacheWriteValue = usage.input_tokens_details?.cache_write_tokens;
  const cacheWrite = typeof cacheWriteValue === 'number' ? cacheWriteValue : undefined;
  const reasoning = usage.output_tokens_details?.reasoning_tokens ?? 0;
  return {
    inputTokens: {
      total: usage.input_tokens,
      noCache: usage.input_tokens - cacheRead - (cacheWrite ?? 0),
      cacheRead,
      cacheWrite,
    },
    outputTokens: {
      total: usage.output_tokens,
      text: usage.output_tokens - reasoning,
      reasoning,
    },
    raw: usage as unknown as JSONObject,
  };
}
