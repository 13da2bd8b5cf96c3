import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';

/**
 * Maps the end of a Responses answer to the AI SDK's finish reason. A client-side
 * function call wins over every other reason except a length limit, so `stopWhen`
 * tool loops keep going.
 */
export function mapFinishReason({
  status,
  incompleteReason,
  hasFunctionCall,
  hasRefusal,
}: {
  status: string | undefined;
  incompleteReason: string | null | undefined;
  hasFunctionCall: boolean;
  hasRefusal: boolean;
}): LanguageModelV4FinishReason {
  const raw = incompleteReason ?? status;
  if (status === 'failed') return { unified: 'error', raw };
  switch (incompleteReason) {
    case undefined:
    case null:
      if (hasFunctionCall) return { unified: 'tool-calls', raw };
      return { unified: hasRefusal ? 'content-filter' : 'stop', raw };
    case 'max_output_tokens':
      return { unified: 'length', raw };
    case 'content_filter':
      return { unified: 'content-filter', raw };
    default:
      return { unified: hasFunctionCall ? 'tool-calls' : 'other', raw };
  }
}
