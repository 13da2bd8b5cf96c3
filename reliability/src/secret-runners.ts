import diagnostics from 'node:diagnostics_channel';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunCollectorCallbackHandler } from '@langchain/core/tracers/run_collector';
import { generateText, type LanguageModelMiddleware, streamText, wrapLanguageModel } from 'ai';
import { z } from 'zod';
import { MODEL } from './adapters';
import type { SecretScan } from './secret-scan';

/** A `fetch` of the caller's own, as every adapter takes one. */
export type CallerFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** One failure (or success) to provoke with the secret key. */
export interface SecretScenario {
  name: string;
  baseURL: string;
  headers: Record<string, string>;
  stream: boolean;
  /** Aborts the request after this many milliseconds (the caller-abort failure). */
  abortAfterMs?: number;
  /** Used instead of the adapter's transport (a custom `fetch` that misbehaves). */
  fetch?: CallerFetch;
}

/** Runs a scenario through one adapter, adding everything observable to `scan`. */
export type SecretRunner = (
  key: string,
  scenario: SecretScenario,
  scan: SecretScan,
) => Promise<void>;

/** The ways the key is used: core on each of its transports, and the two adapters. */
export type SecretRunnerName = 'core' | 'core-fetch' | 'ai-sdk' | 'langchain';

const IDLE_MS = 1_000;
const PROMPT = 'say "the secret drill"';

function signalFor(scenario: SecretScenario): AbortSignal | undefined {
  return scenario.abortAfterMs === undefined
    ? undefined
    : AbortSignal.timeout(scenario.abortAfterMs);
}

/** Core over undici (its Node default), or over the fetch transport (the `fetch` option). */
const core =
  (transport: 'undici' | 'fetch'): SecretRunner =>
  async (key, scenario, scan) => {
    const source = `${transport === 'undici' ? 'core' : 'core-fetch'} / ${scenario.name}`;
    const fetch =
      scenario.fetch ??
      (transport === 'fetch'
        ? (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init)
        : undefined);
    const signal = signalFor(scenario);
    const options = { headers: scenario.headers, ...(signal ? { signal } : {}) };
    try {
      // Inside the try: a refused option (credentials in baseURL) throws here.
      const client = new APIFree({
        apiKey: key,
        baseURL: scenario.baseURL,
        maxRetries: 1,
        streamIdleTimeout: IDLE_MS,
        ...(fetch ? { fetch } : {}),
      });
      if (scenario.stream) {
        const stream = await client.responses.create(
          { model: MODEL, input: PROMPT, stream: true },
          options,
        );
        scan.addValue(`${source} / stream.response`, stream.response);
        for await (const event of stream) scan.addValue(`${source} / event`, event);
        scan.addValue(`${source} / final response`, await stream.finalResponse());
      } else {
        const { data, response } = await client.responses
          .create({ model: MODEL, input: PROMPT }, options)
          .withResponse();
        scan.addValue(`${source} / response`, data);
        scan.addValue(`${source} / response info`, response);
      }
    } catch (error) {
      scan.addError(`${source} / error`, error);
    }
  };

/** Records every AI SDK telemetry callback and every message of its tracing channel. */
function aiTelemetry(scan: SecretScan, source: string) {
  const record =
    (name: string) =>
    (event: unknown): void => {
      scan.addValue(`${source} / telemetry ${name}`, event);
    };
  return {
    onStart: record('onStart'),
    onStepStart: record('onStepStart'),
    onLanguageModelCallStart: record('onLanguageModelCallStart'),
    onLanguageModelCallEnd: record('onLanguageModelCallEnd'),
    onToolExecutionStart: record('onToolExecutionStart'),
    onToolExecutionEnd: record('onToolExecutionEnd'),
    onStepEnd: record('onStepEnd'),
    onStepError: record('onStepError'),
    onEnd: record('onEnd'),
    onAbort: record('onAbort'),
    onError: record('onError'),
  };
}

/**
 * Records what the provider itself hands to the AI SDK — every stream part (raw chunks
 * included), `doGenerate` results, and what `doStream`/`doGenerate` throw — before the
 * AI SDK turns them into its own parts and errors.
 */
function providerTap(scan: SecretScan, source: string): LanguageModelMiddleware {
  return {
    wrapGenerate: async ({ doGenerate }) => {
      try {
        const result = await doGenerate();
        scan.addValue(`${source} / doGenerate result`, result);
        return result;
      } catch (error) {
        scan.addError(`${source} / doGenerate rejection`, error);
        throw error;
      }
    },
    wrapStream: async ({ doStream }) => {
      try {
        const result = await doStream();
        scan.addValue(`${source} / doStream result`, { ...result, stream: undefined });
        return {
          ...result,
          stream: result.stream.pipeThrough(
            new TransformStream({
              transform(part, controller) {
                scan.addValue(`${source} / provider part`, part);
                controller.enqueue(part);
              },
            }),
          ),
        };
      } catch (error) {
        scan.addError(`${source} / doStream rejection`, error);
        throw error;
      }
    },
  };
}

const aiSdk: SecretRunner = async (key, scenario, scan) => {
  const source = `ai-sdk / ${scenario.name}`;
  const provider = createAPIFree({
    apiKey: key,
    baseURL: scenario.baseURL,
    streamIdleTimeout: IDLE_MS,
    timeout: IDLE_MS * 5,
    ...(scenario.fetch ? { fetch: scenario.fetch } : {}),
  });
  const model = wrapLanguageModel({
    model: provider(MODEL),
    middleware: providerTap(scan, source),
  });
  const signal = signalFor(scenario);
  const channel = diagnostics.tracingChannel('ai:telemetry');
  const onMessage = (message: unknown) =>
    scan.addValue(`${source} / ai:telemetry channel`, message);
  const subscribers = {
    start: onMessage,
    end: onMessage,
    asyncStart: onMessage,
    asyncEnd: onMessage,
    error: onMessage,
  };
  channel.subscribe(subscribers);
  const common = {
    model,
    prompt: PROMPT,
    maxRetries: 1,
    headers: scenario.headers,
    ...(signal ? { abortSignal: signal } : {}),
    telemetry: { integrations: [aiTelemetry(scan, source)] },
  };
  try {
    if (scenario.stream) {
      // No onError: the AI SDK then logs the error with console.error, which is captured.
      const result = streamText({ ...common, includeRawChunks: true });
      for await (const part of result.fullStream) scan.addValue(`${source} / part`, part);
      for (const [name, promise] of Object.entries({
        text: result.text,
        finishReason: result.finishReason,
        usage: result.usage,
        request: result.request,
        response: result.response,
        steps: result.steps,
        providerMetadata: result.providerMetadata,
        warnings: result.warnings,
      })) {
        try {
          scan.addValue(`${source} / result.${name}`, await promise);
        } catch (error) {
          scan.addError(`${source} / result.${name} rejection`, error);
        }
      }
    } else {
      scan.addValue(`${source} / generateText`, await generateText(common));
    }
  } catch (error) {
    scan.addError(`${source} / error`, error);
  } finally {
    channel.unsubscribe(subscribers);
  }
};

/** Records the arguments of every LangChain callback: what any tracer receives. */
class RecordingHandler extends BaseCallbackHandler {
  name = 'drill-recorder';
  readonly #scan: SecretScan;
  readonly #source: string;

  constructor(scan: SecretScan, source: string) {
    super();
    this.#scan = scan;
    this.#source = source;
  }

  #record(name: string, args: unknown[]): void {
    this.#scan.addValue(`${this.#source} / callback ${name}`, args);
  }

  override handleChatModelStart(...args: unknown[]) {
    this.#record('handleChatModelStart', args);
  }
  override handleLLMStart(...args: unknown[]) {
    this.#record('handleLLMStart', args);
  }
  override handleLLMNewToken(...args: unknown[]) {
    this.#record('handleLLMNewToken', args);
  }
  override handleLLMEnd(...args: unknown[]) {
    this.#record('handleLLMEnd', args);
  }
  override handleLLMError(...args: unknown[]) {
    this.#record('handleLLMError', args);
  }
  override handleChainStart(...args: unknown[]) {
    this.#record('handleChainStart', args);
  }
  override handleChainEnd(...args: unknown[]) {
    this.#record('handleChainEnd', args);
  }
  override handleChainError(...args: unknown[]) {
    this.#record('handleChainError', args);
  }
  override handleChatModelStreamEvent(...args: unknown[]) {
    this.#record('handleChatModelStreamEvent', args);
  }
  override handleText(...args: unknown[]) {
    this.#record('handleText', args);
  }
  override handleCustomEvent(...args: unknown[]) {
    this.#record('handleCustomEvent', args);
  }
}

/**
 * `ChatAPIFree.stream` for streaming scenarios; for the others `invoke` inside a chain
 * (prompt → model), so chain callbacks (`handleChainStart/End/Error`) carry the failure too.
 */
const langchain: SecretRunner = async (key, scenario, scan) => {
  const source = `langchain / ${scenario.name}`;
  const runs = new RunCollectorCallbackHandler();
  const signal = signalFor(scenario);
  const options = {
    callbacks: [runs, new RecordingHandler(scan, source)],
    ...(signal ? { signal } : {}),
  };
  try {
    const chat = new ChatAPIFree({
      model: MODEL,
      apiKey: key,
      baseURL: scenario.baseURL,
      maxRetries: 1,
      timeout: IDLE_MS,
      ...(scenario.fetch ? { fetch: scenario.fetch } : {}),
      // LangChain's ConsoleCallbackHandler prints every run (inputs, outputs, errors).
      verbose: true,
    });
    if (scenario.stream) {
      for await (const chunk of await chat.stream(PROMPT, {
        ...options,
        headers: scenario.headers,
      }))
        scan.addValue(`${source} / chunk`, chunk);
    } else {
      const chain = ChatPromptTemplate.fromTemplate('{question}').pipe(
        chat.withConfig({ headers: scenario.headers }),
      );
      scan.addValue(`${source} / chain invoke`, await chain.invoke({ question: PROMPT }, options));
    }
  } catch (error) {
    scan.addError(`${source} / error`, error);
  }
  scan.addValue(`${source} / traced runs`, runs.tracedRuns);
};

export const SECRET_RUNNERS: Record<SecretRunnerName, SecretRunner> = {
  core: core('undici'),
  'core-fetch': core('fetch'),
  'ai-sdk': aiSdk,
  langchain,
};

/** Adds what printing or serializing each package's public objects shows. */
export function scanSerializedObjects(
  adapter: SecretRunnerName,
  key: string,
  baseURL: string,
  scan: SecretScan,
): void {
  const source = `${adapter} / serialized`;
  if (adapter === 'core' || adapter === 'core-fetch') {
    const client = new APIFree({
      apiKey: key,
      baseURL,
      ...(adapter === 'core-fetch' ? { fetch: globalThis.fetch } : {}),
    });
    scan.addValue(`${source} / client`, client);
    scan.add(`${source} / String(client)`, String(client));
    scan.addValue(`${source} / client.responses`, client.responses);
  } else if (adapter === 'ai-sdk') {
    const provider = createAPIFree({ apiKey: key, baseURL });
    scan.addValue(`${source} / provider`, provider);
    scan.addValue(`${source} / model`, provider(MODEL));
    scan.addValue(`${source} / languageModel`, provider.languageModel(MODEL));
  } else {
    const chat = new ChatAPIFree({ model: MODEL, apiKey: key, baseURL });
    scan.addValue(`${source} / chat model`, chat);
    scan.addValue(`${source} / chat.toJSON()`, chat.toJSON());
    scan.addValue(
      `${source} / bound tools`,
      chat.bindTools([
        { name: 'lookup', description: 'Look up', schema: z.object({ q: z.string() }) },
      ]),
    );
    scan.addValue(
      `${source} / structured output`,
      chat.withStructuredOutput(z.object({ city: z.string() })),
    );
  }
}
