import type { ReasoningEffort, ReasoningSummary } from '@apifree/core/wire';
import { hashText } from './seeded-random';

/** The reasoning a reasoning model produces before its answer. */
export interface GeneratedReasoning {
  /** Hidden reasoning tokens, counted in `output_tokens_details.reasoning_tokens`. */
  tokens: number;
  /** Summary parts, empty unless `reasoning.summary` was requested. */
  summary: string[];
}

const BASE_TOKENS: Record<ReasoningEffort, number> = {
  none: 0,
  minimal: 16,
  low: 64,
  medium: 192,
  high: 448,
  xhigh: 832,
};

/**
 * Reasoning for a request: a token count that grows with `effort` (same input, same
 * count) and, when `summary` is set, summary text describing the plan.
 *
 * @example
 * generateReasoning('Weather in Paris?', 'call get_weather', 'low', 'auto').summary.length; // 1
 */
export function generateReasoning(
  userText: string,
  plan: string,
  effort: ReasoningEffort,
  summary: ReasoningSummary | null,
): GeneratedReasoning {
  const base = BASE_TOKENS[effort];
  const tokens =
    base === 0 ? 0 : base + (hashText(`${effort}:${userText}`) % Math.max(8, base / 2));
  if (summary === null) return { tokens, summary: [] };
  const request = userText.replace(/\s+/g, ' ').trim().slice(0, 120) || 'the conversation so far';
  const parts = [`**Understanding the request**\n\nThe user asks: "${request}". I will ${plan}.`];
  if (summary === 'detailed') {
    parts.push(
      '**Checking the answer**\n\nI will keep the response accurate, concise and consistent with the request.',
    );
  }
  return { tokens, summary: parts };
}
