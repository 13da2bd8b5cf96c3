import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type FaultMixOptions, type FaultName, FaultPlanner, type FaultSpec } from './faults';
import { type HandlerState, handleRequest, type RecordedRequest } from './http/handle-request';
import type { Pace } from './http/write-frames';
import { modelCatalogue, type SimulatedModel } from './model/model-catalogue';

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
  /** Replay: where `x-simulator-replay` names are looked up; `pace` paces replays too (default false). */
  replay?: { dir?: string; pace?: boolean };
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
  /** Answers the next request to `/v1/responses` with a recording (`.sse`, `.chunks.txt`, `.json`). */
  replayNext(file: string): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const DEFAULT_PACE: Pace = { tokensPerSecond: 80, firstTokenLatencyMs: 300 };

/**
 * Starts a local APIFree-compatible server: `POST /v1/responses` (JSON and SSE) with a
 * deterministic model, faults and replay, and `GET /v1/models`.
 *
 * @example
 * import OpenAI from 'openai';
 * import { startSimulator } from '@apifree/simulator';
 *
 * const sim = await startSimulator({ port: 0, pace: false });
 * const client = new OpenAI({ apiKey: 'test-key', baseURL: sim.baseURL });
 * const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Say hello' });
 * console.log(response.output_text); // "hello"
 * await sim.close();
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const faults = new FaultPlanner(options.faults);
  const state: HandlerState = {
    apiKeys: options.apiKeys === undefined ? undefined : new Set(options.apiKeys),
    models: modelCatalogue(options.models),
    pace: options.pace === false ? false : { ...DEFAULT_PACE, ...options.pace },
    faults,
    replayDir: options.replay?.dir,
    replayPace: options.replay?.pace ?? false,
    replayQueue: [],
    requests: [],
    promptCache: new Map(),
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
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    port,
    requests: state.requests,
    failNext: (fault, count = 1) => faults.failNext(fault, count),
    replayNext: (file) => {
      state.replayQueue.push(file);
    },
    close: async () => {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      );
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
