import { setTimeout as sleep } from 'node:timers/promises';
import { type AdapterName, createAdapter, type DrillRequest } from './adapters';
import { errorLabel, isTyped } from './error-label';
import { FAULT_CASES, FAULT_MIX, type FaultCase } from './fault-cases';
import { checkPolicy } from './fault-policy';
import { bump } from './figures';
import { activeResources, excessOver, settleResources } from './resources';
import {
  type SimulatorAttempt,
  type SimulatorProcess,
  type SimulatorTally,
  startSimulatorProcess,
} from './simulator-process';

/** One load run: `requests` concurrent streams through one adapter. */
export interface LoadRunOptions {
  adapter: AdapterName;
  /** `deterministic`: request i gets FAULT_CASES[i % n] by header; `mix`: the simulator's seeded mix. */
  mode: 'deterministic' | 'mix';
  requests: number;
  deadlineMs: number;
  maxRetries: number;
  idleTimeout: number;
  seed: number;
}

/** What a load run observed: the figures of RELIABILITY.md and the problems found. */
export interface LoadReport {
  adapter: AdapterName;
  mode: string;
  requests: number;
  concurrency: number;
  completed: number;
  typedErrors: number;
  untypedErrors: number;
  hung: number;
  outcomes: Record<string, number>;
  /** Attempts per fault, as the simulator's wire showed them (`ok` = healthy). */
  attemptsByKind: Record<string, number>;
  attempts: number;
  retries: number;
  /** Requests whose attempts broke the retry policy (must be 0). */
  policyViolations: number;
  /** Requests whose simulator-counted attempts differ from the exact expectation (must be 0). */
  attemptMismatches: number;
  settleMs: { p50: number; p95: number; max: number; deadline: number };
  /** Streams still open at the simulator right after every request settled (in use). */
  inUseAtEnd: number;
  /** Client sockets open right after the run (idle keep-alive ones of undici's pool). */
  idleSocketsAtEnd: number;
  /** How long until the client's resources and the simulator's connections were back to zero. */
  drainedAfterMs: number;
  leakedResources: Record<string, number>;
  serverConnectionsAfter: number;
  unhandledRejections: number;
  durationMs: number;
  problems: string[];
}

interface Settled {
  request: DrillRequest;
  faultCase: FaultCase | undefined;
  outcome: string;
  ms: number;
  problems: string[];
}

const MAX_PROBLEMS_KEPT = 25;

/**
 * Runs `requests` streams at once through one adapter against a simulator child, each
 * raced against a deadline, then checks every request against the simulator's count of
 * its attempts and the adapter's retry policy, and waits for sockets and timers to go.
 */
export async function runLoad(options: LoadRunOptions): Promise<LoadReport> {
  const started = performance.now();
  const sim = await startSimulatorProcess({
    pace: false,
    ...(options.mode === 'mix' ? { mix: FAULT_MIX, seed: options.seed } : {}),
  });
  const baseline = activeResources();
  let unhandled = 0;
  const onUnhandled = () => {
    unhandled++;
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const stream = createAdapter(options.adapter, {
      apiKey: `sk-drill-load-${options.adapter}`,
      baseURL: sim.baseURL,
      maxRetries: options.maxRetries,
      idleTimeout: options.idleTimeout,
    });
    const plan = Array.from({ length: options.requests }, (_, index) => {
      const id = `${options.adapter}-${options.mode}-${index}`;
      const faultCase =
        options.mode === 'deterministic' ? FAULT_CASES[index % FAULT_CASES.length] : undefined;
      const header = faultCase?.header?.replaceAll('{key}', id);
      const request: DrillRequest = {
        id,
        prompt: `say "reply ${index}"`,
        headers: header === undefined ? {} : { 'x-simulator-fault': header },
      };
      return { request, faultCase, expected: `reply ${index}` };
    });

    const settled = await Promise.all(
      plan.map(async ({ request, faultCase, expected }): Promise<Settled> => {
        const controller = new AbortController();
        const begin = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'hung'>((resolve) => {
          timer = setTimeout(() => resolve('hung'), options.deadlineMs);
        });
        const attempt = stream(request, controller.signal).then(
          (completion) => ({ completion }),
          (error: unknown) => ({ error }),
        );
        const result = await Promise.race([attempt, deadline]);
        clearTimeout(timer);
        const ms = performance.now() - begin;
        const problems: string[] = [];
        if (result === 'hung') {
          controller.abort();
          await attempt;
          return { request, faultCase, outcome: 'hung', ms, problems: ['did not settle'] };
        }
        if ('error' in result)
          return { request, faultCase, outcome: errorLabel(result.error), ms, problems };
        const { completion } = result;
        if (completion.text !== expected)
          problems.push(`text ${JSON.stringify(completion.text)} ≠ ${JSON.stringify(expected)}`);
        if (completion.finishReason !== 'completed' && completion.finishReason !== 'stop')
          problems.push(`finish reason ${completion.finishReason}`);
        if (!(completion.totalTokens > 0)) problems.push('no usage');
        return { request, faultCase, outcome: 'complete', ms, problems };
      }),
    );

    const atEnd = await sim.tally();
    const inUseAtEnd = atEnd.inFlight;
    const idleSocketsAtEnd = excessOver(baseline, activeResources()).TCPSocketWrap ?? 0;
    // A stream the client gave up on closes at the simulator a moment later: wait for it.
    const tally = await waitForTally(sim, 10_000);
    const attemptsById = new Map<string, SimulatorAttempt[]>();
    for (const attempt of tally.attempts) {
      const list = attemptsById.get(attempt.id) ?? [];
      list.push(attempt);
      attemptsById.set(attempt.id, list);
    }

    const report = summarise(options, settled, attemptsById, tally.recorded);
    const drained = await settleResources(baseline, 20_000, async () => {
      const now = await sim.tally();
      return now.inFlight === 0 && now.connections === 0;
    });
    const after = await sim.tally();
    return {
      ...report,
      inUseAtEnd,
      idleSocketsAtEnd,
      drainedAfterMs: drained.waitedMs,
      leakedResources: drained.excess,
      serverConnectionsAfter: after.connections,
      unhandledRejections: unhandled,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await sim.close();
  }
}

async function waitForTally(sim: SimulatorProcess, limitMs: number): Promise<SimulatorTally> {
  const started = performance.now();
  for (;;) {
    const tally = await sim.tally();
    if (tally.inFlight === 0 || performance.now() - started > limitMs) return tally;
    await sleep(100);
  }
}

type Summary = Omit<
  LoadReport,
  | 'inUseAtEnd'
  | 'idleSocketsAtEnd'
  | 'drainedAfterMs'
  | 'leakedResources'
  | 'serverConnectionsAfter'
  | 'unhandledRejections'
  | 'durationMs'
>;

function summarise(
  options: LoadRunOptions,
  settled: Settled[],
  attemptsById: Map<string, SimulatorAttempt[]>,
  recorded: Record<string, number>,
): Summary {
  const outcomes: Record<string, number> = {};
  const attemptsByKind: Record<string, number> = {};
  const problems: string[] = [];
  let policyViolations = 0;
  let attemptMismatches = 0;
  let attempts = 0;
  for (const { request, faultCase, outcome, ms, problems: own } of settled) {
    bump(outcomes, outcome);
    const kinds = (attemptsById.get(request.id) ?? []).map((attempt) => attempt.kind);
    for (const kind of kinds) bump(attemptsByKind, kind);
    attempts += kinds.length;
    const found = [...own];
    if ((recorded[request.id] ?? 0) !== kinds.length)
      found.push(
        `simulator log has ${recorded[request.id] ?? 0} attempts, wire tap ${kinds.length}`,
      );
    if (outcome !== 'hung') {
      const violations = checkPolicy({
        adapter: options.adapter,
        maxRetries: options.maxRetries,
        kinds,
        outcome,
        phase: faultCase?.phase ?? 'late',
        ...(faultCase?.errorEventCode === undefined
          ? {}
          : { errorEventCode: faultCase.errorEventCode }),
      });
      if (violations.length > 0) policyViolations++;
      found.push(...violations);
    }
    if (faultCase !== undefined) {
      const mismatch = checkCase(faultCase, options.adapter, kinds);
      if (mismatch !== undefined) {
        attemptMismatches++;
        found.push(mismatch);
      }
    }
    if (found.length > 0 && problems.length < MAX_PROBLEMS_KEPT)
      problems.push(
        `${request.id} [${faultCase?.name ?? 'mix'}] ${kinds.join(',')} → ${outcome} (${Math.round(ms)} ms): ${found.join('; ')}`,
      );
    if (found.length > 0 && problems.length === MAX_PROBLEMS_KEPT) problems.push('…');
  }
  const times = settled.map((entry) => entry.ms).sort((a, b) => a - b);
  const pick = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  const errors = Object.entries(outcomes).filter(
    ([label]) => label !== 'complete' && label !== 'hung',
  );
  return {
    adapter: options.adapter,
    mode: options.mode,
    requests: settled.length,
    concurrency: settled.length,
    completed: outcomes.complete ?? 0,
    typedErrors: errors.filter(([label]) => isTyped(label)).reduce((sum, [, n]) => sum + n, 0),
    untypedErrors: errors.filter(([label]) => !isTyped(label)).reduce((sum, [, n]) => sum + n, 0),
    hung: outcomes.hung ?? 0,
    outcomes,
    attemptsByKind,
    attempts,
    retries: attempts - settled.length,
    policyViolations,
    attemptMismatches,
    settleMs: { p50: pick(0.5), p95: pick(0.95), max: pick(1), deadline: options.deadlineMs },
    problems,
  };
}

/** The attempts a deterministic case must show: its count, and the fault of each. */
function checkCase(
  faultCase: FaultCase,
  adapter: AdapterName,
  kinds: string[],
): string | undefined {
  const expected = faultCase.attempts[adapter];
  const [min, max] = typeof expected === 'number' ? [expected, expected] : expected;
  if (kinds.length < min || kinds.length > max)
    return `${kinds.length} attempts, the policy gives ${min === max ? min : `${min}–${max}`}`;
  const times = /;times=(\d+)/.exec(faultCase.header ?? '')?.[1];
  const faulty = times === undefined ? Number.POSITIVE_INFINITY : Number(times);
  const shown =
    faultCase.fault === 'slow_headers' || faultCase.fault === 'none' ? 'ok' : faultCase.fault;
  for (const [index, kind] of kinds.entries()) {
    const want = index < faulty ? shown : 'ok';
    if (kind !== want) return `attempt ${index + 1} showed ${kind}, the header asks for ${want}`;
  }
  return undefined;
}
