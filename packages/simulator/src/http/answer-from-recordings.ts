import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLine, sseLine } from '../recording/body-line';
import { forwardToUpstream, type UpstreamAnswer } from '../recording/forward-to-upstream';
import { redactBody } from '../recording/redact-body';
import { createRedactor, type Redactor } from '../recording/redactor';
import type { KeyedRequest } from '../recording/request-key';
import { exchangeRecording } from '../replay';
import type { ParsedBody } from './answer-with-model';
import { invalidRequest } from './api-error';
import type { HandlerState, RecordingSetup } from './handler-state';
import { sendError } from './send-json';
import { serveRecording } from './serve-recording';

// Every credential the caller sent: the key, other key headers and cookie values.
function callerSecrets(request: IncomingMessage): string[] {
  const secrets: string[] = [];
  const authorization = request.headers.authorization ?? '';
  const bearer = /^\s*(?:Bearer|Basic|Token)\s+(.+?)\s*$/i.exec(authorization)?.[1];
  if (bearer !== undefined) secrets.push(bearer);
  for (const name of ['x-api-key', 'api-key']) {
    const value = request.headers[name];
    if (typeof value === 'string') secrets.push(value.trim());
  }
  for (const cookie of (request.headers.cookie ?? '').split(';')) {
    const value = cookie.slice(cookie.indexOf('=') + 1).trim();
    if (value !== '') secrets.push(value);
  }
  return secrets;
}

function describeRequest(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { model, input } = body as { model?: unknown; input?: unknown };
  const text = typeof input === 'string' ? input : JSON.stringify(input ?? '');
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `, model ${JSON.stringify(model)}, input ${JSON.stringify(shown)}`;
}

async function record(
  request: IncomingMessage,
  response: ServerResponse,
  rawBody: Buffer,
  keyed: KeyedRequest,
  redactor: Redactor,
  setup: RecordingSetup,
  state: HandlerState,
): Promise<void> {
  const save = async (answer: UpstreamAnswer) => {
    const lines = answer.sse
      ? answer.chunks.map((chunk) => sseLine(chunk.bytes, chunk.ms))
      : answer.chunks.map((chunk) => bodyLine(chunk.bytes, chunk.ms));
    const headers = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name, redactor.text(value)]),
    );
    try {
      await setup.library.save({
        request: keyed,
        response: { status: answer.status, headers, ms: answer.headersMs },
        body: redactBody(lines, redactor),
      });
    } catch (error) {
      process.emitWarning(
        `apifree-simulator could not save a recording in ${setup.library.dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    }
  };
  await forwardToUpstream({
    request,
    rawBody,
    response,
    upstream: setup.upstream,
    clock: state.clock,
    save,
  });
}

/**
 * Answers a request from the recordings, or records it from the upstream, as the
 * recording setup says. Resolves `false` when the request is left to the model (an
 * unmatched request when unmatched requests go to the model).
 */
export async function answerFromRecordings(
  request: IncomingMessage,
  response: ServerResponse,
  rawBody: Buffer,
  parsed: ParsedBody,
  setup: RecordingSetup,
  state: HandlerState,
): Promise<boolean> {
  const redactor = createRedactor([...callerSecrets(request), ...setup.secrets]);
  const path = (request.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
  const keyed: KeyedRequest = {
    method: request.method ?? 'POST',
    path,
    body: redactor.json(parsed.ok ? parsed.value : rawBody.toString('utf8')),
  };
  const key = setup.library.keyOf(keyed);
  const replays =
    setup.mode === 'replay' || (setup.mode === 'missing' && setup.library.heldAtStart(key));
  if (replays) {
    const exchange = setup.library.next(key);
    if (exchange !== undefined) {
      await serveRecording(response, exchangeRecording(exchange), setup.paced, state);
      return true;
    }
    if (setup.unmatched === 'model') return false;
    sendError(
      response,
      invalidRequest(
        `No recording for this request (key ${key}: ${keyed.method} ${path}${describeRequest(keyed.body)}) in ${setup.library.dir}. Record it with a real key: startSimulator({ record: { dir, mode: 'missing' } }) or apifree-simulator --record <dir> --record-missing.`,
        null,
        'recording_not_found',
        404,
      ),
    );
    return true;
  }
  await record(request, response, rawBody, keyed, redactor, setup, state);
  return true;
}
