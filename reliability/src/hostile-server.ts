import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ECHO_ENCODINGS, type EchoEncoding, unicodeEscaped } from './echo-encodings';

/**
 * What the hostile server does, chosen per request with the `x-hostile-mode` header.
 * The `echo-*` modes put the request's `Authorization` header, in the form the
 * `x-hostile-echo` header names (an {@link EchoEncoding}; `verbatim` by default), where
 * a careless or malicious server (or proxy) might: error bodies (with and without a
 * `message`), a response header's name and value, the `code`, `type` and `param` of
 * stream error events (top level and nested), a failed response (streamed and as JSON),
 * a malformed event. The others send bad data a client must turn into a clear error.
 */
export const ECHO_MODES = [
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
  'echo-error-fields-flat',
  'echo-error-fields-nested',
  'echo-failed-fields',
  'echo-failed-json',
  'echo-header-401',
  'echo-header-ok',
] as const;

/** Modes that send bad data, echoing nothing. */
export const BAD_DATA_MODES = [
  'bad-tool-arguments',
  'event-not-object',
  'json-not-object',
  'gzip-json',
  'long-event',
] as const;

export type HostileMode = (typeof ECHO_MODES)[number] | (typeof BAD_DATA_MODES)[number];

export interface HostileServer {
  baseURL: string;
  /** Requests received so far (to show that a refused call sent nothing). */
  requests(): number;
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

/** One answer being written: the echo in its form, and how its bytes reach the wire. */
interface Reply {
  res: ServerResponse;
  /** The echoed text, in the requested form. */
  echo: string;
  /** The key the request carried. */
  key: string;
  /** Whether the request asked for a stream. */
  stream: boolean;
  /** Bytes as the server writes them (`json-escaped` turns the echo into `\u` escapes). */
  wire(text: string): string;
}

/**
 * A header name carrying the echo: the echo itself when it is a valid, lower-case name
 * (clients lower-case names, which would destroy a mixed-case encoding), else the key in hex.
 */
function echoHeaderName(echo: string, key: string): string {
  const name = `x-echo-${echo}`;
  return /^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)
    ? name
    : `x-echo-${Buffer.from(key).toString('hex')}`;
}

function sse(reply: Reply, events: unknown[], tail = '', headers: Record<string, string> = {}) {
  reply.res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'x-request-id': 'req_hostile',
    ...headers,
  });
  let sequence = 0;
  for (const event of events) {
    const data: Record<string, unknown> = { ...(event as object), sequence_number: sequence++ };
    reply.res.write(reply.wire(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`));
  }
  reply.res.end(reply.wire(tail));
}

function json(reply: Reply, status: number, body: unknown, headers: Record<string, string> = {}) {
  reply.res.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': 'req_hostile',
    ...headers,
  });
  reply.res.end(reply.wire(JSON.stringify(body)));
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
const doneMessage = {
  ...message,
  status: 'completed',
  content: [{ type: 'output_text', text: 'partial answer', annotations: [] }],
};
const textEnd = [
  {
    type: 'response.output_text.done',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    text: 'partial answer',
    logprobs: [],
  },
  { type: 'response.output_item.done', output_index: 0, item: doneMessage },
  { type: 'response.completed', response: response('completed', [doneMessage]) },
];

function serve(mode: string, reply: Reply) {
  const { echo, res } = reply;
  const failure = { code: 'server_error', message: `The upstream rejected ${echo}` };
  const echoed = { code: echo, message: echo };
  const echoHeaders = {
    [echoHeaderName(echo, reply.key)]: 'echo',
    'x-echo-value': reply.wire(echo),
  };
  switch (mode) {
    case 'echo-401':
      return json(reply, 401, {
        error: {
          message: `Incorrect API key provided: ${echo}`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    case 'echo-400-text':
      res.writeHead(400, { 'content-type': 'text/plain', 'x-request-id': 'req_hostile' });
      res.end(reply.wire(`Bad request. You sent: ${echo}`));
      return;
    case 'echo-500-header':
      return json(
        reply,
        500,
        {
          error: {
            message: `Proxy failure for ${echo}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        },
        { 'x-echo-authorization': reply.wire(echo), 'x-should-retry': 'false' },
      );
    case 'echo-json-truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_hostile' });
      res.end(
        reply.wire(
          `{"id":"resp_hostile","object":"response","output":[{"type":"message","content":[{"type":"output_text","text":"${echo}`,
        ),
      );
      return;
    case 'echo-stream-error':
      return sse(reply, [
        ...opening,
        ...textStart,
        { type: 'error', error: { type: 'server_error', param: null, ...failure } },
        { type: 'response.failed', response: response('failed', [], failure) },
      ]);
    case 'echo-early-error':
      return sse(reply, [
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
      return sse(reply, [...opening, ...textStart, { type: 'error', param: null, ...failure }]);
    case 'echo-failed-only':
      return sse(reply, [
        ...opening,
        ...textStart,
        { type: 'response.failed', response: response('failed', [], failure) },
      ]);
    case 'echo-malformed':
      return sse(
        reply,
        [...opening, ...textStart],
        `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"${echo}\n\n`,
      );
    case 'echo-malformed-token':
      // An unexpected token makes V8 quote the start of the text in the SyntaxError.
      return sse(
        reply,
        [...opening, ...textStart],
        `event: response.output_text.delta\ndata: {"delta": ${echo}}\n\n`,
      );
    case 'echo-error-fields-flat':
      // After output: the AI SDK reports it as an error part, LangChain mid-stream.
      return sse(reply, [
        ...opening,
        ...textStart,
        { type: 'error', code: echo, param: echo, message: 'The upstream failed.' },
      ]);
    case 'echo-error-fields-nested':
      // Before output: the AI SDK provider throws it from doStream (its retry path).
      return sse(reply, [
        ...opening,
        {
          type: 'error',
          error: { type: echo, code: echo, param: echo, message: 'The upstream failed.' },
        },
      ]);
    case 'echo-failed-fields':
      return sse(reply, [
        ...opening,
        ...textStart,
        { type: 'response.failed', response: response('failed', [], echoed) },
      ]);
    case 'echo-failed-json':
      return json(reply, 200, response('failed', [], echoed));
    case 'echo-header-401':
      // No `message` field: the client has to show the body some other way.
      return json(reply, 401, { error: { detail: echo } }, echoHeaders);
    case 'echo-header-ok':
      // A healthy answer: the headers reach the AI SDK's `response.headers` and LangChain's metadata.
      return reply.stream
        ? sse(reply, [...opening, ...textStart, ...textEnd], '', echoHeaders)
        : json(reply, 200, response('completed', [doneMessage]), echoHeaders);
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
      return sse(reply, [
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
      return sse(reply, opening, 'event: response.output_text.delta\ndata: 42\n\n');
    case 'json-not-object':
      return json(reply, 200, ['not', 'a', 'response']);
    case 'long-event':
      // One delta of 256 KiB: larger than a small maxEventSize, and than one read.
      return sse(reply, [
        ...opening,
        ...textStart.slice(0, 2),
        {
          type: 'response.output_text.delta',
          item_id: 'msg_1',
          output_index: 0,
          content_index: 0,
          delta: 'x'.repeat(256 * 1024),
          logprobs: [],
        },
      ]);
    case 'gzip-json':
      // Compressed although the client asked for identity (undici) or for what fetch decodes.
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-request-id': 'req_hostile',
      });
      res.end(gzipSync(JSON.stringify(response('completed', [doneMessage]))));
      return;
    default:
      return json(reply, 404, {
        error: {
          message: `unknown mode ${mode}`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
  }
}

function isEchoEncoding(name: string): name is EchoEncoding {
  return Object.hasOwn(ECHO_ENCODINGS, name);
}

/** Starts the hostile server on 127.0.0.1, port 0. */
export async function startHostileServer(): Promise<HostileServer> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const mode = String(req.headers['x-hostile-mode'] ?? '');
      const encodingName = String(req.headers['x-hostile-echo'] ?? 'verbatim');
      const encoding = isEchoEncoding(encodingName) ? encodingName : 'verbatim';
      const authorization = String(req.headers.authorization ?? '');
      const echo = ECHO_ENCODINGS[encoding](authorization);
      const stream = /"stream":\s*true/.test(Buffer.concat(chunks).toString());
      const escaped = unicodeEscaped(echo);
      serve(mode, {
        res,
        echo,
        key: authorization.replace(/^Bearer /, ''),
        stream,
        wire: (text) => (encoding === 'json-escaped' ? text.replaceAll(echo, escaped) : text),
      });
    });
    // A client that gives up mid-answer resets the socket; that is its right.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
