import type {
  LanguageModelV2CallOptions,
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4ProviderTool,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import { convertV2PromptToV4 } from './v2-prompt-to-v4';

/**
 * Converts `ai@5`'s call options to the V4 model's: the prompt, and provider-defined
 * tools, which V4 calls provider tools. V2 has no `reasoning` setting: on `ai@5` use
 * `providerOptions.apifree.reasoningEffort`.
 *
 * @example
 * await v4Model.doGenerate(convertV2CallOptionsToV4(options));
 */
export function convertV2CallOptionsToV4(
  options: LanguageModelV2CallOptions,
): LanguageModelV4CallOptions {
  const { prompt, tools, providerOptions, ...settings } = options;
  return {
    ...settings,
    prompt: convertV2PromptToV4(prompt),
    ...(tools !== undefined && {
      tools: tools.map((tool): LanguageModelV4FunctionTool | LanguageModelV4ProviderTool =>
        tool.type === 'function'
          ? tool
          : { type: 'provider', id: tool.id, name: tool.name, args: tool.args },
      ),
    }),
    // V2's option values are JSON values; V4 narrows each provider's entry to an object,
    // which the model's own schema checks.
    ...(providerOptions !== undefined && {
      providerOptions: providerOptions as SharedV4ProviderOptions,
    }),
  };
}
