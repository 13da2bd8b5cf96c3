import type { LanguageModelV4 } from '@ai-sdk/provider';
import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2StreamPart,
  SharedV2Headers,
} from '@ai-sdk/provider-v2';
import { translateStream } from '../spec-translation/translate-stream';
import { convertV2CallOptionsToV4 } from '../spec-translation/v2-call-options-to-v4';
import { convertV4GenerateResultToV2 } from '../spec-translation/v4-generate-result-to-v2';
import { convertV4StreamPartToV2 } from '../spec-translation/v4-stream-part-to-v2';

/** What a V2 model's `doGenerate` resolves to. */
export type LanguageModelV2GenerateResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;

/** What a V2 model's `doStream` resolves to. */
export interface LanguageModelV2StreamResult {
  stream: ReadableStream<LanguageModelV2StreamPart>;
  request?: { body?: unknown };
  response?: { headers?: SharedV2Headers };
}

/**
 * An APIFree model as an AI SDK `LanguageModelV2`, for `ai@5`: the V4 model does the
 * work, and this class translates call options in and results out. Create it with
 * `apifree(modelId)` from `@apifree/ai-sdk-provider/ai-v5`.
 *
 * Its public types are those of `@ai-sdk/provider@2`, the spec package `ai@5` itself
 * uses: `@ai-sdk/provider@4`'s copy of V2 declares JSON arrays readonly, which `ai@5`'s
 * types do not accept. The translation works on the v4 package's types; the two differ
 * in that `readonly` alone, so the results are cast at this boundary.
 */
export class APIFreeLanguageModelV2 implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  readonly #model: LanguageModelV4;

  /** @param model the V4 model that does the work. */
  constructor(model: LanguageModelV4) {
    this.#model = model;
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

  async doGenerate(options: LanguageModelV2CallOptions): Promise<LanguageModelV2GenerateResult> {
    return convertV4GenerateResultToV2(
      await this.#model.doGenerate(convertV2CallOptionsToV4(options)),
    ) as LanguageModelV2GenerateResult;
  }

  async doStream(options: LanguageModelV2CallOptions): Promise<LanguageModelV2StreamResult> {
    const { stream, request, response } = await this.#model.doStream(
      convertV2CallOptionsToV4(options),
    );
    return {
      stream: translateStream(
        stream,
        convertV4StreamPartToV2,
      ) as LanguageModelV2StreamResult['stream'],
      ...(request !== undefined && { request }),
      ...(response !== undefined && { response }),
    };
  }
}
