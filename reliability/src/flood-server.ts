import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * What the flood server sends, chosen by the first segment of the request path
 * (`/<mode>/v1/responses`, so each case is a baseURL of its own and every adapter can be
 * pointed at it unchanged):
 *
 * - `healthy`: a short completed answer (stream or JSON), for the client's warm-up;
 * - `error-body`: HTTP 400 whose body runs on for `ERROR_BODY_BYTES`;
 * - `json-body`: HTTP 200 JSON whose text runs on for `JSON_BODY_BYTES`;
 * - `gzip-bomb`: HTTP 200 JSON, gzip-encoded, that inflates to `GZIP_INFLATED_BYTES`;
 * - `unknown-events`: a stream of `UNKNOWN_EVENT_BYTES` of events of a type no client
 *   knows, with no output, then one text delta and `response.completed`;
 * - `drip-stream`: a stream that sends one event, then one byte every `SLOW_DRIP_MS`;
 * - `drip-stream-fast`: the same, one byte every `FAST_DRIP_MS` (too often for an idle timeout);
 * - `drip-json`: a JSON answer, one byte every `FAST_DRIP_MS`.
 *
 * Every flood is written as the socket drains (never buffered here) and stops when the
 * client hangs up; every drip is bounded in bytes, after which the answer completes (so a
 * client whose timeout did not fire gets a complete answer, and the case fails, instead of
 * waiting for ever).
 */
export const FLOOD_MODES = [
  'healthy',
  'error-body',
  'json-body',
  'gzip-bomb',
  'unknown-events',
  'drip-stream',
  'drip-stream-fast',
  'drip-json',
] as const;

export type FloodMode = (typeof FLOOD_MODES)[number];

export const ERROR_BODY_BYTES = 200 * 2 ** 20;
export const JSON_BODY_BYTES = 600 * 2 ** 20;
export const GZIP_INFLATED_BYTES = 1024 * 2 ** 20;
export const UNKNOWN_EVENT_BYTES = 200 * 2 ** 20;
export const SLOW_DRIP_MS = 400;
export const FAST_DRIP_MS = 20;
/** Bytes a drip sends before it completes the answer: 40 s at the fast pace. */
export const DRIP_BYTES = 2_000;

/** One request as the flood server saw it. */
export interface FloodRequest {
  mode: string;
  /** Body bytes the socket accepted before the answer ended or the client hung up. */
  bytesWritten: number;
  /** Whether the client hung up before the whole answer was written. */
  cutByClient: boolean;
}

export interface FloodServer {
  /** `http://127.0.0.1:<port>/<mode>/v1` */
  baseURL(mode: FloodMode): string;
  /** The requests finished so far. */
  requests(): FloodRequest[];
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * Writes `head`, then `CHUNK`s while the socket drains, until `total` bytes are out or the
 * client hangs up; then `tail`.
 */
function flood(res: ServerResponse, head: string, total: number, tail = ''): void {
  let sent = Buffer.byteLength(head);
  res.write(head);
  const write = () => {
    while (sent < total && !res.destroyed) {
      const piece = total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', write);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  write();
}

/** Writes `text` one byte at a time, every `everyMs`, then `tail` (unless the client left). */
function drip(res: ServerResponse, text: string, everyMs: number, tail: string | undefined): void {
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed) {
      clearInterval(timer);
      return;
    }
    if (at < text.length) {
      res.write(text[at]);
      at++;
      return;
    }
    clearInterval(timer);
    if (tail !== undefined) res.end(tail);
  }, everyMs);
  res.once('close', () => clearInterval(timer));
}

function event(data: Record<string, unknown>): string {
  return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

const RESPONSE = {
  id: 'resp_flood',
  object: 'response',
  created_at: 1_700_000_000,
  model: 'gpt-4.1-mini',
  error: null,
  incomplete_details: null,
};
const USAGE = {
  input_tokens: 5,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 1,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 6,
};

/** The events of a short answer whose text is `text`, after `response.created`. */
function answerEvents(text: string): string {
  const item = {
    type: 'message',
    id: 'msg_1',
    role: 'assistant',
    status: 'in_progress',
    content: [],
  };
  const done = {
    ...item,
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  const position = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  return [
    { type: 'response.output_item.added', output_index: 0, item },
    {
      type: 'response.content_part.added',
      ...position,
      part: { type: 'output_text', text: '', annotations: [] },
    },
    { type: 'response.output_text.delta', ...position, delta: text, logprobs: [] },
    { type: 'response.output_text.done', ...position, text, logprobs: [] },
    { type: 'response.output_item.done', output_index: 0, item: done },
    {
      type: 'response.completed',
      response: { ...RESPONSE, status: 'completed', output: [done], usage: USAGE },
    },
  ]
    .map((data, index) => event({ ...data, sequence_number: index + 1 }))
    .join('');
}

const CREATED = event({
  type: 'response.created',
  sequence_number: 0,
  response: { ...RESPONSE, status: 'in_progress', output: [], usage: null },
});

function completedJSON(text: string): string {
  return JSON.stringify({
    ...RESPONSE,
    status: 'completed',
    output: [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: USAGE,
  });
}

/** An unknown event of about 1 KiB; its padding keeps the count of events (and parse work) low. */
function unknownEvent(sequence: number): string {
  return event({ type: 'response.drill_unknown', sequence_number: sequence, pad: 'u'.repeat(960) });
}

/** Unknown events until `UNKNOWN_EVENT_BYTES` are out (as the socket drains), then the answer. */
function unknownEvents(res: ServerResponse): void {
  let sent = 0;
  let sequence = 1;
  res.write(CREATED);
  const write = () => {
    while (sent < UNKNOWN_EVENT_BYTES && !res.destroyed) {
      // 64 events per write: fewer, larger writes.
      let batch = '';
      for (let index = 0; index < 64; index++) batch += unknownEvent(sequence++);
      sent += batch.length;
      if (!res.write(batch)) {
        res.once('drain', write);
        return;
      }
    }
    if (!res.destroyed) res.end(answerEvents('done'));
  };
  write();
}

const JSON_HEAD =
  '{"id":"resp_flood","object":"response","status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"';

/** A gzip stream of members that inflate to `GZIP_INFLATED_BYTES` (a member per 16 MiB). */
const gzipBomb = (() => {
  let cached: Buffer[] | undefined;
  return () => {
    if (cached === undefined) {
      const member = gzipSync(Buffer.alloc(16 * 2 ** 20, 'x'), { level: 9 });
      cached = [
        gzipSync(JSON_HEAD),
        ...Array.from({ length: GZIP_INFLATED_BYTES / (16 * 2 ** 20) }, () => member),
      ];
    }
    return cached;
  };
})();

function serve(mode: string, stream: boolean, res: ServerResponse) {
  const sse = { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_flood' };
  const json = { 'content-type': 'application/json', 'x-request-id': 'req_flood' };
  switch (mode) {
    case 'healthy':
      res.writeHead(200, stream ? sse : json);
      res.end(stream ? CREATED + answerEvents('warm') : completedJSON('warm'));
      return;
    case 'error-body':
      res.writeHead(400, json);
      return flood(res, '{"error":{"message":"', ERROR_BODY_BYTES, '"}}');
    case 'json-body':
      res.writeHead(200, json);
      return flood(res, JSON_HEAD, JSON_BODY_BYTES, '"}]}]}');
    case 'gzip-bomb': {
      res.writeHead(200, { ...json, 'content-encoding': 'gzip' });
      const members = gzipBomb();
      let index = 0;
      const write = () => {
        while (index < members.length && !res.destroyed) {
          if (!res.write(members[index++])) {
            res.once('drain', write);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      return write();
    }
    case 'unknown-events':
      res.writeHead(200, sse);
      return unknownEvents(res);
    case 'drip-stream':
    case 'drip-stream-fast': {
      res.writeHead(200, sse);
      res.write(CREATED);
      const delta = event({
        type: 'response.output_text.delta',
        sequence_number: 1,
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta: 'd'.repeat(DRIP_BYTES),
      });
      // The slow drip holds the connection open after its bytes: only a timeout ends it.
      return mode === 'drip-stream'
        ? drip(res, delta.slice(0, 60), SLOW_DRIP_MS, undefined)
        : drip(res, delta, FAST_DRIP_MS, answerEvents('dripped'));
    }
    case 'drip-json': {
      res.writeHead(200, json);
      const body = completedJSON('d'.repeat(DRIP_BYTES));
      return drip(res, body.slice(0, DRIP_BYTES), FAST_DRIP_MS, body.slice(DRIP_BYTES));
    }
    default:
      res.writeHead(404, json);
      res.end(JSON.stringify({ error: { message: `unknown flood mode ${mode}` } }));
  }
}

function watch(req: IncomingMessage, res: ServerResponse, log: FloodRequest[], mode: string) {
  const socket = req.socket;
  const before = socket.bytesWritten;
  res.once('close', () => {
    log.push({
      mode,
      bytesWritten: socket.bytesWritten - before,
      cutByClient: !res.writableFinished,
    });
  });
}

/** Starts the flood server on 127.0.0.1, port 0. */
export async function startFloodServer(): Promise<FloodServer> {
  const log: FloodRequest[] = [];
  const server = createServer((req, res) => {
    const mode = req.url?.split('/')[1] ?? '';
    watch(req, res, log, mode);
    // A client that gives up mid-answer resets the socket; that is what the cases provoke.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      serve(mode, /"stream":\s*true/.test(Buffer.concat(chunks).toString()), res),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: (mode) => `http://127.0.0.1:${port}/${mode}/v1`,
    requests: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
