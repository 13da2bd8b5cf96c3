import { InvalidArgumentError } from '@ai-sdk/provider';
import type { LanguageModelV2, ProviderV2 } from '@ai-sdk/provider-v2';
import {
  type APIFreeProviderSettings,
  createAPIFree as createAPIFreeV4,
} from '../apifree-provider';
import type { APIFreeModelId } from '../model-ids';
import { APIFreeLanguageModelV2 } from './apifree-language-model-v2';

/** The APIFree provider for `ai@5`: call it with a model ID to get a `LanguageModelV2`. */
export interface APIFreeProviderV2 extends ProviderV2 {
  (modelId: APIFreeModelId): LanguageModelV2;
  /** The Responses language model `modelId`. */
  languageModel(modelId: APIFreeModelId): LanguageModelV2;
  /** APIFree has no embedding models through this provider: always throws `NoSuchModelError`. */
  textEmbeddingModel(modelId: string): never;
  /** APIFree has no image models through this provider: always throws `NoSuchModelError`. */
  imageModel(modelId: string): never;
}

/**
 * Creates an APIFree provider for `ai@5` (`LanguageModelV2`), with the same settings
 * and `providerOptions.apifree` as the `ai@7` provider. Nothing is read or checked
 * until the first call, so creating a provider never throws on a missing key.
 *
 * @example
 * import { createAPIFree } from '@apifree/ai-sdk-provider/ai-v5';
 * import { generateText } from 'ai';
 *
 * const apifree = createAPIFree({ apiKey: process.env.MY_APIFREE_KEY });
 * const { text } = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Hi' });
 */
export function createAPIFree(settings: APIFreeProviderSettings = {}): APIFreeProviderV2 {
  const v4 = createAPIFreeV4(settings);
  const languageModel = (modelId: APIFreeModelId): LanguageModelV2 =>
    new APIFreeLanguageModelV2(v4.languageModel(modelId));

  // A function (not an arrow) so that `new apifree(...)` reaches the check below.
  const provider = function (this: unknown, modelId: APIFreeModelId) {
    if (new.target) {
      throw new InvalidArgumentError({
        argument: 'modelId',
        message: 'The APIFree provider is a function: call apifree(modelId) without `new`.',
      });
    }
    return languageModel(modelId);
  } as APIFreeProviderV2;

  Object.assign(provider, {
    languageModel,
    textEmbeddingModel: (modelId: string): never => v4.embeddingModel(modelId),
    imageModel: (modelId: string): never => v4.imageModel(modelId),
  });
  return provider;
}

/**
 * The default APIFree provider for `ai@5`, configured from `APIFREE_API_KEY` and
 * `APIFREE_BASE_URL`.
 *
 * @example
 * import { apifree } from '@apifree/ai-sdk-provider/ai-v5';
 * import { streamText } from 'ai';
 *
 * const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Write a haiku about rain.' });
 * for await (const text of result.textStream) process.stdout.write(text);
 */
export const apifree: APIFreeProviderV2 = createAPIFree();
