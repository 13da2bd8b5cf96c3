import type { AdapterName } from './adapters';
import type { FaultPhase } from './fault-policy';

/**
 * One deterministic case of the load run: request `i` gets case `i % FAULT_CASES.length`.
 * `header` is the `x-simulator-fault` value (`{key}` becomes the request's drill id, so
 * `times=` counts that request's attempts only). `kinds` is what the simulator must show
 * for each attempt, per adapter; `attempts` how many the retry policy allows, exactly
 * (or a range where a reset may reach the client before or after the response head).
 */
export interface FaultCase {
  name: string;
  header: string | undefined;
  /** The fault name, for the figures. */
  fault: string;
  phase: FaultPhase;
  errorEventCode?: string;
  attempts: Record<AdapterName, number | [number, number]>;
}

const all = (attempts: number | [number, number]) => ({
  core: attempts,
  'ai-sdk': attempts,
  langchain: attempts,
});

export const FAULT_CASES: FaultCase[] = [
  { name: 'healthy', header: undefined, fault: 'none', phase: 'late', attempts: all(1) },
  {
    name: '429 Retry-After once, then OK',
    header: 'rate_limit;retry_after_ms=100;times=1;key={key}',
    fault: 'rate_limit',
    phase: 'late',
    attempts: all(2),
  },
  {
    name: '429 Retry-After every time',
    header: 'rate_limit;retry_after_ms=100',
    fault: 'rate_limit',
    phase: 'late',
    attempts: all(3),
  },
  {
    name: '429 insufficient_quota',
    header: 'insufficient_quota',
    fault: 'insufficient_quota',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: '500 once, then OK',
    header: 'server_error;times=1;key={key}',
    fault: 'server_error',
    phase: 'late',
    attempts: all(2),
  },
  {
    name: '502 twice, then OK',
    header: 'bad_gateway;times=2;key={key}',
    fault: 'bad_gateway',
    phase: 'late',
    attempts: all(3),
  },
  {
    name: '503 every time',
    header: 'unavailable',
    fault: 'unavailable',
    phase: 'late',
    attempts: all(3),
  },
  {
    name: 'slow headers (300 ms)',
    header: 'slow_headers;ms=300',
    fault: 'slow_headers',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'fragmented writes (7 bytes)',
    header: 'fragment;size=7',
    fault: 'fragment',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'stall before the first text',
    header: 'stall;ms=120000',
    fault: 'stall',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'stall mid-text',
    header: 'stall;after=6;ms=120000',
    fault: 'stall',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'connection reset mid-stream',
    header: 'drop;after=5',
    fault: 'drop',
    phase: 'late',
    attempts: all([1, 3]),
  },
  {
    name: 'connection reset right after the head',
    header: 'drop;after=0',
    fault: 'drop',
    phase: 'early',
    attempts: { core: [1, 3], 'ai-sdk': 3, langchain: [1, 3] },
  },
  {
    name: 'malformed event mid-stream',
    header: 'malformed',
    fault: 'malformed',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'error event mid-stream',
    header: 'error_event;after=5',
    fault: 'error_event',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'early EOF mid-stream',
    header: 'truncate;after=5',
    fault: 'truncate',
    phase: 'late',
    attempts: all(1),
  },
  {
    name: 'error event before output, once',
    header: 'error_event;after=1;times=1;key={key}',
    fault: 'error_event',
    phase: 'early',
    attempts: { core: 1, 'ai-sdk': 2, langchain: 1 },
  },
  {
    name: 'insufficient_quota event before output',
    header: 'error_event;after=1;code=insufficient_quota',
    fault: 'error_event',
    phase: 'early',
    errorEventCode: 'insufficient_quota',
    attempts: all(1),
  },
  {
    name: 'early EOF before output',
    header: 'truncate;after=1',
    fault: 'truncate',
    phase: 'early',
    attempts: { core: 1, 'ai-sdk': 3, langchain: 1 },
  },
  {
    name: 'malformed event before output',
    header: 'malformed;after=1',
    fault: 'malformed',
    phase: 'early',
    attempts: all(1),
  },
];

/** The random mix of the second run: the simulator's own `faults.mix`, seeded. */
export const FAULT_MIX: Record<string, number> = {
  rate_limit: 0.06,
  insufficient_quota: 0.03,
  server_error: 0.05,
  bad_gateway: 0.04,
  unavailable: 0.04,
  stall: 0.03,
  drop: 0.05,
  malformed: 0.04,
  error_event: 0.05,
  truncate: 0.05,
  fragment: 0.04,
};
