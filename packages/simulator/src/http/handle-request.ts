import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findRecording, loadRecording } from '../replay';
import { answerFromRecordings } from './answer-from-recordings';
import { answerWithModel, type ParsedBody } from './answer-with-model';
import { type ApiError, invalidApiKey, invalidRequest, maskApiKey } from './api-error';
import type { HandlerState } from './handler-state';
import { sendError, sendJson } from './send-json';
import { serveRecording } from './serve-recording';

/** The largest request body the simulator reads; a larger one gets 413. */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
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

function namedRecording(
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

async function handleResponses(
  request: IncomingMessage,
  response: ServerResponse,
  rawBody: Buffer,
  parsed: ParsedBody,
  state: HandlerState,
): Promise<void> {
  const named = namedRecording(request, state);
  if (named !== undefined) {
    if ('status' in named) return sendError(response, named);
    return serveRecording(response, loadRecording(named.file), state.replayPace, state);
  }
  const setup = state.recordings;
  if (setup !== undefined) {
    const answered = await answerFromRecordings(request, response, rawBody, parsed, setup, state);
    if (answered) return;
  }
  return answerWithModel(request, response, parsed, state);
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
  const rawBody = await readBody(request);
  if (rawBody === undefined) {
    return sendError(
      response,
      invalidRequest(
        `The request body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MiB.`,
        null,
        'request_too_large',
        413,
      ),
    );
  }
  const raw = rawBody.toString('utf8');
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
  if (route === 'POST /v1/responses')
    return handleResponses(request, response, rawBody, parsed, state);
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
