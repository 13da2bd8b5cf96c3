import type { LanguageModelV3CallOptions, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { convertV3PromptToV4 } from './v3-prompt-to-v4';

/**
 * Converts `ai@6`'s call options to the V4 model's. The settings are the same in both
 * specs; only the prompt's file and tool-result shapes differ. V3 has no `reasoning`
 * setting: on `ai@6` use `providerOptions.apifree.reasoningEffort`.
 *
 * @example
 * await v4Model.doStream(convertV3CallOptionsToV4(options, 'apifree'));
 */
export function convertV3CallOptionsToV4(
  options: LanguageModelV3CallOptions,
  providerName: string,
): LanguageModelV4CallOptions {
  return { ...options, prompt: convertV3PromptToV4(options.prompt, providerName) };
}
