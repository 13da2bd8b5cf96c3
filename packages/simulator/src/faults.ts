import { seededRandom } from './model/seeded-random';

/** The faults the simulator can inject. */
export const FAULT_NAMES = [
  'rate_limit',
  'insufficient_quota',
  'server_error',
  'bad_gateway',
  'unavailable',
  'slow_headers',
  'stall',
  'drop',
  'malformed',
  'error_event',
  'truncate',
  'fragment',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * A fault and its parameters, as in `x-simulator-fault: stall;after=5;ms=2000`.
 *
 * - `after`: frames sent before a stream fault strikes (default 3).
 * - `ms`: how long `slow_headers` and `stall` wait (defaults 2000 and 30000).
 * - `retryAfterMs`: the wait a 429 asks for (default 1000).
 * - `size`: bytes per write for `fragment` (default 5).
 * - `code` / `message`: the error `error_event` reports (default `server_error`).
 */
export interface FaultSpec {
  name: FaultName;
  after?: number;
  ms?: number;
  retryAfterMs?: number;
  size?: number;
  code?: string;
  message?: string;
}

/** A probability per fault, drawn once per request, and an optional seed for repeatable runs. */
export interface FaultMixOptions {
  mix: Partial<Record<FaultName, number>>;
  seed?: number;
}

/** True when `name` is one of {@link FAULT_NAMES}. */
export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** The result of reading a fault header: the fault, or why it could not be read. */
export type ParsedFaultHeader =
  | { ok: true; fault: FaultSpec; times?: number; key?: string }
  | { ok: false; message: string };

/**
 * Reads `x-simulator-fault: <name>[;key=value]…`. Keys: `after`, `ms`,
 * `retry_after_ms`, `size`, `code`, `message`, and `times` + `key` (fail only the
 * first `times` requests that carry the same `key`).
 *
 * @example
 * parseFaultHeader('rate_limit;retry_after_ms=200;times=1;key=a');
 */
export function parseFaultHeader(header: string): ParsedFaultHeader {
  const [rawName, ...pairs] = header.split(';').map((part) => part.trim());
  const name = rawName ?? '';
  if (!isFaultName(name)) {
    return {
      ok: false,
      message: `Unknown fault '${name}'. Known faults: ${FAULT_NAMES.join(', ')}.`,
    };
  }
  const fault: FaultSpec = { name };
  let times: number | undefined;
  let key: string | undefined;
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const field = (separator < 0 ? pair : pair.slice(0, separator)).trim();
    const value = separator < 0 ? '' : decodeURIComponent(pair.slice(separator + 1).trim());
    const count = Number(value);
    const numeric = value !== '' && Number.isFinite(count) && count >= 0;
    if (field === 'code') fault.code = value;
    else if (field === 'message') fault.message = value;
    else if (field === 'key') key = value;
    else if (!numeric)
      return { ok: false, message: `Fault parameter '${field}' needs a number, got '${value}'.` };
    else if (field === 'after') fault.after = count;
    else if (field === 'ms') fault.ms = count;
    else if (field === 'retry_after_ms') fault.retryAfterMs = count;
    else if (field === 'size') fault.size = Math.max(1, count);
    else if (field === 'times') times = count;
    else return { ok: false, message: `Unknown fault parameter '${field}'.` };
  }
  return {
    ok: true,
    fault,
    ...(times === undefined ? {} : { times }),
    ...(key === undefined ? {} : { key }),
  };
}

/**
 * Chooses the fault of each request: the request's header first, then faults queued
 * with {@link FaultPlanner.failNext}, then a draw from the server's mix.
 */
export class FaultPlanner {
  readonly #queue: FaultSpec[] = [];
  readonly #keyed = new Map<string, number>();
  readonly #mix: Array<[FaultName, number]>;
  readonly #random: () => number;

  constructor(options: FaultMixOptions | undefined) {
    this.#mix = Object.entries(options?.mix ?? {}).filter(
      (entry): entry is [FaultName, number] =>
        isFaultName(entry[0]) && typeof entry[1] === 'number' && entry[1] > 0,
    );
    this.#random = options?.seed === undefined ? Math.random : seededRandom(options.seed);
  }

  /** Queues `fault` for the next `count` requests to `/v1/responses`. */
  failNext(fault: FaultName | FaultSpec, count = 1): void {
    const spec = typeof fault === 'string' ? { name: fault } : fault;
    for (let index = 0; index < count; index++) this.#queue.push(spec);
  }

  /** The fault for one request, or `undefined` for a healthy answer. */
  choose(header: ParsedFaultHeader | undefined): FaultSpec | undefined {
    if (header?.ok === true) {
      if (header.times === undefined) return header.fault;
      const key = `${header.key ?? ''}\u0000${header.fault.name}`;
      const used = this.#keyed.get(key) ?? 0;
      this.#keyed.set(key, used + 1);
      if (used < header.times) return header.fault;
      return undefined;
    }
    const queued = this.#queue.shift();
    if (queued !== undefined) return queued;
    if (this.#mix.length === 0) return undefined;
    let draw = this.#random();
    for (const [name, probability] of this.#mix) {
      if (draw < probability) return { name };
      draw -= probability;
    }
    return undefined;
  }
}
