import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { realClock, type SimulatorClock } from './clock';
import { type FaultMixOptions, type FaultName, FaultPlanner, type FaultSpec } from './faults';
import { handleRequest } from './http/handle-request';
import type { HandlerState, RecordedRequest, RecordingSetup } from './http/handler-state';
import { ResponseStore } from './http/response-store';
import type { Pace } from './http/write-frames';
import { modelCatalogue, type SimulatedModel } from './model/model-catalogue';
import { RECORDING_EXTENSION, RecordingLibrary } from './recording/recording-library';

/** The upstream recorded when `record.upstream` is not given. */
export const DEFAULT_UPSTREAM = 'https://api.apifree.ai/v1';

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Accepted API keys. Without them, any non-empty Bearer key is accepted. */
  apiKeys?: string[];
  /**
   * Models served besides the ones APIFree documents: an id (a reasoning model when its
   * name is of the gpt-5 or o-series family) or `{ id, reasoning }`.
   */
  models?: Array<string | SimulatedModel>;
  /**
   * Streaming speed. Default `{ tokensPerSecond: 80, firstTokenLatencyMs: 300 }`, like a
   * real model; `false` sends everything at once (tests, benchmarks).
   */
  pace?: Partial<Pace> | false;
  /** Random faults: a probability per fault, drawn per request; `seed` makes runs repeatable. */
  faults?: FaultMixOptions;
  /**
   * Replay recordings from `dir`: each request is answered from the recording of the
   * same request (see `match`), and `x-simulator-replay: <name>` serves a recording by
   * name. `pace: true` replays at the recorded pace. `unmatched` is what a request with
   * no recording gets: `'error'` (404 `recording_not_found`, naming the request's key
   * and the folder) or `'model'` (the deterministic model answers). It defaults to
   * `'model'` for a folder of named recordings only (`.sse`, `.chunks.txt`, `.json`) and
   * to `'error'` otherwise.
   */
  replay?: { dir?: string; pace?: boolean; unmatched?: 'error' | 'model' };
  /**
   * Record exchanges with a real Responses server into `dir`: `POST /v1/responses` is
   * sent to `upstream` (default APIFree) with the caller's key, the answer goes back to
   * the caller as it arrives, and the exchange is saved as an `.ndjson` file. Keys,
   * cookies and the `redact` values never reach the file, in any encoding. `mode:
   * 'missing'` replays the requests `dir` already has recordings for and records the rest.
   */
  record?: {
    dir: string;
    upstream?: string;
    mode?: 'all' | 'missing';
    redact?: string[];
  };
  /**
   * How requests are matched to recordings: `ignore` lists request fields left out of
   * the key (dot paths, `*` for any key or index), e.g. `['metadata.trace_id']`.
   */
  match?: { ignore?: string[] };
  /** Where pacing reads the time and waits: a virtual clock makes paced tests instant. */
  clock?: SimulatorClock;
}

/** A running simulator. */
export interface Simulator {
  /** `http://host:port`. */
  url: string;
  /** `http://host:port/v1`: pass as `baseURL` to a client. */
  baseURL: string;
  port: number;
  /** Every request received, oldest first (API keys masked). Clear with `requests.length = 0`. */
  requests: RecordedRequest[];
  /** Makes the next `count` requests to `/v1/responses` fail with `fault` (default 1). */
  failNext(fault: FaultName | FaultSpec, count?: number): void;
  /** Answers the next request to `/v1/responses` with a recording (`.sse`, `.chunks.txt`, `.json`, `.ndjson`). */
  replayNext(file: string): void;
  /** Stops listening and closes open connections; calling it again waits for the same close. */
  close(): Promise<void>;
}

const DEFAULT_PACE: Pace = { tokensPerSecond: 80, firstTokenLatencyMs: 300 };
const STORED_RESPONSES = 1000;

async function holdsOnlyNamedRecordings(dir: string): Promise<boolean> {
  const names = await readdir(dir, { recursive: true });
  return (
    !names.some((name) => name.endsWith(RECORDING_EXTENSION)) &&
    names.some((name) => /\.(sse|chunks\.txt|json)$/.test(name))
  );
}

function checkedUpstream(upstream: string): string {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new TypeError(
      `record.upstream must be an http(s) URL such as ${DEFAULT_UPSTREAM}, got '${upstream}'.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`record.upstream must be an http(s) URL, got '${upstream}'.`);
  return url.href;
}

async function recordingSetup(options: SimulatorOptions): Promise<RecordingSetup | undefined> {
  const ignore = options.match?.ignore ?? [];
  const paced = options.replay?.pace ?? false;
  if (options.record !== undefined) {
    const mode = options.record.mode ?? 'all';
    return {
      library: await RecordingLibrary.open(options.record.dir, ignore, { create: true }),
      mode,
      upstream: checkedUpstream(options.record.upstream ?? DEFAULT_UPSTREAM),
      secrets: options.record.redact ?? [],
      unmatched: 'error',
      paced,
    };
  }
  const dir = options.replay?.dir;
  if (dir === undefined) return undefined;
  const library = await RecordingLibrary.open(dir, ignore, { create: false });
  const unmatched =
    options.replay?.unmatched ??
    ((await holdsOnlyNamedRecordings(library.dir)) ? 'model' : 'error');
  return { library, mode: 'replay', upstream: DEFAULT_UPSTREAM, secrets: [], unmatched, paced };
}

/**
 * Starts a local APIFree-compatible server: `POST /v1/responses` (JSON and SSE) with a
 * deterministic model, faults, recording and replay, and `GET /v1/models`.
 *
 * @example
 * import OpenAI from 'openai';
 * import { startSimulator } from '@apifree/simulator';
 *
 * const sim = await startSimulator({ port: 0, pace: false });
 * const client = new OpenAI({ apiKey: 'test-key', baseURL: sim.baseURL });
 * const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Say hello' });
 * console.log(response.output_text); // prints: hello
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const faults = new FaultPlanner(options.faults);
  const state: HandlerState = {
    apiKeys: options.apiKeys === undefined ? undefined : new Set(options.apiKeys),
    models: modelCatalogue(options.models),
    pace: options.pace === false ? false : { ...DEFAULT_PACE, ...options.pace },
    clock: options.clock ?? realClock,
    faults,
    replayDir: options.replay?.dir,
    replayPace: options.replay?.pace ?? false,
    replayQueue: [],
    recordings: await recordingSetup(options),
    requests: [],
    promptCache: new Map(),
    responses: new ResponseStore(STORED_RESPONSES),
  };
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handleRequest(request, response, state).catch((error: unknown) => {
      // A handler bug must not crash the host process (the simulator runs inside test runners).
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: {
              message: `Simulator error: ${String(error)}`,
              type: 'server_error',
              param: null,
              code: null,
            },
          }),
        );
      } else {
        response.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  server.listen({ port: options.port ?? 0, host, backlog: 4096 });
  // `once` rejects with the listen error (a busy port, an unknown host).
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseURL: `${url}/v1`,
    port,
    requests: state.requests,
    failNext: (fault, count = 1) => faults.failNext(fault, count),
    replayNext: (file) => {
      state.replayQueue.push(file);
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
