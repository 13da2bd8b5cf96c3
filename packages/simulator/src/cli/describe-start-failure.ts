/**
 * One line saying why the server could not start and what to do, for errors of
 * `listen()` (busy or privileged port, unknown host) and anything else.
 *
 * @example
 * describeStartFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), { port: 8787, host: '127.0.0.1' });
 * // 'port 8787 is in use; pass --port 0 for a free port or choose another with --port <n>'
 */
export function describeStartFailure(
  error: unknown,
  where: { port: number; host: string },
): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${where.port} is in use; pass --port 0 for a free port or choose another with --port <n>`;
    case 'EACCES':
      return `port ${where.port} needs privileges on this machine; pass --port 0 for a free port or choose one above 1023 with --port <n>`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${where.host}: it is not an address of this machine; pass --host 127.0.0.1 or another local address`;
    default:
      return `could not start: ${error instanceof Error ? error.message : String(error)}`;
  }
}
