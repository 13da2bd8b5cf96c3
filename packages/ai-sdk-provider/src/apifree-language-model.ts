import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import {
  APIConnectionError,
  type APIFree,
  APIStreamError,
  APIStreamTruncatedError,
  APIUserAbortError,
  isTerminalEvent,
  type RequestOptions,
  type Response,
  type ResponseStream,
  type ResponseStreamEvent,
  type WithResponse,
} from '@apifree/core';
import { buildRequestBody } from './build-request-body';
import { convertResponseToContent } from './convert-response-to-content';
import { convertUsage } from './convert-usage';
import { mapAPIFreeError } from './map-apifree-error';
import { isOutputEvent, StreamEventMapper } from './map-stream-events';
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
 * `@apifree/core`. Create it with `apifree(modelId)`.
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
    const url = `${client.baseURL}/responses`;
    const context = { url, requestBodyValues: body, abortSignal: options.abortSignal };

    let result: WithResponse<Response>;
    try {
      result = await client.responses.create(body, requestOptions(options)).withResponse();
    } catch (error) {
      throw mapAPIFreeError(error, context);
    }
    const { data: response, response: http } = result;
    const responseHeaders = Object.fromEntries(http.headers);
    if (response.status === 'failed') {
      throw mapAPIFreeError(
        new APIStreamError({
          message: `The response failed${response.error?.code ? ` (${response.error.code})` : ''}: ${response.error?.message ?? 'no reason given'}`,
          code: response.error?.code ?? null,
          requestId: http.requestId,
          response,
        }),
        { ...context, responseHeaders },
      );
    }

    const { content, finishReason } = convertResponseToContent(response, this.#config.providerName);
    return {
      content,
      finishReason,
      usage: convertUsage(response.usage),
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
        headers: responseHeaders,
        body: response,
      },
      warnings,
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
    const url = `${client.baseURL}/responses`;
    const requestContext = { url, requestBodyValues: body, abortSignal: options.abortSignal };

    let stream: ResponseStream;
    try {
      stream = await client.responses.create(body, requestOptions(options));
    } catch (error) {
      throw mapAPIFreeError(error, requestContext);
    }
    const responseHeaders = Object.fromEntries(stream.response.headers);
    const context = { ...requestContext, responseHeaders };
    const events = stream[Symbol.asyncIterator]();

    // Read up to the first output: a failure before it is thrown from doStream, so
    // the AI SDK's maxRetries can retry a request whose answer nobody has seen yet.
    const peeked: ResponseStreamEvent[] = [];
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) break;
        peeked.push(next.value);
        if (isOutputEvent(next.value) || isTerminalEvent(next.value)) break;
      }
    } catch (error) {
      await events.return?.();
      throw mapAPIFreeError(error, context);
    }

    const mapper = new StreamEventMapper({
      providerName: this.#config.providerName,
      includeRawChunks: options.includeRawChunks === true,
    });
    const enqueueAll = (
      controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
      parts: LanguageModelV4StreamPart[],
    ) => {
      for (const part of parts) controller.enqueue(part);
    };

    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: built.warnings });
          for (const event of peeked) enqueueAll(controller, mapper.map(event));
        },
        async pull(controller) {
          try {
            // A pull that enqueues nothing is not repeated: read until an event yields parts.
            for (;;) {
              const next = await events.next();
              if (next.done) break;
              const parts = mapper.map(next.value);
              if (parts.length > 0) {
                enqueueAll(controller, parts);
                return;
              }
            }
          } catch (error) {
            if (error instanceof APIUserAbortError) {
              controller.error(mapAPIFreeError(error, context));
              return;
            }
            const interrupted =
              error instanceof APIStreamTruncatedError || error instanceof APIConnectionError;
            const code = error instanceof APIStreamError ? (error.code ?? undefined) : undefined;
            enqueueAll(
              controller,
              mapper.fail({
                error: mapAPIFreeError(error, context),
                finishReason: interrupted
                  ? { unified: 'interrupted', raw: code }
                  : { unified: 'error', raw: code ?? 'error' },
                rawEvent: error instanceof APIStreamError ? error.event : undefined,
              }),
            );
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

function requestOptions(options: LanguageModelV4CallOptions): RequestOptions {
  return {
    ...(options.abortSignal !== undefined && { signal: options.abortSignal }),
    ...(options.headers !== undefined && { headers: options.headers }),
  };
}
