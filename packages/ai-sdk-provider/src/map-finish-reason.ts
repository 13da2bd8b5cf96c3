import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';
import type { Finish } from '@apifree/core';

/** Core's finish classification as the AI SDK's finish reason (`completed` is `stop`). */
export function mapFinishReason(finish: Finish): LanguageModelV4FinishReason {
  return { unified: finish.kind === 'completed' ? 'stop' : finish.kind, raw: finish.raw };
}
