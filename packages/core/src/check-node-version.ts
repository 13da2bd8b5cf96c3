import { APIFreeUnsupportedRuntimeError } from './errors';

/** The oldest Node this package runs on: undici 8, its HTTP client, needs it. */
export const MINIMUM_NODE_VERSION = '22.19.0';

function parse(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/**
 * Throws {@link APIFreeUnsupportedRuntimeError} when `version` is older than
 * {@link MINIMUM_NODE_VERSION}. Run when the Node entry point loads, so an old Node fails
 * at import with both versions named, not at the first request with an obscure
 * connection error.
 *
 * @example
 * checkNodeVersion('20.20.2'); // throws: @apifree/core needs Node 22.19.0 or newer; this is Node 20.20.2. …
 */
export function checkNodeVersion(version: string): void {
  const running = parse(version);
  const required = parse(MINIMUM_NODE_VERSION);
  for (let index = 0; index < required.length; index++) {
    const difference = (running[index] ?? 0) - (required[index] ?? 0);
    if (difference > 0) return;
    if (difference < 0) {
      throw new APIFreeUnsupportedRuntimeError(
        version,
        MINIMUM_NODE_VERSION,
        `@apifree/core needs Node ${MINIMUM_NODE_VERSION} or newer (undici 8, its HTTP client, needs it); this is Node ${version}. Install a current Node (22 LTS or 24 LTS).`,
      );
    }
  }
}
