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
  /** The V8 heap's committed size (used + free pages it keeps). */
  heapTotalMB: number;
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

/** The trend of a series after the warm-up: a robust slope and the medians of its thirds. */
export interface Trend {
  /**
   * Theil–Sen slope (the median of the slopes between every pair of samples), MB per
   * minute: a steady leak shows in it, one allocator step does not.
   */
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
          heapTotalMB: round(memory.heapTotal / 2 ** 20),
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
 * grow for a minute or two), then measures the rest.
 */
export function trend(series: number[], sampleSeconds: number): Trend {
  const settled = series.slice(Math.floor(series.length * 0.4));
  const third = Math.max(1, Math.floor(settled.length / 3));
  const first = median(settled.slice(0, third));
  const last = median(settled.slice(-third));
  return {
    slopeMBPerMinute: round(theilSen(settled) * (60 / sampleSeconds)),
    firstThirdMedianMB: round(first),
    lastThirdMedianMB: round(last),
    growth: round(last / first - 1, 4),
  };
}

function theilSen(values: number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++)
      slopes.push(((values[j] as number) - (values[i] as number)) / (j - i));
  return slopes.length === 0 ? 0 : median(slopes);
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
