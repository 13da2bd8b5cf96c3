import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the hostile server does, chosen per request with the `x-hostile-mode` header.
 * The `echo-*` modes put the request's `Authorization` header, verbatim, where a
 * careless or malicious server (or proxy) might: error bodies, a response header,
 * stream error events, a malformed event. The others send bad data a client must turn
 * into a clear error.
 */
export const HOSTILE_MODES = [
  'echo-401',
  'echo-400-text',
  'echo-500-header',
  'echo-json-truncated',
  'echo-stream-error',
  'echo-early-error',
  'echo-flat-error',
  'echo-failed-only',
  'echo-malformed',
  'echo-malformed-token',
  'bad-tool-arguments',
  'event-not-object',
  'json-not-object',
] as const;

export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileServer {
  baseURL: string;
  close(): Promise<void>;
}

function response(status: string, output: unknown[] = [], error: unknown = null) {
  return {
    id: 'resp_hostile',
    object: 'response',
    created_at: 1_700_000_000,
    status,
    model: 'gpt-4.1-mini',
    output,
    usage:
      status === 'completed'
        ? {
            input_tokens: 5,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 5,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 10,
          }
        : null,
    error,
    incomplete_details: null,
  };
}

function sse(res: ServerResponse, events: unknown[], tail = ''): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'x-request-id': 'req_hostile',
  });
  let sequence = 0;
  for (const event of events) {
    const data: Record<string, unknown> = { ...(event as object), sequence_number: sequence++ };
    res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
  }
  res.end(tail);
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': 'req_hostile',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

const message = {
  type: 'message',
  id: 'msg_1',
  role: 'assistant',
  status: 'in_progress',
  content: [],
};
const opening = [
  { type: 'response.created', response: response('in_progress') },
  { type: 'response.in_progress', response: response('in_progress') },
];
const textStart = [
  { type: 'response.output_item.added', output_index: 0, item: message },
  {
    type: 'response.content_part.added',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    part: { type: 'output_text', text: '', annotations: [] },
  },
  {
    type: 'response.output_text.delta',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'partial answer',
    logprobs: [],
  },
];

function serve(mode: string, authorization: string, res: ServerResponse) {
  const failure = { code: 'server_error', message: `The upstream rejected ${authorization}` };
  switch (mode) {
    case 'echo-401':
      return json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${authorization}`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    case 'echo-400-text':
      res.writeHead(400, { 'content-type': 'text/plain', 'x-request-id': 'req_hostile' });
      res.end(`Bad request. You sent: ${authorization}`);
      return;
    case 'echo-500-header':
      return json(
        res,
        500,
        {
          error: {
            message: `Proxy failure for ${authorization}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        },
        { 'x-echo-authorization': authorization, 'x-should-retry': 'false' },
      );
    case 'echo-json-truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_hostile' });
      res.end(
        `{"id":"resp_hostile","object":"response","output":[{"type":"message","content":[{"type":"output_text","text":"${authorization}`,
      );
      return;
    case 'echo-stream-error':
      return sse(res, [
        ...opening,
        ...textStart,
        { type: 'error', error: { type: 'server_error', param: null, ...failure } },
        { type: 'response.failed', response: response('failed', [], failure) },
      ]);
    case 'echo-early-error':
      return sse(res, [
        ...opening,
        {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            code: 'invalid_prompt',
            param: null,
            message: failure.message,
          },
        },
        {
          type: 'response.failed',
          response: response('failed', [], { ...failure, code: 'invalid_prompt' }),
        },
      ]);
    case 'echo-flat-error':
      return sse(res, [...opening, ...textStart, { type: 'error', param: null, ...failure }]);
    case 'echo-failed-only':
      return sse(res, [
        ...opening,
        ...textStart,
        { type: 'response.failed', response: response('failed', [], failure) },
      ]);
    case 'echo-malformed':
      return sse(
        res,
        [...opening, ...textStart],
        `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"${authorization}\n\n`,
      );
    case 'echo-malformed-token':
      // An unexpected token makes V8 quote the start of the text in the SyntaxError.
      return sse(
        res,
        [...opening, ...textStart],
        `event: response.output_text.delta\ndata: {"delta": ${authorization}}\n\n`,
      );
    case 'bad-tool-arguments': {
      const call = {
        type: 'function_call',
        id: 'fc_1',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '',
        status: 'in_progress',
      };
      const done = { ...call, arguments: '{not json', status: 'completed' };
      return sse(res, [
        ...opening,
        { type: 'response.output_item.added', output_index: 0, item: call },
        {
          type: 'response.function_call_arguments.delta',
          item_id: 'fc_1',
          output_index: 0,
          delta: '{not json',
        },
        {
          type: 'response.function_call_arguments.done',
          item_id: 'fc_1',
          output_index: 0,
          arguments: '{not json',
        },
        { type: 'response.output_item.done', output_index: 0, item: done },
        { type: 'response.completed', response: response('completed', [done]) },
      ]);
    }
    case 'event-not-object':
      return sse(res, opening, 'event: response.output_text.delta\ndata: 42\n\n');
    case 'json-not-object':
      return json(res, 200, ['not', 'a', 'response']);
    default:
      return json(res, 404, {
        error: {
          message: `unknown mode ${mode}`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
  }
}

/** Starts the hostile server on 127.0.0.1, port 0. */
export async function startHostileServer(): Promise<HostileServer> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const mode = String(req.headers['x-hostile-mode'] ?? '');
      serve(mode, String(req.headers.authorization ?? ''), res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
