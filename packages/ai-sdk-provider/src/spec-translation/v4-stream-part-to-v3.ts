import type { LanguageModelV3StreamPart, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { convertV4ContentToV3 } from './v4-content-to-v3';
import { convertV4FinishReasonToV3 } from './v4-finish-reason-to-v3';
import { convertV4WarningToV3 } from './v4-warning-to-v3';

/**
 * Converts one V4 stream part to V3, or `undefined` when V3 has no such part (`ping`,
 * and the content V3 lacks); citations on text are left out. Part by part, in
 * order: the V4 model's stream mapping stays the only one. A stream has no place for
 * warnings after `stream-start`, so what it loses is listed in the README.
 *
 * @example
 * v4Stream.pipeThrough(new TransformStream({
 *   transform(part, controller) {
 *     const translated = convertV4StreamPartToV3(part);
 *     if (translated !== undefined) controller.enqueue(translated);
 *   },
 * }));
 */
export function convertV4StreamPartToV3(
  part: LanguageModelV4StreamPart,
): LanguageModelV3StreamPart | undefined {
  switch (part.type) {
    case 'text-end': {
      const { citations: _citations, ...end } = part;
      return end;
    }
    case 'tool-input-start': {
      const { inputEncoding: _inputEncoding, ...start } = part;
      return start;
    }
    case 'stream-start':
      return { type: 'stream-start', warnings: part.warnings.map(convertV4WarningToV3) };
    case 'finish':
      return { ...part, finishReason: convertV4FinishReasonToV3(part.finishReason) };
    case 'ping':
      return undefined;
    case 'file':
    case 'reasoning-file':
    case 'custom':
      return convertV4ContentToV3(part);
    default:
      return part;
  }
}
