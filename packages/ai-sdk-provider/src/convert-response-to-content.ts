import type { JSONObject, LanguageModelV4Content } from '@ai-sdk/provider';
import type { ResponseOutput } from '@apifree/core';
import { annotationSource } from './annotation-source';
import { itemIdOf } from './map-output-events';

/**
 * Core's reading of a finished response as AI SDK content, in output order: reasoning
 * (one part per summary or text part; an empty one for an item with neither, so its
 * encrypted content reaches the next turn), text and refusals (with their sources), and
 * tool calls (`{}` for a call without arguments).
 */
export function convertResponseToContent(
  output: ResponseOutput,
  providerName: string,
): LanguageModelV4Content[] {
  const content: LanguageModelV4Content[] = [];
  const metadata = (values: JSONObject) => ({ [providerName]: values });
  const reasoningWithParts = new Set<number>();
  for (const part of output.parts) {
    switch (part.type) {
      case 'reasoning':
        reasoningWithParts.add(part.outputIndex);
        content.push({
          type: 'reasoning',
          text: part.text,
          providerMetadata: metadata({
            ...itemIdOf(part),
            reasoningEncryptedContent: part.encryptedContent ?? null,
          }),
        });
        break;
      case 'reasoning-item':
        if (!reasoningWithParts.has(part.outputIndex)) {
          content.push({
            type: 'reasoning',
            text: '',
            providerMetadata: metadata({
              itemId: part.item.id,
              reasoningEncryptedContent: part.item.encrypted_content ?? null,
            }),
          });
        }
        break;
      case 'text':
        content.push({
          type: 'text',
          text: part.text,
          providerMetadata: metadata(itemIdOf(part)),
        });
        for (const [index, annotation] of part.annotations.entries()) {
          const source = annotationSource(
            annotation,
            `${part.itemId}:${part.contentIndex}:${index}`,
          );
          if (source) content.push(source);
        }
        break;
      case 'refusal':
        content.push({
          type: 'text',
          text: part.refusal,
          providerMetadata: metadata(itemIdOf(part)),
        });
        break;
      case 'tool-call':
        content.push({
          type: 'tool-call',
          toolCallId: part.callId,
          toolName: part.name,
          input: part.arguments === '' ? '{}' : part.arguments,
          providerMetadata: metadata(itemIdOf(part)),
        });
        break;
      case 'item':
        break;
    }
  }
  return content;
}
