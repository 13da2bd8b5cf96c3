import { createFetchTransport } from './transport/fetch-transport';
import type { Transport } from './transport/transport';

let factory: () => Transport = () => createFetchTransport();

/** @internal The Node entry point swaps in undici; every other runtime keeps `fetch`. */
export function setDefaultTransport(create: () => Transport): void {
  factory = create;
}

/** @internal */
export function defaultTransport(): Transport {
  return factory();
}
