import type { LanguageModelV2Content, LanguageModelV4Content } from '@ai-sdk/provider';
import type { DroppedFeatures } from './dropped-features';
import { withV2ProviderMetadata } from './v4-provider-metadata-to-v2';

type StreamableV4Content = Exclude<LanguageModelV4Content, { type: 'text' | 'reasoning' }>;
type StreamableV2Content = Exclude<LanguageModelV2Content, { type: 'text' | 'reasoning' }>;

/**
 * Converts one piece of V4 content to V2, or `undefined` when V2 has no such content.
 * Besides what V3 lacks (citations, URL files, reasoning files, custom content), V2
 * has no tool approval requests, no dynamic or preliminary flags and no metadata on
 * files; their names go into `dropped` when given.
 *
 * @example
 * convertV4ContentToV2({ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{}' });
 */
export function convertV4ContentToV2(
  content: StreamableV4Content,
  dropped?: DroppedFeatures,
): StreamableV2Content | undefined;
export function convertV4ContentToV2(
  content: LanguageModelV4Content,
  dropped?: DroppedFeatures,
): LanguageModelV2Content | undefined;
export function convertV4ContentToV2(
  content: LanguageModelV4Content,
  dropped?: DroppedFeatures,
): LanguageModelV2Content | undefined {
  switch (content.type) {
    case 'text': {
      const { citations, ...text } = content;
      if (citations !== undefined && citations.length > 0) dropped?.add('text citations');
      return withV2ProviderMetadata(text);
    }
    case 'reasoning':
    case 'source':
      return withV2ProviderMetadata(content);
    case 'file':
      if (content.data.type !== 'data') {
        dropped?.add('files given by URL');
        return undefined;
      }
      if (content.providerMetadata !== undefined) dropped?.add('provider metadata of files');
      return { type: 'file', mediaType: content.mediaType, data: content.data.data };
    case 'tool-call': {
      const { dynamic, ...call } = content;
      if (dynamic === true) dropped?.add('dynamic tool calls');
      return withV2ProviderMetadata(call);
    }
    case 'tool-result': {
      const { dynamic, preliminary, ...result } = content;
      // V2 would read a preview as the final result: keep only final ones.
      if (preliminary === true) {
        dropped?.add('preliminary tool results');
        return undefined;
      }
      if (dynamic === true) dropped?.add('dynamic tool results');
      // Tool results in a model's output come from tools the provider ran.
      return withV2ProviderMetadata({ ...result, providerExecuted: true });
    }
    case 'tool-approval-request':
      dropped?.add('tool approval requests');
      return undefined;
    case 'reasoning-file':
      dropped?.add('reasoning files');
      return undefined;
    case 'custom':
      dropped?.add('custom content');
      return undefined;
  }
}
