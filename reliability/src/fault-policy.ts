import type { AdapterName } from './adapters';

/** HTTP faults every adapter retries (429 with Retry-After, 500, 502, 503). */
export const RETRYABLE_HTTP = new Set(['rate_limit', 'server_error', 'bad_gateway', 'unavailable']);

/** Faults whose request still completes. */
const HEALTHY = new Set(['ok', 'fragment', 'slow_headers']);

/** The core error each fault produces when it ends a request. */
const CORE_LABEL: Record<string, string[]> = {
  rate_limit: ['RateLimitError:rate_limit_exceeded'],
  insufficient_quota: ['RateLimitError:insufficient_quota'],
  server_error: ['InternalServerError:server_error'],
  bad_gateway: ['InternalServerError:bad_gateway'],
  unavailable: ['InternalServerError:service_unavailable'],
  stall: ['APIConnectionTimeoutError'],
  // A reset that reaches the client before it read the response head is a connection
  // error (retried); after it, a truncated stream (never retried).
  drop: ['APIStreamTruncatedError', 'APIConnectionError'],
  malformed: ['APIStreamError:invalid_event'],
  error_event: ['APIStreamError:server_error'],
  truncate: ['APIStreamTruncatedError'],
};

/** Where a stream fault strikes: before the first output event, or after it. */
export type FaultPhase = 'early' | 'late';

/** What one request's attempts must look like under an adapter's retry policy. */
export interface PolicyInput {
  adapter: AdapterName;
  maxRetries: number;
  /** The fault of each attempt, as the simulator's wire shows it, in order. */
  kinds: string[];
  /** `complete`, or the error label of the outcome. */
  outcome: string;
  phase: FaultPhase;
  /** The error code an `error_event` fault reports (default `server_error`). */
  errorEventCode?: string;
}

/**
 * Whether the adapter retries after an attempt that ended with `kind`. Every adapter
 * retries the retryable HTTP statuses. A stream fault is never retried once output was
 * delivered; the AI SDK provider also throws from `doStream` (so `maxRetries` applies)
 * when a retryable stream failure comes before the first output event.
 */
export function retries(
  adapter: AdapterName,
  kind: string,
  phase: FaultPhase,
  errorEventCode = 'server_error',
): boolean | 'either' {
  if (RETRYABLE_HTTP.has(kind)) return true;
  if (kind === 'drop') return adapter === 'ai-sdk' && phase === 'early' ? true : 'either';
  if (adapter !== 'ai-sdk' || phase === 'late') return false;
  if (kind === 'truncate') return true;
  if (kind === 'error_event') return errorEventCode === 'server_error';
  return false;
}

/** The error labels a request may end with when its last attempt ended with `kind`. */
export function expectedLabels(input: PolicyInput, kind: string): string[] {
  const core = (CORE_LABEL[kind] ?? [`unknown fault ${kind}`]).map((label) =>
    kind === 'error_event' ? `APIStreamError:${input.errorEventCode ?? 'server_error'}` : label,
  );
  if (input.adapter !== 'ai-sdk') return core;
  if (kind === 'stall') return ['TimeoutError'];
  const wrapped = core.map((label) => `APICallError>${label}`);
  const afterRetries = wrapped.map((label) => `RetryError>${label}`);
  // A drop fails inside doStream (retried) or after output began (an error part).
  if (kind === 'drop') return [...wrapped, ...afterRetries];
  const thrownFromDoStream =
    RETRYABLE_HTTP.has(kind) || kind === 'insufficient_quota' || input.phase === 'early';
  // After retries the AI SDK wraps the last error thrown from doStream in a RetryError.
  return thrownFromDoStream && input.kinds.length > 1 ? afterRetries : wrapped;
}

/** True when the outcome shows the last attempt failed before its stream began. */
function failedBeforeStream(outcome: string): boolean {
  return outcome.endsWith('APIConnectionError') || outcome.startsWith('RetryError>');
}

/**
 * Checks one request against its adapter's retry policy: at most 1 + maxRetries
 * attempts; every attempt but the last ended in a fault the adapter retries; the last
 * one explains the outcome (a healthy answer → complete; a retryable fault → retries
 * exhausted; anything else → the matching typed error). Returns the violations.
 */
export function checkPolicy(input: PolicyInput): string[] {
  const { kinds, outcome, adapter, maxRetries, phase } = input;
  const problems: string[] = [];
  if (kinds.length === 0) return ['no attempt reached the simulator'];
  if (kinds.length > 1 + maxRetries)
    problems.push(`${kinds.length} attempts, policy allows ${1 + maxRetries}`);
  kinds.slice(0, -1).forEach((kind, index) => {
    if (retries(adapter, kind, phase, input.errorEventCode) === false)
      problems.push(`attempt ${index + 1} (${kind}) must not have been retried`);
  });
  const last = kinds.at(-1) as string;
  if (HEALTHY.has(last)) {
    if (outcome !== 'complete') problems.push(`last attempt ${last} but outcome ${outcome}`);
    return problems;
  }
  if (outcome === 'complete') {
    problems.push(`last attempt ${last} but the request completed`);
    return problems;
  }
  const retried = retries(adapter, last, phase, input.errorEventCode);
  const exhausted = kinds.length >= 1 + maxRetries;
  if (retried === true && !exhausted)
    problems.push(`gave up after ${kinds.length} attempts on retryable ${last}`);
  if (retried === 'either' && failedBeforeStream(outcome) && !exhausted)
    problems.push(`gave up after ${kinds.length} attempts on a ${last} before the stream began`);
  const allowed = expectedLabels(input, last);
  if (!allowed.includes(outcome))
    problems.push(`last attempt ${last}: outcome ${outcome}, expected ${allowed.join(' | ')}`);
  return problems;
}
