// Preloaded into every Node process the compat suite starts (`node --import`): a
// connection to anything but loopback throws at `connect`, before a packet leaves, and
// fails the process at exit even when a library swallowed the error, so no framework's
// telemetry, registry refresh or `cf` fetch reaches the internet from a test unnoticed.
// The guard sits on `net.Socket.prototype.connect` because every TCP client in Node
// ends there: `fetch` (undici), `http`, `https`, `http2`, `tls.connect`, `net.connect`.
import net from 'node:net';

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function isLoopback(host: string): boolean {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (address === 'localhost') return true;
  const family = net.isIP(address);
  if (family === 4) return loopback.check(address, 'ipv4');
  if (family === 6) return loopback.check(address, 'ipv6');
  return false;
}

/** The host and port a `Socket#connect` call targets, or undefined for a local IPC path. */
function target(args: unknown[]): { host: string; port: unknown } | undefined {
  // `net.connect` passes its already-normalized arguments on as one array.
  const call = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const [first, second] = call;
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: string | null; host?: string; port?: unknown };
    // Node connects to a pipe whenever `path` is truthy (http passes `path: null`).
    if (options.path) return undefined;
    return { host: options.host ?? 'localhost', port: options.port };
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return undefined;
  return { host: typeof second === 'string' ? second : 'localhost', port: first };
}

const blocked = new Set<string>();
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(
  this: net.Socket,
  ...args: unknown[]
): net.Socket {
  const destination = target(args);
  if (destination !== undefined && !isLoopback(destination.host)) {
    const where = `${destination.host}:${String(destination.port)}`;
    blocked.add(where);
    throw new Error(
      `compat: blocked a connection to ${where}: the compat tests reach loopback only (compat/loopback-only.ts)`,
    );
  }
  return Reflect.apply(connect, this, args) as net.Socket;
} as typeof connect;

process.on('exit', () => {
  if (blocked.size > 0) {
    console.error(`compat: blocked connections to ${[...blocked].join(', ')}`);
    process.exitCode = 1;
  }
});
