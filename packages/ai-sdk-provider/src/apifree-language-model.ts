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
    const mapper = new StreamPartMapper({ providerName: this.#config.providerName, mapError });
    // Where parts go: the read-ahead buffer first, then the stream's controller.
    let sink: (part: LanguageModelV4StreamPart) => void = () => undefined;
    const normalizer = createEventNormalizer((output) => mapper.map(output, (part) => sink(part)));

    /** Turns one event into parts (possibly none). */
    const handle = (event: ResponseStreamEvent): void => {
      if (includeRawChunks) sink({ type: 'raw', rawValue: event });
      normalizer.push(event);
    };
    /** A failed read: the stream's error becomes parts, except an abort, which is rethrown. */
    const handleFailure = (error: unknown): void => {
      if (APIUserAbortError.isInstance(error)) throw error;
      if (includeRawChunks && APIStreamError.isInstance(error) && error.event !== undefined)
        sink({ type: 'raw', rawValue: error.event });
      normalizer.fail(error);
    };
    const readAhead: LanguageModelV4StreamPart[] = [];
    let failure: LanguageModelV4StreamPart | undefined;
    let sawOutput = false;
    sink = (part) => {
      if (part.type === 'error') failure = part;
      else readAhead.push(part);
      if (isOutput(part)) sawOutput = true;
    };
    // Read up to the first output item or part: a failure before it is thrown from
    // doStream, so the AI SDK's maxRetries can retry a request whose answer nobody has seen
    // yet. Not further: the AI SDK's `timeout.firstChunkMs` starts once doStream returns,
    // so a model that is slow to produce content (a reasoning model thinking) is its to bound.
    const readAheadEvent = async (): Promise<boolean> => {
      try {
        const next = await events.next();
        if (next.done) return false;
        if (next.value.type === 'response.output_item.added') sawOutput = true;
        handle(next.value);
        return true;
      } catch (error) {
        handleFailure(error);
        return true;
      }
    };

    let ended = false;
    // Bounded: a server that sends only events without output (unknown types, keep-alives)
    // gets its stream handed over after a while instead of being buffered without end.
    const readAheadUntil = stream.bytesRead + MAX_READ_AHEAD_BYTES;
    let eventsRead = 0;
    try {
      while (
        !sawOutput &&
        failure === undefined &&
        eventsRead++ < MAX_READ_AHEAD_EVENTS &&
        stream.bytesRead < readAheadUntil
      ) {
        if (!(await readAheadEvent())) {
          ended = true;
          break;
        }
      }
    } catch (error) {
      await events.return?.();
      throw mapError(error);
    }
    if (failure !== undefined) {
      await events.return?.();
      throw (failure as { error: unknown }).error;
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
          let enqueued = 0;
          sink = (part) => {
            controller.enqueue(part);
            enqueued++;
          };
          try {
            // A pull that enqueues nothing is not repeated: read until an event yields parts.
            // Every event that has arrived is handled at once: one await per network read.
            while (enqueued === 0) {
              let batch: ResponseStreamEvent[] | undefined;
              try {
                batch = await stream.nextBatch();
              } catch (error) {
                handleFailure(error);
                continue;
              }
              if (batch === undefined) {
                controller.enqueue(mapper.finish());
                controller.close();
                return;
              }
              for (const event of batch) handle(event);
            }
          } catch (error) {
            controller.error(mapError(error));
          }
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

/** How far doStream reads ahead for the first output before handing the stream over. */
const MAX_READ_AHEAD_EVENTS = 256;
const MAX_READ_AHEAD_BYTES = 1024 * 1024;

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
