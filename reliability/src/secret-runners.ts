import diagnostics from 'node:diagnostics_channel';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { RunCollectorCallbackHandler } from '@langchain/core/tracers/run_collector';
import { generateText, streamText } from 'ai';
import { z } from 'zod';
import type { AdapterName } from './adapters';
import { MODEL } from './adapters';
import type { SecretScan } from './secret-scan';

/** One failure (or success) to provoke with the secret key. */
export interface SecretScenario {
  name: string;
  baseURL: string;
  headers: Record<string, string>;
  stream: boolean;
  /** Aborts the request after this many milliseconds (the caller-abort failure). */
  abortAfterMs?: number;
}

/** Runs a scenario through one adapter, adding everything observable to `scan`. */
export type SecretRunner = (
  key: string,
  scenario: SecretScenario,
  scan: SecretScan,
) => Promise<void>;

const IDLE_MS = 1_000;
const PROMPT = 'say "the secret drill"';

function signalFor(scenario: SecretScenario): AbortSignal | undefined {
  return scenario.abortAfterMs === undefined
    ? undefined
    : AbortSignal.timeout(scenario.abortAfterMs);
}

const core: SecretRunner = async (key, scenario, scan) => {
  const source = `core / ${scenario.name}`;
  const client = new APIFree({
    apiKey: key,
    baseURL: scenario.baseURL,
    maxRetries: 1,
    streamIdleTimeout: IDLE_MS,
  });
  const signal = signalFor(scenario);
  const options = { headers: scenario.headers, ...(signal ? { signal } : {}) };
  try {
    if (scenario.stream) {
      const stream = await client.responses.create(
        { model: MODEL, input: PROMPT, stream: true },
        options,
      );
      for await (const event of stream) scan.addValue(`${source} / event`, event);
      scan.addValue(`${source} / final response`, await stream.finalResponse());
    } else {
      scan.addValue(
        `${source} / response`,
        await client.responses.create({ model: MODEL, input: PROMPT }, options),
      );
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

const aiSdk: SecretRunner = async (key, scenario, scan) => {
  const source = `ai-sdk / ${scenario.name}`;
  const provider = createAPIFree({ apiKey: key, baseURL: scenario.baseURL });
  const model = provider(MODEL);
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
      const result = streamText({
        ...common,
        timeout: { firstChunkMs: IDLE_MS, chunkMs: IDLE_MS },
      });
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
      scan.addValue(
        `${source} / generateText`,
        await generateText({ ...common, timeout: IDLE_MS * 5 }),
      );
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
}

const langchain: SecretRunner = async (key, scenario, scan) => {
  const source = `langchain / ${scenario.name}`;
  const chat = new ChatAPIFree({
    model: MODEL,
    apiKey: key,
    baseURL: scenario.baseURL,
    maxRetries: 1,
    timeout: IDLE_MS,
    // LangChain's ConsoleCallbackHandler prints every run (inputs, outputs, errors).
    verbose: true,
  });
  const runs = new RunCollectorCallbackHandler();
  const signal = signalFor(scenario);
  const options = {
    headers: scenario.headers,
    callbacks: [runs, new RecordingHandler(scan, source)],
    ...(signal ? { signal } : {}),
  };
  try {
    if (scenario.stream) {
      for await (const chunk of await chat.stream(PROMPT, options))
        scan.addValue(`${source} / chunk`, chunk);
    } else {
      scan.addValue(`${source} / invoke`, await chat.invoke(PROMPT, options));
    }
  } catch (error) {
    scan.addError(`${source} / error`, error);
  }
  scan.addValue(`${source} / traced runs`, runs.tracedRuns);
};

export const SECRET_RUNNERS: Record<AdapterName, SecretRunner> = {
  core,
  'ai-sdk': aiSdk,
  langchain,
};

/** Adds what printing or serializing each package's public objects shows. */
export function scanSerializedObjects(
  adapter: AdapterName,
  key: string,
  baseURL: string,
  scan: SecretScan,
): void {
  const source = `${adapter} / serialized`;
  if (adapter === 'core') {
    const client = new APIFree({ apiKey: key, baseURL });
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
