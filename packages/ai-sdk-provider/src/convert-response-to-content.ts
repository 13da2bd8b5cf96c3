import type {
  JSONObject,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
} from '@ai-sdk/provider';
import type { Response } from '@apifree/core';
import { mapFinishReason } from './map-finish-reason';
import { annotationSource } from './map-stream-events';

/**
 * Converts a finished response's output items to AI SDK content, in order:
 * reasoning, text (with its sources), and tool calls (`{}` for a parameterless call).
 */
export function convertResponseToContent(
  response: Response,
  providerName: string,
): { content: LanguageModelV4Content[]; finishReason: LanguageModelV4FinishReason } {
  const content: LanguageModelV4Content[] = [];
  let hasFunctionCall = false;
  let hasRefusal = false;
  const metadata = (values: JSONObject) => ({ [providerName]: values });

  for (const item of response.output) {
    const itemId = typeof item.id === 'string' ? item.id : undefined;
    switch (item.type) {
      case 'reasoning': {
        const reasoning = item as Extract<Response['output'][number], { type: 'reasoning' }>;
        const texts = [...(reasoning.summary ?? []), ...(reasoning.content ?? [])].map(
          (part) => part.text,
        );
        const providerMetadata = metadata({
          itemId: reasoning.id,
          reasoningEncryptedContent: reasoning.encrypted_content ?? null,
        });
        for (const text of texts.length > 0 ? texts : ['']) {
          content.push({ type: 'reasoning', text, providerMetadata });
        }
        break;
      }
      case 'message': {
        const message = item as Extract<Response['output'][number], { type: 'message' }>;
        for (const [contentIndex, part] of message.content.entries()) {
          if (part.type === 'refusal') {
            hasRefusal = true;
            content.push({
              type: 'text',
              text: part.refusal,
              providerMetadata: metadata({ itemId: message.id }),
            });
            continue;
          }
          content.push({
            type: 'text',
            text: part.text,
            providerMetadata: metadata({ itemId: message.id }),
          });
          for (const [index, annotation] of (part.annotations ?? []).entries()) {
            const source = annotationSource(annotation, `${message.id}:${contentIndex}:${index}`);
            if (source) content.push(source);
          }
        }
        break;
      }
      case 'function_call': {
        const call = item as Extract<Response['output'][number], { type: 'function_call' }>;
        hasFunctionCall = true;
        content.push({
          type: 'tool-call',
          toolCallId: call.call_id,
          toolName: call.name,
          input: call.arguments === '' || call.arguments === undefined ? '{}' : call.arguments,
          ...(itemId !== undefined && { providerMetadata: metadata({ itemId }) }),
        });
        break;
      }
    }
  }

  return {
    content,
    finishReason: mapFinishReason({
      status: response.status,
      incompleteReason: response.incomplete_details?.reason,
      hasFunctionCall,
      hasRefusal,
    }),
  };
}
