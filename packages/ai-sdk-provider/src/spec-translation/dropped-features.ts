import type { SharedV4Warning } from '@ai-sdk/provider';

/**
 * What a translation to an older spec could not carry, by name ("text citations").
 * Collected while translating, reported as warnings where the older spec still has
 * room for them (a generate result's `warnings`).
 */
export type DroppedFeatures = Set<string>;

/**
 * One `other` warning per dropped feature, naming the spec that lacks it.
 *
 * @example
 * droppedFeatureWarnings(new Set(['text citations']), 'LanguageModelV3 (ai@6)');
 */
export function droppedFeatureWarnings(
  dropped: DroppedFeatures,
  specification: string,
): SharedV4Warning[] {
  return [...dropped].map((feature) => ({
    type: 'other',
    message: `${specification} cannot express ${feature}; they were dropped from the result. ai@7 with the default entry point keeps them.`,
  }));
}
