import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlanner, FaultSpec, ParsedFaultHeader } from '../faults';
import { parseFaultHeader } from '../faults';
import { failureFrames, streamFrames } from '../model/build-events';
import { finishedItem, planUsage, responseObject } from '../model/build-response';
import type { ModelCatalogue } from '../model/model-catalogue';
import { planResponse } from '../model/plan-response';
import { readConversation } from '../model/read-conversation';
import { splitTokens } from '../model/tokenize';
import { findRecording, loadRecording, type Recording } from '../replay';
import { type ApiError, invalidApiKey, invalidRequest, maskApiKey } from './api-error';
import { validateRequest } from './validate-request';
import { dropConnection, type Frame, type Pace, pause, writeFrames } from './write-frames';

/** A request the simulator received, for assertions. The API key is masked. */
export interface RecordedRequest {
  method: string;
  /** The path with its query string, e.g. `/v1/responses`. */
  path: string;
  /** Lower-cased header names; `authorization` has its key masked. */
  headers: Record<string, string>;
  /** The parsed JSON body, or `undefined` when it was not JSON. */
  body: unknown;
  /** The body as received. */
  rawBody: string;
}

/** The server's state that every request reads. */
export interface HandlerState {
  apiKeys: ReadonlySet<string> | undefined;
  models: ModelCatalogue;
  pace: Pace | false;
  faults: FaultPlanner;
  replayDir: string | undefined;
  replayPace: boolean;
  replayQueue: string[];
  requests: RecordedRequest[];
  /** Input tokens last seen per `prompt_cache_key`, to report cached prefixes. */
  promptCache: Map<string, string[]>;
}

const MAX_CACHE_KEYS = 1000;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, error.status, { error: error.error }, error.headers);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function recordedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] =
      name === 'authorization'
        ? text.replace(
            /^(Bearer\s+)(.+)$/i,
            (_, scheme: string, key: string) => `${scheme}${maskApiKey(key)}`,
          )
        : text;
  }
  return headers;
}

function bearerKey(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  const key = match?.[1]?.trim();
  return key === undefined || key === '' ? undefined : key;
}

function authenticate(request: IncomingMessage, state: HandlerState): ApiError | undefined {
  const key = bearerKey(request);
  if (key === undefined) return invalidApiKey(undefined);
  if (state.apiKeys !== undefined && !state.apiKeys.has(key)) return invalidApiKey(key);
  return undefined;
}

function listModels(state: HandlerState) {
  return {
    object: 'list',
    data: [...state.models.keys()].map((id) => ({
      id,
      object: 'model',
      created: 1_700_000_000,
      owned_by: 'apifree',
    })),
  };
}

const HTTP_FAULTS: Partial<Record<FaultSpec['name'], (fault: FaultSpec) => ApiError>> = {
  rate_limit: (fault) => {
    const ms = fault.retryAfterMs ?? 1000;
    return {
      status: 429,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(ms / 1000))),
        'retry-after-ms': String(ms),
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${ms}ms`,
      },
      error: {
        message: `Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${ms}ms.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    };
  },
  insufficient_quota: () => ({
    status: 429,
    error: {
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    },
  }),
  server_error: () => ({
    status: 500,
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: 'server_error',
    },
  }),
  bad_gateway: () => ({
    status: 502,
    error: {
      message: 'Bad gateway: the upstream model service failed.',
      type: 'server_error',
      param: null,
      code: 'bad_gateway',
    },
  }),
  unavailable: () => ({
    status: 503,
    error: {
      message: 'The service is currently overloaded, please try again later.',
      type: 'server_error',
      param: null,
      code: 'service_unavailable',
    },
  }),
};

async function serveRecording(
  response: ServerResponse,
  recording: Recording,
  state: HandlerState,
): Promise<void> {
  response.writeHead(recording.status, { 'content-type': recording.contentType });
  const frames: Frame[] = recording.frames.map((frame) => ({ frame, tokens: 1 }));
  await writeFrames(response, frames, state.replayPace ? state.pace : false, undefined);
}

function replayTarget(
  request: IncomingMessage,
  state: HandlerState,
): { file: string } | ApiError | undefined {
  const header = request.headers['x-simulator-replay'];
  if (typeof header === 'string' && header !== '') {
    const file = state.replayDir === undefined ? undefined : findRecording(state.replayDir, header);
    if (file === undefined) {
      return invalidRequest(
        state.replayDir === undefined
          ? 'Replay by header needs the simulator option replay.dir.'
          : `No recording named '${header}' in the replay directory.`,
        null,
        'replay_not_found',
        404,
      );
    }
    return { file };
  }
  const queued = state.replayQueue.shift();
  return queued === undefined ? undefined : { file: queued };
}

function cachedTokens(state: HandlerState, key: unknown, tokens: string[]): number {
  if (typeof key !== 'string' || key === '') return 0;
  const previous = state.promptCache.get(key);
  state.promptCache.delete(key);
  state.promptCache.set(key, tokens);
  if (state.promptCache.size > MAX_CACHE_KEYS)
    state.promptCache.delete(state.promptCache.keys().next().value as string);
  if (previous === undefined) return 0;
  let shared = 0;
  const limit = Math.min(previous.length, tokens.length);
  while (shared < limit && previous[shared] === tokens[shared]) shared++;
  // Like OpenAI: prefixes of 1,024 tokens or more are cached, in steps of 128.
  return shared >= 1024 ? Math.floor(shared / 128) * 128 : 0;
}

async function answerNonStreaming(
  response: ServerResponse,
  text: string,
  fault: FaultSpec | undefined,
): Promise<void> {
  const bytes = Buffer.from(text);
  switch (fault?.name) {
    case 'drop':
      await dropConnection(response);
      return;
    case 'stall':
      await pause(response, fault.ms ?? 30_000);
      break;
    case 'error_event':
      sendError(response, HTTP_FAULTS.server_error!(fault));
      return;
    case 'malformed':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
      return;
    case 'truncate':
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': bytes.length,
      });
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () =>
        response.socket?.destroy(),
      );
      return;
  }
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
  await writeFrames(
    response,
    [{ frame: bytes, tokens: 0 }],
    false,
    fault?.name === 'fragment' ? { spec: fault, failure: () => [] } : undefined,
  );
}

type ParsedBody = { ok: true; value: unknown } | { ok: false };

async function handleResponses(
  request: IncomingMessage,
  response: ServerResponse,
  parsed: ParsedBody,
  state: HandlerState,
) {
  const replay = replayTarget(request, state);
  if (replay !== undefined) {
    if ('status' in replay) return sendError(response, replay);
    return serveRecording(response, loadRecording(replay.file), state);
  }
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    return sendError(
      response,
      invalidRequest(
        `Invalid Content-Type header (${contentType || 'missing'}), expected application/json.`,
        null,
        'unsupported_content_type',
      ),
    );
  }
  if (!parsed.ok) {
    return sendError(
      response,
      invalidRequest(
        'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.',
        null,
        null,
      ),
    );
  }
  const valid = validateRequest(parsed.value, state.models);
  if (!valid.ok) return sendError(response, valid.error);
  const body = valid.body;

  const faultHeader = request.headers['x-simulator-fault'];
  let header: ParsedFaultHeader | undefined;
  if (typeof faultHeader === 'string' && faultHeader !== '') {
    header = parseFaultHeader(faultHeader);
    if (!header.ok)
      return sendError(response, invalidRequest(header.message, null, 'invalid_fault'));
  }
  const fault = state.faults.choose(header);
  const httpFault = fault === undefined ? undefined : HTTP_FAULTS[fault.name];
  if (fault !== undefined && httpFault !== undefined) return sendError(response, httpFault(fault));
  if (fault?.name === 'slow_headers') await pause(response, fault.ms ?? 2000);

  const conversation = readConversation(body);
  const promptTokens = splitTokens(conversation.promptText);
  const cached = cachedTokens(state, body.prompt_cache_key, promptTokens);
  const reasoning = state.models.get(body.model)?.reasoning === true;
  const identity = { id: newId('resp'), createdAt: Math.floor(Date.now() / 1000), reasoning };
  const plan = planResponse(body, conversation, newId, reasoning);
  const usage = planUsage(plan, promptTokens.length, cached);

  if (body.stream === true) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const input = { body, identity, plan, usage };
    const streamFault =
      fault === undefined || fault.name === 'slow_headers'
        ? undefined
        : {
            spec: fault,
            failure: (sequence: number) =>
              failureFrames(input, sequence, {
                code: fault.code ?? 'server_error',
                type: fault.code ?? 'server_error',
                message:
                  fault.message ??
                  'The server had an error while processing your request. Sorry about that!',
              }),
          };
    return writeFrames(response, streamFrames(input), state.pace, streamFault);
  }
  const final = responseObject(body, identity, {
    status: plan.incomplete ? 'incomplete' : 'completed',
    output: plan.items.map(finishedItem),
    usage,
    incomplete: plan.incomplete,
  });
  if (state.pace !== false) {
    await pause(
      response,
      state.pace.firstTokenLatencyMs + (plan.outputTokens * 1000) / state.pace.tokensPerSecond,
    );
  }
  return answerNonStreaming(
    response,
    JSON.stringify(final),
    fault?.name === 'slow_headers' ? undefined : fault,
  );
}

/**
 * Handles one HTTP request: `POST /v1/responses`, `GET /v1/models[/id]`, and a 404 in
 * the service's error shape for anything else. Every answer carries `x-request-id`.
 */
export async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  state: HandlerState,
): Promise<void> {
  response.setHeader('x-request-id', newId('req'));
  const raw = await readBody(request);
  const path = request.url ?? '/';
  let parsed: ParsedBody;
  try {
    parsed = { ok: true, value: JSON.parse(raw) };
  } catch {
    // A body that is not JSON is recorded raw; the endpoint answers it with a 400.
    parsed = { ok: false };
  }
  state.requests.push({
    method: request.method ?? 'GET',
    path,
    headers: recordedHeaders(request),
    body: parsed.ok ? parsed.value : undefined,
    rawBody: raw,
  });
  const pathname = path.split('?')[0]!.replace(/\/+$/, '');
  const route = `${request.method} ${pathname}`;
  if (
    route === 'POST /v1/responses' ||
    route === 'GET /v1/models' ||
    route.startsWith('GET /v1/models/')
  ) {
    const authError = authenticate(request, state);
    if (authError !== undefined) return sendError(response, authError);
  }
  if (route === 'POST /v1/responses') return handleResponses(request, response, parsed, state);
  if (route === 'GET /v1/models') return sendJson(response, 200, listModels(state));
  if (route.startsWith('GET /v1/models/')) {
    const id = decodeURIComponent(pathname.slice('/v1/models/'.length));
    const model = listModels(state).data.find((entry) => entry.id === id);
    if (model !== undefined) return sendJson(response, 200, model);
    return sendError(
      response,
      invalidRequest(`The model '${id}' does not exist`, 'model', 'model_not_found', 404),
    );
  }
  return sendError(
    response,
    invalidRequest(`Invalid URL (${request.method} ${path})`, null, null, 404),
  );
}
