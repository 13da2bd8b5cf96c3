import { setTimeout as sleep } from 'node:timers/promises';
import { ADAPTERS, createAdapter, type StreamOnce } from './adapters';
import { errorLabel, isTyped } from './error-label';
import { bump } from './figures';
import { activeResources, settleResources } from './resources';
import { startSimulatorProcess } from './simulator-process';

export interface SoakOptions {
  seconds: number;
  concurrency: number;
  sampleEveryMs: number;
  deadlineMs: number;
}

/** One memory sample, taken right after a full garbage collection. */
export interface MemorySample {
  atSeconds: number;
  heapUsedMB: number;
  /** Memory of C++ objects bound to JS ones (buffers, sockets' native state). */
  externalMB: number;
  rssMB: number;
  /** Streams finished since the previous sample. */
  streams: number;
}

export interface SoakReport {
  seconds: number;
  concurrency: number;
  streams: number;
  completed: number;
  outcomes: Record<string, number>;
  untypedErrors: number;
  hung: number;
  wrongText: number;
  samples: MemorySample[];
  heap: Trend;
  rss: Trend;
  leakedResources: Record<string, number>;
  unhandledRejections: number;
}

/** The trend of a series after the warm-up: regression slope and medians of its thirds. */
export interface Trend {
  /** Least-squares slope over the second half of the samples, MB per minute. */
  slopeMBPerMinute: number;
  firstThirdMedianMB: number;
  lastThirdMedianMB: number;
  /** lastThirdMedian / firstThirdMedian - 1. */
  growth: number;
}

// Faults during the soak exercise the error paths, where leaks usually hide.
const SOAK_MIX = {
  server_error: 0.02,
  insufficient_quota: 0.02,
  drop: 0.02,
  malformed: 0.02,
  error_event: 0.02,
  truncate: 0.02,
};

const WORDS =
  'steady streams of tokens flow through every adapter while the drill watches the heap';

/**
 * Streams without pause for `seconds` at a fixed concurrency, the slots shared by the
 * three adapters (created once, as an application would), against a paced simulator
 * with a light fault mix; samples heap (after `gc()`) and RSS every few seconds.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('The soak needs --expose-gc (set in vitest.config.ts).');
  const sim = await startSimulatorProcess({
    pace: { tokensPerSecond: 120, firstTokenLatencyMs: 150 },
    mix: SOAK_MIX,
    seed: 7,
  });
  const baseline = activeResources();
  let unhandled = 0;
  const onUnhandled = () => {
    unhandled++;
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    const adapters: StreamOnce[] = ADAPTERS.map((name) =>
      createAdapter(name, {
        apiKey: 'sk-drill-soak',
        baseURL: sim.baseURL,
        maxRetries: 1,
        idleTimeout: 8_000,
      }),
    );
    const outcomes: Record<string, number> = {};
    let streams = 0;
    let sinceSample = 0;
    let hung = 0;
    let wrongText = 0;
    const stopAt = performance.now() + options.seconds * 1000;
    const worker = async (slot: number) => {
      const stream = adapters[slot % adapters.length] as StreamOnce;
      for (let round = 0; performance.now() < stopAt; round++) {
        const id = `soak-${slot}-${round}`;
        const expected = `${id} ${WORDS}`;
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'hung'>((resolve) => {
          timer = setTimeout(() => resolve('hung'), options.deadlineMs);
        });
        const attempt = stream(
          { id, prompt: `say "${expected}"`, headers: {} },
          controller.signal,
        ).then(
          (completion) => ({ completion }),
          (error: unknown) => ({ error }),
        );
        const result = await Promise.race([attempt, deadline]);
        clearTimeout(timer);
        streams++;
        sinceSample++;
        if (result === 'hung') {
          hung++;
          controller.abort();
          await attempt;
        } else if ('error' in result) {
          bump(outcomes, errorLabel(result.error));
        } else {
          bump(outcomes, 'complete');
          if (result.completion.text !== expected) wrongText++;
        }
      }
    };
    const started = performance.now();
    const samples: MemorySample[] = [];
    const sampler = (async () => {
      for (;;) {
        await sleep(options.sampleEveryMs);
        // Only samples taken under full load count: the wind-down frees memory.
        if (performance.now() >= stopAt) break;
        gc();
        const memory = process.memoryUsage();
        samples.push({
          atSeconds: Math.round((performance.now() - started) / 1000),
          heapUsedMB: round(memory.heapUsed / 2 ** 20),
          externalMB: round(memory.external / 2 ** 20),
          rssMB: round(memory.rss / 2 ** 20),
          streams: sinceSample,
        });
        sinceSample = 0;
        await sim.reset();
      }
    })();
    await Promise.all([
      ...Array.from({ length: options.concurrency }, (_, slot) => worker(slot)),
      sampler,
    ]);
    const drained = await settleResources(baseline, 20_000, async () => {
      const tally = await sim.tally();
      return tally.inFlight === 0 && tally.connections === 0;
    });
    const errors = Object.entries(outcomes).filter(([label]) => label !== 'complete');
    return {
      seconds: options.seconds,
      concurrency: options.concurrency,
      streams,
      completed: outcomes.complete ?? 0,
      outcomes,
      untypedErrors: errors.filter(([label]) => !isTyped(label)).reduce((sum, [, n]) => sum + n, 0),
      hung,
      wrongText,
      samples,
      heap: trend(
        samples.map((sample) => sample.heapUsedMB),
        options.sampleEveryMs / 1000,
      ),
      rss: trend(
        samples.map((sample) => sample.rssMB),
        options.sampleEveryMs / 1000,
      ),
      leakedResources: drained.excess,
      unhandledRejections: unhandled,
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await sim.close();
  }
}

/**
 * Drops the first 40 % of the samples (warm-up: JIT, V8's heap spaces and malloc arenas
 * grow for about a minute; a 3-minute soak showed RSS flat after it), then measures.
 */
export function trend(series: number[], sampleSeconds: number): Trend {
  const settled = series.slice(Math.floor(series.length * 0.4));
  const third = Math.max(1, Math.floor(settled.length / 3));
  const first = median(settled.slice(0, third));
  const last = median(settled.slice(-third));
  const half = settled.slice(Math.floor(settled.length / 2));
  return {
    slopeMBPerMinute: round(slope(half) * (60 / sampleSeconds)),
    firstThirdMedianMB: first,
    lastThirdMedianMB: last,
    growth: round(last / first - 1, 4),
  };
}

function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, index) => {
    numerator += (index - meanX) * (value - meanY);
    denominator += (index - meanX) ** 2;
  });
  return numerator / denominator;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
