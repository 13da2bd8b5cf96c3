import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** A TCP relay in front of the simulator that sees when a client hangs up mid-stream. */
export interface ConnectionRelay {
  /** `http://127.0.0.1:<port>/v1`: the app's APIFREE_BASE_URL. */
  baseURL: string;
  /** Connections the app closed while a streamed response was still coming. */
  cutStreams(): number;
  /** Resolves when the next connection is closed mid-stream by the app. */
  nextCut(): Promise<void>;
  /** Everything the upstream sent through the relay so far (latin1). */
  forwarded(): string;
  close(): Promise<void>;
}

/**
 * Starts a relay to `127.0.0.1:targetPort`. Either side may hang up at any moment (that is
 * what the tests provoke), so socket errors end both sides instead of surfacing as
 * unhandled `EPIPE` or `ECONNRESET`.
 */
export async function startRelay(targetPort: number): Promise<ConnectionRelay> {
  let cut = 0;
  let forwarded = '';
  let waiters: Array<() => void> = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    let received = '';
    socket.pipe(upstream);
    upstream.pipe(socket);
    upstream.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      received += text;
      forwarded += text;
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    upstream.on('close', () => {
      sockets.delete(upstream);
      socket.destroy();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      upstream.destroy();
      const lastStream = received.slice(received.lastIndexOf('event: response.created'));
      if (lastStream.startsWith('event:') && !lastStream.includes('event: response.completed')) {
        cut += 1;
        const waiting = waiters;
        waiters = [];
        for (const wake of waiting) wake();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    cutStreams: () => cut,
    nextCut: () => new Promise<void>((resolve) => waiters.push(resolve)),
    forwarded: () => forwarded,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
