import type { LanguageModelV2StreamPart, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertV4ContentToV2 } from './v4-content-to-v2';
import { convertV4FinishReasonToV2 } from './v4-finish-reason-to-v2';
import { withV2ProviderMetadata } from './v4-provider-metadata-to-v2';
import { convertV4UsageToV2 } from './v4-usage-to-v2';
import { convertV4WarningToV2 } from './v4-warning-to-v2';

/**
 * Converts one V4 stream part to V2, or `undefined` when V2 has no such part (`ping`,
 * and the content V2 lacks); citations on text are left out. Part by part, in
 * order: the V4 model's stream mapping stays the only one. A stream has no place for
 * warnings after `stream-start`, so what it loses is listed in the README.
 *
 * @example
 * const translated = convertV4StreamPartToV2({ type: 'text-delta', id: 'msg_1', delta: 'Hi' });
 */
export function convertV4StreamPartToV2(
  part: LanguageModelV4StreamPart,
): LanguageModelV2StreamPart | undefined {
  switch (part.type) {
    case 'text-end': {
      const { citations: _citations, ...end } = part;
      return withV2ProviderMetadata(end);
    }
    case 'tool-input-start': {
      const { id, toolName, providerMetadata, providerExecuted } = part;
      return withV2ProviderMetadata({
        type: 'tool-input-start' as const,
        id,
        toolName,
        ...(providerMetadata !== undefined && { providerMetadata }),
        ...(providerExecuted !== undefined && { providerExecuted }),
      });
    }
    case 'stream-start':
      return { type: 'stream-start', warnings: part.warnings.map(convertV4WarningToV2) };
    case 'finish':
      return withV2ProviderMetadata({
        ...part,
        usage: convertV4UsageToV2(part.usage),
        finishReason: convertV4FinishReasonToV2(part.finishReason),
      });
    case 'ping':
      return undefined;
    case 'tool-call':
    case 'tool-result':
    case 'tool-approval-request':
    case 'file':
    case 'reasoning-file':
    case 'custom':
    case 'source':
      return convertV4ContentToV2(part);
    case 'text-start':
    case 'text-delta':
    case 'reasoning-start':
    case 'reasoning-delta':
    case 'reasoning-end':
    case 'tool-input-delta':
    case 'tool-input-end':
      return withV2ProviderMetadata(part);
    default:
      return part;
  }
}
