import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/** A TCP relay in front of the simulator that sees when a client hangs up mid-stream. */
export interface ConnectionRelay {
  /** `http://127.0.0.1:<port>/v1`: the app's APIFREE_BASE_URL. */
  baseURL: string;
  /** Connections the app closed while a streamed response was still coming. */
  cutStreams(): number;
  close(): Promise<void>;
}

export async function startRelay(targetPort: number): Promise<ConnectionRelay> {
  let cut = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const upstream = connect(targetPort, '127.0.0.1');
    let received = '';
    socket.pipe(upstream);
    upstream.pipe(socket);
    upstream.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      upstream.destroy();
      const lastStream = received.slice(received.lastIndexOf('event: response.created'));
      if (lastStream.startsWith('event:') && !lastStream.includes('event: response.completed')) {
        cut += 1;
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    cutStreams: () => cut,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
