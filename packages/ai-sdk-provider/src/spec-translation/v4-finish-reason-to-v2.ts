import type { LanguageModelV2FinishReason, LanguageModelV4FinishReason } from '@ai-sdk/provider';

/**
 * Converts a V4 finish reason to V2's plain string. V2 keeps no raw reason, and has no
 * `interrupted`: a stream that ended before the server's final event reads `unknown`
 * ("no finish reason was transmitted"), next to its `error` part.
 *
 * @example
 * convertV4FinishReasonToV2({ unified: 'tool-calls', raw: 'completed' }); // 'tool-calls'
 */
export function convertV4FinishReasonToV2(
  finishReason: LanguageModelV4FinishReason,
): LanguageModelV2FinishReason {
  return finishReason.unified === 'interrupted' ? 'unknown' : finishReason.unified;
}
