import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InputItem } from '@apifree/core/wire';
import { type FaultSpec, type ParsedFaultHeader, parseFaultHeader } from '../faults';
import { failureFrames, streamFrames } from '../model/build-events';
import { finishedItem, planUsage, responseObject } from '../model/build-response';
import { collectOutput } from '../model/collect-output';
import { outputAsInput } from '../model/output-as-input';
import { planResponse } from '../model/plan-response';
import { readConversation } from '../model/read-conversation';
import { splitTokens } from '../model/tokenize';
import { invalidRequest } from './api-error';
import type { HandlerState } from './handler-state';
import { httpFaultError } from './http-fault-error';
import { sendError } from './send-json';
import { validateRequest } from './validate-request';
import { dropConnection, pause, type StreamFault, writeFrames } from './write-frames';

const MAX_CACHE_KEYS = 1000;

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('hex')}`;
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
  state: HandlerState,
  onComplete: (() => void) | undefined,
): Promise<void> {
  const bytes = Buffer.from(text);
  switch (fault?.name) {
    case 'drop':
      await dropConnection(response);
      return;
    case 'stall':
      await pause(response, fault.ms ?? 30_000, state.clock);
      break;
    case 'error_event':
      sendError(response, httpFaultError({ name: 'server_error' })!);
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
    state.clock,
    onComplete,
  );
}

/** The request body as the endpoint reads it: parsed JSON, or a body that did not parse. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/**
 * Answers `POST /v1/responses` with the deterministic model: checks the request the way
 * the service does, continues a stored conversation for `previous_response_id`, applies
 * the fault the request draws, then sends the planned response as JSON or SSE.
 */
export async function answerWithModel(
  request: IncomingMessage,
  response: ServerResponse,
  parsed: ParsedBody,
  state: HandlerState,
): Promise<void> {
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
  let earlier: readonly InputItem[] = [];
  if (typeof body.previous_response_id === 'string') {
    const stored = state.responses.conversation(body.previous_response_id);
    if (stored === undefined) {
      return sendError(
        response,
        invalidRequest(
          `Previous response with id '${body.previous_response_id}' not found.`,
          'previous_response_id',
          'previous_response_not_found',
        ),
      );
    }
    earlier = stored;
  }

  const faultHeader = request.headers['x-simulator-fault'];
  let header: ParsedFaultHeader | undefined;
  if (typeof faultHeader === 'string' && faultHeader !== '') {
    header = parseFaultHeader(faultHeader);
    if (!header.ok)
      return sendError(response, invalidRequest(header.message, null, 'invalid_fault'));
  }
  const fault = state.faults.choose(header);
  const httpFault = fault === undefined ? undefined : httpFaultError(fault);
  if (httpFault !== undefined) return sendError(response, httpFault);
  if (fault?.name === 'slow_headers') await pause(response, fault.ms ?? 2000, state.clock);

  const ownInput: InputItem[] =
    typeof body.input === 'string'
      ? [{ type: 'message', role: 'user', content: body.input }]
      : body.input;
  const input = [...earlier, ...ownInput];
  const conversation = readConversation({ ...body, input });
  const promptTokens = splitTokens(conversation.promptText);
  const cached = cachedTokens(state, body.prompt_cache_key, promptTokens);
  const reasoning = state.models.get(body.model)?.reasoning === true;
  const identity = { id: newId('resp'), createdAt: Math.floor(Date.now() / 1000), reasoning };
  const plan = planResponse(body, conversation, newId, reasoning);
  const usage = planUsage(plan, promptTokens.length, cached);
  // Stored as the service stores it: once it has ended, completed or incomplete. A
  // response that failed, that a fault cut short, or whose client left before its end
  // cannot be continued.
  const store =
    body.store === false
      ? undefined
      : () =>
          state.responses.save(identity.id, [
            ...input,
            ...outputAsInput(plan.items.map(finishedItem)),
          ]);

  if (body.stream === true) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const stream = { body, identity, plan, usage };
    if (fault === undefined || fault.name === 'slow_headers')
      return writeFrames(response, streamFrames(stream), state.pace, undefined, state.clock, store);
    const frames = [...streamFrames(stream)];
    const streamFault: StreamFault = {
      spec: fault,
      failure: (sequence) =>
        failureFrames(
          stream,
          sequence,
          {
            code: fault.code ?? 'server_error',
            type: fault.code ?? 'server_error',
            message:
              fault.message ??
              'The server had an error while processing your request. Sorry about that!',
          },
          collectOutput(frames.slice(0, sequence).map((frame) => frame.event)),
        ),
    };
    return writeFrames(response, frames, state.pace, streamFault, state.clock, store);
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
      state.clock,
    );
  }
  return answerNonStreaming(
    response,
    JSON.stringify(final),
    fault?.name === 'slow_headers' ? undefined : fault,
    state,
    store,
  );
}
