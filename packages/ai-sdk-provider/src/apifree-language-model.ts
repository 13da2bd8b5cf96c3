import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  SharedV4Warning,
} from '@ai-sdk/provider';
import {
  type APIFree,
  APIStreamError,
  APIUserAbortError,
  createEventNormalizer,
  type OutputEvent,
  type RequestOptions,
  type Response,
  type ResponseStream,
  type ResponseStreamEvent,
  readResponse,
  type WithResponse,
} from '@apifree/core';
import { buildRequestBody } from './build-request-body';
import { convertResponseToContent } from './convert-response-to-content';
import { convertUsage } from './convert-usage';
import { mapAPIFreeError } from './map-apifree-error';
import { mapFinishReason } from './map-finish-reason';
import { StreamPartMapper } from './map-output-events';
import type { APIFreeModelId } from './model-ids';

/** @internal What the provider hands each model. */
export interface APIFreeLanguageModelConfig {
  /** `apifree.responses`, or `<name>.responses` for a renamed provider. */
  provider: string;
  /** The key of this provider's `providerOptions` and `providerMetadata`. */
  providerName: string;
  /** The core client, created on first use so that creating the provider never throws. */
  client: () => APIFree;
}

/**
 * An APIFree model as an AI SDK `LanguageModelV4`, speaking the Responses API through
 * `@apifree/core`. Create it with `apifree(modelId)`. Core reads the answer (blocks,
 * finish, usage, failures); this class only translates it into AI SDK content and parts.
 */
export class APIFreeLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  readonly modelId: APIFreeModelId;
  readonly supportedUrls: Record<string, RegExp[]> = {
    'image/*': [/^https?:\/\/.*$/],
    'application/pdf': [/^https?:\/\/.*$/],
  };
  readonly #config: APIFreeLanguageModelConfig;

  constructor(modelId: APIFreeModelId, config: APIFreeLanguageModelConfig) {
    this.modelId = modelId;
    this.#config = config;
  }

  get provider(): string {
    return this.#config.provider;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { body, warnings } = await buildRequestBody({
      modelId: this.modelId,
      providerName: this.#config.providerName,
      options,
    });
    const client = this.#config.client();
    const url = client.responses.url;
    const context = { url, requestBodyValues: body, abortSignal: options.abortSignal };

    let result: WithResponse<Response>;
    try {
      result = await client.responses.create(body, requestOptions(options)).withResponse();
    } catch (error) {
      throw mapAPIFreeError(error, context);
    }
    const { data: response, response: http } = result;
    const output = readResponse(response);
    return {
      content: convertResponseToContent(output, this.#config.providerName),
      finishReason: mapFinishReason(output.finish),
      usage: convertUsage(output.usage),
      providerMetadata: {
        [this.#config.providerName]: {
          responseId: response.id,
          ...(typeof response.service_tier === 'string' && { serviceTier: response.service_tier }),
        },
      },
      request: { url, body },
      response: {
        id: response.id,
        ...(typeof response.created_at === 'number' && {
          timestamp: new Date(response.created_at * 1000),
        }),
        modelId: response.model,
        headers: Object.fromEntries(http.headers),
        body: response,
      },
      warnings: [...warnings, ...output.warnings.map(otherWarning)],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const built = await buildRequestBody({
      modelId: this.modelId,
      providerName: this.#config.providerName,
      options,
    });
    const body = { ...built.body, stream: true as const };
    const client = this.#config.client();
    const url = client.responses.url;
    const requestContext = { url, requestBodyValues: body, abortSignal: options.abortSignal };

    let stream: ResponseStream;
    try {
      stream = await client.responses.create(body, requestOptions(options));
    } catch (error) {
      throw mapAPIFreeError(error, requestContext);
    }
    const responseHeaders = Object.fromEntries(stream.response.headers);
    const context = { ...requestContext, responseHeaders };
    const mapError = (error: unknown) => mapAPIFreeError(error, context);
    const includeRawChunks = options.includeRawChunks === true;
    const events = stream[Symbol.asyncIterator]();
    const normalizer = createEventNormalizer();
    const mapper = new StreamPartMapper({ providerName: this.#config.providerName });

    /** The parts of the next raw event (possibly none), or `undefined` once the stream is over. */
    const nextParts = async (): Promise<LanguageModelV4StreamPart[] | undefined> => {
      let outputs: OutputEvent[];
      const parts: LanguageModelV4StreamPart[] = [];
      let next: IteratorResult<ResponseStreamEvent>;
      try {
        next = await events.next();
      } catch (error) {
        if (APIUserAbortError.isInstance(error)) throw error;
        if (includeRawChunks && APIStreamError.isInstance(error) && error.event !== undefined)
          parts.push({ type: 'raw', rawValue: error.event });
        outputs = normalizer.fail(error);
        for (const output of outputs) parts.push(...mapper.map(output, mapError));
        return parts;
      }
      if (next.done) return undefined;
      if (includeRawChunks) parts.push({ type: 'raw', rawValue: next.value });
      outputs = normalizer.push(next.value);
      for (const output of outputs) parts.push(...mapper.map(output, mapError));
      return parts;
    };

    // Read up to the first output: a failure before it is thrown from doStream, so the AI
    // SDK's maxRetries can retry a request whose answer nobody has seen yet.
    const readAhead: LanguageModelV4StreamPart[] = [];
    let ended = false;
    try {
      for (;;) {
        const parts = await nextParts();
        if (parts === undefined) {
          ended = true;
          break;
        }
        const failure = parts.find((part) => part.type === 'error');
        if (failure !== undefined) throw (failure as { error: unknown }).error;
        readAhead.push(...parts);
        if (parts.some(isOutput)) break;
      }
    } catch (error) {
      await events.return?.();
      throw APIUserAbortError.isInstance(error) ? mapError(error) : error;
    }

    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: built.warnings });
          for (const part of readAhead) controller.enqueue(part);
          if (ended) {
            controller.enqueue(mapper.finish());
            controller.close();
          }
        },
        async pull(controller) {
          try {
            // A pull that enqueues nothing is not repeated: read until an event yields parts.
            for (;;) {
              const parts = await nextParts();
              if (parts === undefined) break;
              for (const part of parts) controller.enqueue(part);
              if (parts.length > 0) return;
            }
          } catch (error) {
            controller.error(mapError(error));
            return;
          }
          controller.enqueue(mapper.finish());
          controller.close();
        },
        async cancel() {
          await events.return?.();
        },
      }),
      request: { url, body },
      response: { headers: responseHeaders },
    };
  }
}

/** True for the parts of the answer itself (as opposed to metadata). */
function isOutput(part: LanguageModelV4StreamPart): boolean {
  return part.type !== 'response-metadata' && part.type !== 'raw' && part.type !== 'stream-start';
}

function otherWarning(message: string): SharedV4Warning {
  return { type: 'other', message };
}

function requestOptions(options: LanguageModelV4CallOptions): RequestOptions {
  return {
    ...(options.abortSignal !== undefined && { signal: options.abortSignal }),
    ...(options.headers !== undefined && { headers: options.headers }),
  };
}
