import type { LanguageModelV2Usage, LanguageModelV4Usage } from '@ai-sdk/provider';

/**
 * Converts V4 usage to V2's flat numbers. V2 has no place for uncached or cache-write
 * input tokens, text output tokens or the raw usage; the totals, cached input tokens
 * and reasoning tokens carry over.
 *
 * @example
 * convertV4UsageToV2(usage).totalTokens; // input + output tokens
 */
export function convertV4UsageToV2(usage: LanguageModelV4Usage): LanguageModelV2Usage {
  const input = usage.inputTokens.total;
  const output = usage.outputTokens.total;
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input === undefined || output === undefined ? undefined : input + output,
    reasoningTokens: usage.outputTokens.reasoning,
    cachedInputTokens: usage.inputTokens.cacheRead,
  };
}
