import type { LanguageModelV4 } from '@ai-sdk/provider';
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider-v3';
import { translateStream } from '../spec-translation/translate-stream';
import { convertV3CallOptionsToV4 } from '../spec-translation/v3-call-options-to-v4';
import { convertV4GenerateResultToV3 } from '../spec-translation/v4-generate-result-to-v3';
import { convertV4StreamPartToV3 } from '../spec-translation/v4-stream-part-to-v3';

/**
 * An APIFree model as an AI SDK `LanguageModelV3`, for `ai@6`: the V4 model does the
 * work, and this class translates call options in and results out. Create it with
 * `apifree(modelId)` from `@apifree/ai-sdk-provider/ai-v6`.
 *
 * Its public types are those of `@ai-sdk/provider@3`, the spec package `ai@6` itself
 * uses: `@ai-sdk/provider@4`'s copy of V3 declares JSON arrays readonly, which `ai@6`'s
 * types do not accept. The translation works on the v4 package's types; the two differ
 * in that `readonly` alone, so the results are cast at this boundary.
 */
export class APIFreeLanguageModelV3 implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly #model: LanguageModelV4;
  readonly #providerName: string;

  /**
   * @param model the V4 model that does the work.
   * @param providerName the key of `providerOptions` whose plain-string file ids are this provider's.
   */
  constructor(model: LanguageModelV4, providerName: string) {
    this.#model = model;
    this.#providerName = providerName;
  }

  get provider(): string {
    return this.#model.provider;
  }

  get modelId(): string {
    return this.#model.modelId;
  }

  get supportedUrls(): LanguageModelV4['supportedUrls'] {
    return this.#model.supportedUrls;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const result = await this.#model.doGenerate(
      convertV3CallOptionsToV4(options, this.#providerName),
    );
    return convertV4GenerateResultToV3(result) as LanguageModelV3GenerateResult;
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { stream, request, response } = await this.#model.doStream(
      convertV3CallOptionsToV4(options, this.#providerName),
    );
    return {
      stream: translateStream(
        stream,
        convertV4StreamPartToV3,
      ) as LanguageModelV3StreamResult['stream'],
      ...(request !== undefined && { request }),
      ...(response !== undefined && { response }),
    };
  }
}
