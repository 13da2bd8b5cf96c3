import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Where pacing reads the time and waits. The default is the real clock; a test of paced
 * streams passes a virtual one, so it observes the schedule without waiting for it.
 *
 * @example
 * const waits: number[] = [];
 * let now = 0;
 * const clock: SimulatorClock = {
 *   now: () => now,
 *   sleep: async (ms) => { waits.push(ms); now += ms; },
 * };
 * await startSimulator({ clock, pace: { tokensPerSecond: 50, firstTokenLatencyMs: 200 } });
 */
export interface SimulatorClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and timers. */
export const realClock: SimulatorClock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    try {
      await sleep(ms, undefined, { signal });
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  },
};
