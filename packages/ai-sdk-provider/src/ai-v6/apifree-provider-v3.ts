import { InvalidArgumentError } from '@ai-sdk/provider';
import type { LanguageModelV3, ProviderV3 } from '@ai-sdk/provider-v3';
import {
  type APIFreeProviderSettings,
  createAPIFree as createAPIFreeV4,
} from '../apifree-provider';
import type { APIFreeModelId } from '../model-ids';
import { APIFreeLanguageModelV3 } from './apifree-language-model-v3';

/** The APIFree provider for `ai@6`: call it with a model ID to get a `LanguageModelV3`. */
export interface APIFreeProviderV3 extends ProviderV3 {
  (modelId: APIFreeModelId): LanguageModelV3;
  /** The Responses language model `modelId`. */
  languageModel(modelId: APIFreeModelId): LanguageModelV3;
  /** APIFree has no embedding models through this provider: always throws `NoSuchModelError`. */
  embeddingModel(modelId: string): never;
  /** APIFree has no image models through this provider: always throws `NoSuchModelError`. */
  imageModel(modelId: string): never;
}

/**
 * Creates an APIFree provider for `ai@6` (`LanguageModelV3`), with the same settings
 * and `providerOptions.apifree` as the `ai@7` provider. Nothing is read or checked
 * until the first call, so creating a provider never throws on a missing key.
 *
 * @example
 * import { createAPIFree } from '@apifree/ai-sdk-provider/ai-v6';
 * import { generateText } from 'ai';
 *
 * const apifree = createAPIFree({ apiKey: process.env.MY_APIFREE_KEY });
 * const { text } = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Hi' });
 */
export function createAPIFree(settings: APIFreeProviderSettings = {}): APIFreeProviderV3 {
  const v4 = createAPIFreeV4(settings);
  const providerName = settings.name ?? 'apifree';
  const languageModel = (modelId: APIFreeModelId): LanguageModelV3 =>
    new APIFreeLanguageModelV3(v4.languageModel(modelId), providerName);

  // A function (not an arrow) so that `new apifree(...)` reaches the check below.
  const provider = function (this: unknown, modelId: APIFreeModelId) {
    if (new.target) {
      throw new InvalidArgumentError({
        argument: 'modelId',
        message: 'The APIFree provider is a function: call apifree(modelId) without `new`.',
      });
    }
    return languageModel(modelId);
  } as APIFreeProviderV3;

  Object.assign(provider, {
    specificationVersion: 'v3' as const,
    languageModel,
    embeddingModel: (modelId: string): never => v4.embeddingModel(modelId),
    imageModel: (modelId: string): never => v4.imageModel(modelId),
  });
  return provider;
}

/**
 * The default APIFree provider for `ai@6`, configured from `APIFREE_API_KEY` and
 * `APIFREE_BASE_URL`.
 *
 * @example
 * import { apifree } from '@apifree/ai-sdk-provider/ai-v6';
 * import { streamText } from 'ai';
 *
 * const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Write a haiku about rain.' });
 * for await (const text of result.textStream) process.stdout.write(text);
 */
export const apifree: APIFreeProviderV3 = createAPIFree();
