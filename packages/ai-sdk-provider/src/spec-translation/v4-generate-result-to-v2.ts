import type {
  LanguageModelV2,
  LanguageModelV2Content,
  LanguageModelV4GenerateResult,
} from '@ai-sdk/provider';
import { type DroppedFeatures, droppedFeatureWarnings } from './dropped-features';
import { convertV4ContentToV2 } from './v4-content-to-v2';
import { convertV4FinishReasonToV2 } from './v4-finish-reason-to-v2';
import { convertV4ProviderMetadataToV2 } from './v4-provider-metadata-to-v2';
import { convertV4UsageToV2 } from './v4-usage-to-v2';
import { convertV4WarningToV2 } from './v4-warning-to-v2';

/** What a V2 model's `doGenerate` resolves to (the V2 spec names no type for it). */
type LanguageModelV2GenerateResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;

/**
 * Converts a V4 `doGenerate` result to V2: flat usage, a plain finish reason, and
 * content V2 cannot hold dropped with a warning naming it.
 *
 * @example
 * return convertV4GenerateResultToV2(await v4Model.doGenerate(options));
 */
export function convertV4GenerateResultToV2(
  result: LanguageModelV4GenerateResult,
): LanguageModelV2GenerateResult {
  const dropped: DroppedFeatures = new Set();
  const content = result.content
    .map((part) => convertV4ContentToV2(part, dropped))
    .filter((part): part is LanguageModelV2Content => part !== undefined);
  return {
    content,
    finishReason: convertV4FinishReasonToV2(result.finishReason),
    usage: convertV4UsageToV2(result.usage),
    ...(result.providerMetadata !== undefined && {
      providerMetadata: convertV4ProviderMetadataToV2(result.providerMetadata),
    }),
    ...(result.request !== undefined && { request: result.request }),
    ...(result.response !== undefined && { response: result.response }),
    warnings: [
      ...result.warnings,
      ...droppedFeatureWarnings(dropped, 'LanguageModelV2 (ai@5)'),
    ].map(convertV4WarningToV2),
  };
}
