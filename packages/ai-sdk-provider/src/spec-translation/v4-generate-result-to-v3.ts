import type {
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV4GenerateResult,
} from '@ai-sdk/provider';
import { type DroppedFeatures, droppedFeatureWarnings } from './dropped-features';
import { convertV4ContentToV3 } from './v4-content-to-v3';
import { convertV4FinishReasonToV3 } from './v4-finish-reason-to-v3';
import { convertV4WarningToV3 } from './v4-warning-to-v3';

/**
 * Converts a V4 `doGenerate` result to V3. Usage has the same shape in both specs;
 * content V3 cannot hold is dropped with a warning naming it.
 *
 * @example
 * return convertV4GenerateResultToV3(await v4Model.doGenerate(options));
 */
export function convertV4GenerateResultToV3(
  result: LanguageModelV4GenerateResult,
): LanguageModelV3GenerateResult {
  const dropped: DroppedFeatures = new Set();
  const content = result.content
    .map((part) => convertV4ContentToV3(part, dropped))
    .filter((part): part is LanguageModelV3Content => part !== undefined);
  return {
    content,
    finishReason: convertV4FinishReasonToV3(result.finishReason),
    usage: result.usage,
    ...(result.providerMetadata !== undefined && { providerMetadata: result.providerMetadata }),
    ...(result.request !== undefined && { request: result.request }),
    ...(result.response !== undefined && { response: result.response }),
    warnings: [
      ...result.warnings,
      ...droppedFeatureWarnings(dropped, 'LanguageModelV3 (ai@6)'),
    ].map(convertV4WarningToV3),
  };
}
