import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  requests: ReceivedRequest[];
  /** Resolves when the next connection from a client closes. */
  nextSocketClose(): Promise<void>;
  /** How many TCP connections clients opened so far. */
  connections(): number;
  close(): Promise<void>;
}

export type Handler = (
  request: ReceivedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

/** A real HTTP server on loopback whose behaviour each test writes. */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  let socketCloseWaiters: Array<() => void> = [];
  const server = createServer((incoming, response) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(parts).toString('utf8'),
      };
      requests.push(request);
      void handler(request, response, requests.length - 1);
    });
  });
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    socket.on('close', () => {
      const waiters = socketCloseWaiters;
      socketCloseWaiters = [];
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    nextSocketClose: () => new Promise((resolve) => socketCloseWaiters.push(resolve)),
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with an SSE body, optionally split into writes of `chunkSize` bytes. */
export function sendSSE(
  response: ServerResponse,
  body: Uint8Array | string,
  chunkSize?: number,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'x-request-id': 'req_test',
  });
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  if (!chunkSize) {
    response.end(bytes);
    return;
  }
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    response.write(bytes.subarray(offset, offset + chunkSize));
  response.end();
}

export function sendJSON(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': 'req_test',
    ...headers,
  });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}
