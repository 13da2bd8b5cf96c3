import type { LanguageModelV3Content, LanguageModelV4Content } from '@ai-sdk/provider';
import type { DroppedFeatures } from './dropped-features';

type StreamableV4Content = Exclude<LanguageModelV4Content, { type: 'text' | 'reasoning' }>;
type StreamableV3Content = Exclude<LanguageModelV3Content, { type: 'text' | 'reasoning' }>;

/**
 * Converts one piece of V4 content to V3, or `undefined` when V3 has no such content.
 * Citations on text, files given by URL, reasoning files and custom content have no
 * V3 form; their names go into `dropped` when given.
 *
 * @example
 * convertV4ContentToV3({ type: 'text', text: 'Hi' }); // { type: 'text', text: 'Hi' }
 */
export function convertV4ContentToV3(
  content: StreamableV4Content,
  dropped?: DroppedFeatures,
): StreamableV3Content | undefined;
export function convertV4ContentToV3(
  content: LanguageModelV4Content,
  dropped?: DroppedFeatures,
): LanguageModelV3Content | undefined;
export function convertV4ContentToV3(
  content: LanguageModelV4Content,
  dropped?: DroppedFeatures,
): LanguageModelV3Content | undefined {
  switch (content.type) {
    case 'text': {
      const { citations, ...text } = content;
      if (citations !== undefined && citations.length > 0) dropped?.add('text citations');
      return text;
    }
    case 'file':
      if (content.data.type !== 'data') {
        dropped?.add('files given by URL');
        return undefined;
      }
      return {
        type: 'file',
        mediaType: content.mediaType,
        data: content.data.data,
        ...(content.providerMetadata !== undefined && {
          providerMetadata: content.providerMetadata,
        }),
      };
    case 'reasoning-file':
      dropped?.add('reasoning files');
      return undefined;
    case 'custom':
      dropped?.add('custom content');
      return undefined;
    default:
      return content;
  }
}
