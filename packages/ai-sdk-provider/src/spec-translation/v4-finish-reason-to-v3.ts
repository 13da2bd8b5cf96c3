import type { LanguageModelV3FinishReason, LanguageModelV4FinishReason } from '@ai-sdk/provider';

/**
 * Converts a V4 finish reason to V3, which has no `interrupted`: a stream that ended
 * before the server's final event reads `other`, with the raw reason kept (for
 * example `stream_truncated`) or `interrupted` when there is none; its `error` part
 * still says what happened.
 *
 * @example
 * convertV4FinishReasonToV3({ unified: 'interrupted', raw: undefined }); // { unified: 'other', raw: 'interrupted' }
 */
export function convertV4FinishReasonToV3(
  finishReason: LanguageModelV4FinishReason,
): LanguageModelV3FinishReason {
  if (finishReason.unified === 'interrupted') {
    return { unified: 'other', raw: finishReason.raw ?? 'interrupted' };
  }
  return { unified: finishReason.unified, raw: finishReason.raw };
}
