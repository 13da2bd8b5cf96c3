import {
  InvalidArgumentError,
  type LanguageModelV4,
  NoSuchModelError,
  type ProviderV4,
} from '@ai-sdk/provider';
import {
  type FetchFunction,
  loadApiKey,
  loadOptionalSetting,
  withoutTrailingSlash,
} from '@ai-sdk/provider-utils';
import { APIFree, DEFAULT_BASE_URL, numberProblem } from '@apifree/core';
import { APIFreeLanguageModel } from './apifree-language-model';
import type { APIFreeModelId } from './model-ids';

/** Options of {@link createAPIFree}. */
export interface APIFreeProviderSettings {
  /** Defaults to the `APIFREE_API_KEY` environment variable, read on the first call. */
  apiKey?: string;
  /** Defaults to `APIFREE_BASE_URL`, else `https://api.apifree.ai/v1`. Requests go to `${baseURL}/responses`. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` to use instead of the built-in transport (for proxies, tests, instrumentation). */
  fetch?: FetchFunction;
  /**
   * Milliseconds to wait for the response headers (and a JSON body) before the call fails
   * with a retryable `APICallError`. Default 600 000 (10 minutes).
   */
  timeout?: number;
  /** Milliseconds a stream may stay silent before it fails (finish `interrupted`). Default: `timeout`. */
  streamIdleTimeout?: number;
  /**
   * Largest JSON answer (a `generateText` call), in bytes, before the call fails with a
   * non-retryable `APICallError`. Default 32 MiB.
   */
  maxResponseSize?: number;
  /** Largest single stream event, in characters, before the stream fails. Default 32 Mi. */
  maxEventSize?: number;
  /**
   * The provider's name: models report `<name>.responses` and read
   * `providerOptions[name]`. Default `apifree`.
   */
  name?: string;
}

/** The APIFree provider: call it with a model ID to get a language model. */
export interface APIFreeProvider extends ProviderV4 {
  (modelId: APIFreeModelId): LanguageModelV4;
  /** The Responses language model `modelId`. */
  languageModel(modelId: APIFreeModelId): LanguageModelV4;
  /** APIFree has no embedding models through this provider: always throws `NoSuchModelError`. */
  embeddingModel(modelId: string): never;
  /** APIFree has no image models through this provider: always throws `NoSuchModelError`. */
  imageModel(modelId: string): never;
}

/**
 * Creates an APIFree provider. Nothing is read or checked until the first call, so
 * creating a provider never throws; a missing key then fails with `LoadAPIKeyError`.
 *
 * @example
 * import { createAPIFree } from '@apifree/ai-sdk-provider';
 * import { generateText } from 'ai';
 *
 * const apifree = createAPIFree({ apiKey: process.env.MY_APIFREE_KEY });
 * const { text } = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Hi' });
 */
export function createAPIFree(settings: APIFreeProviderSettings = {}): APIFreeProvider {
  checkSettings(settings);
  const providerName = settings.name ?? 'apifree';
  let client: APIFree | undefined;

  const getClient = (): APIFree => {
    client ??= new APIFree({
      apiKey: loadApiKey({
        apiKey: settings.apiKey,
        environmentVariableName: 'APIFREE_API_KEY',
        description: 'APIFree',
      }),
      baseURL:
        withoutTrailingSlash(
          loadOptionalSetting({
            settingValue: settings.baseURL,
            environmentVariableName: 'APIFREE_BASE_URL',
          }),
        ) ?? DEFAULT_BASE_URL,
      ...(settings.headers !== undefined && { headers: settings.headers }),
      ...(settings.fetch !== undefined && { fetch: settings.fetch }),
      ...(settings.timeout !== undefined && { timeout: settings.timeout }),
      ...(settings.streamIdleTimeout !== undefined && {
        streamIdleTimeout: settings.streamIdleTimeout,
      }),
      ...(settings.maxResponseSize !== undefined && { maxResponseSize: settings.maxResponseSize }),
      ...(settings.maxEventSize !== undefined && { maxEventSize: settings.maxEventSize }),
      // The AI SDK retries (maxRetries); retrying here as well would multiply attempts.
      maxRetries: 0,
    });
    return client;
  };

  const languageModel = (modelId: APIFreeModelId): LanguageModelV4 => {
    if (typeof modelId !== 'string' || modelId.trim() === '') {
      throw new InvalidArgumentError({
        argument: 'modelId',
        message: `apifree(modelId): modelId must be a non-empty string such as "gpt-4.1-mini", got ${JSON.stringify(modelId)}.`,
      });
    }
    return new APIFreeLanguageModel(modelId, {
      provider: `${providerName}.responses`,
      providerName,
      client: getClient,
    });
  };

  // A function (not an arrow) so that `new apifree(...)` reaches the check below.
  const provider = function (this: unknown, modelId: APIFreeModelId) {
    if (new.target) {
      throw new InvalidArgumentError({
        argument: 'modelId',
        message: 'The APIFree provider is a function: call apifree(modelId) without `new`.',
      });
    }
    return languageModel(modelId);
  } as APIFreeProvider;

  Object.assign(provider, {
    specificationVersion: 'v4' as const,
    languageModel: (modelId: APIFreeModelId) => languageModel(modelId),
    embeddingModel: (modelId: string): never => {
      throw new NoSuchModelError({ modelId, modelType: 'embeddingModel' });
    },
    imageModel: (modelId: string): never => {
      throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
    },
  });
  return provider;
}

function checkSettings(settings: APIFreeProviderSettings): void {
  if (typeof settings !== 'object' || settings === null) {
    throw new InvalidArgumentError({
      argument: 'settings',
      message: 'createAPIFree(settings): settings must be an object.',
    });
  }
  const expected: Array<[keyof APIFreeProviderSettings, string]> = [
    ['name', 'string'],
    ['apiKey', 'string'],
    ['baseURL', 'string'],
    ['fetch', 'function'],
    ['headers', 'object'],
    ['timeout', 'number'],
    ['streamIdleTimeout', 'number'],
    ['maxResponseSize', 'number'],
    ['maxEventSize', 'number'],
  ];
  for (const [argument, type] of expected) {
    const value = settings[argument];
    if (value !== undefined && (typeof value !== type || value === null)) {
      throw new InvalidArgumentError({
        argument,
        message: `createAPIFree(settings): ${argument} must be a ${type}, got ${value === null ? 'null' : typeof value}.`,
      });
    }
  }
  if (settings.name !== undefined && settings.name.trim() === '') {
    throw new InvalidArgumentError({
      argument: 'name',
      message: 'createAPIFree(settings): name must not be empty.',
    });
  }
  const limits = [
    ['timeout', false, 'milliseconds'],
    ['streamIdleTimeout', false, 'milliseconds'],
    ['maxResponseSize', true, 'bytes'],
    ['maxEventSize', true, 'characters'],
  ] as const;
  for (const [argument, integer, unit] of limits) {
    const problem =
      settings[argument] === undefined
        ? undefined
        : numberProblem(argument, settings[argument], 1, 2_147_483_647, integer);
    if (problem) {
      throw new InvalidArgumentError({
        argument,
        message: `createAPIFree(settings): ${problem} (${unit}).`,
      });
    }
  }
}

/**
 * The default APIFree provider, configured from `APIFREE_API_KEY` and
 * `APIFREE_BASE_URL`.
 *
 * @example
 * import { apifree } from '@apifree/ai-sdk-provider';
 * import { streamText } from 'ai';
 *
 * const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Write a haiku about rain.' });
 * for await (const text of result.textStream) process.stdout.write(text);
 */
export const apifree: APIFreeProvider = createAPIFree();
