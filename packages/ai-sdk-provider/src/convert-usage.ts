import type { JSONObject, LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Usage } from '@apifree/core';

/**
 * Core's usage in the AI SDK's shape. As `@ai-sdk/openai` does, a response whose usage
 * has no cached or reasoning details reports 0 of each; a count the server sent badly
 * (dropped by core, with a warning) stays `undefined`, and so do the figures derived from it.
 */
export function convertUsage(usage: Usage | undefined): LanguageModelV4Usage {
  if (usage === undefined) {
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
  const cacheRead = usage.cachedInputTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  return {
    inputTokens: {
      total: input,
      noCache: input === undefined ? undefined : input - cacheRead - (usage.cacheWriteTokens ?? 0),
      cacheRead,
      cacheWrite: usage.cacheWriteTokens,
    },
    outputTokens: {
      total: output,
      text: output === undefined ? undefined : output - reasoning,
      reasoning,
    },
    raw: usage.raw as JSONObject,
  };
}
