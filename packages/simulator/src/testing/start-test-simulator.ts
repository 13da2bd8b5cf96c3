import { fileURLToPath } from 'node:url';
import {
  DEFAULT_UPSTREAM,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../start-simulator';

/** Options of {@link startTestSimulator}: the simulator's, plus a folder of recordings. */
export interface TestSimulatorOptions extends SimulatorOptions {
  /**
   * A folder of recordings (a path, or a `file:` URL such as `new URL('./recordings',
   * import.meta.url)`). Requests are answered from it; with `APIFREE_RECORD=missing` in
   * the environment the requests it has no recording for are recorded from APIFree (or
   * the `APIFREE_BASE_URL` set before the simulator started) with the real
   * `APIFREE_API_KEY`; with `APIFREE_RECORD=all` every request is recorded again.
   */
  recordings?: string | URL;
}

/** A simulator started for tests, and how to stop it and restore the environment. */
export interface TestSimulator {
  simulator: Simulator;
  /** Closes the simulator and puts `APIFREE_BASE_URL` and `APIFREE_API_KEY` back as they were. */
  stop(): Promise<void>;
}

/** The key set while a simulator answers without a real service behind it. */
export const PLACEHOLDER_API_KEY = 'sk-simulator-placeholder-key';

function recordMode(): 'all' | 'missing' | undefined {
  const value = process.env.APIFREE_RECORD;
  if (value === undefined || value === '') return undefined;
  if (value === 'all' || value === 'missing') return value;
  throw new TypeError(
    `APIFREE_RECORD must be 'missing' (record what has no recording) or 'all' (record everything again), got '${value}'.`,
  );
}

function restoreVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/**
 * Starts a simulator for a test file and points `APIFREE_BASE_URL` at it (and sets a
 * placeholder `APIFREE_API_KEY` when none is set), so clients built with their defaults
 * talk to it. With `recordings`, requests are answered from that folder, or recorded
 * into it when `APIFREE_RECORD` is set. Unpaced unless `pace` says otherwise. For
 * vitest and node:test, `useSimulator()` from `@apifree/simulator/vitest` and
 * `@apifree/simulator/node-test` do this in the file's hooks.
 *
 * @example
 * import { startTestSimulator } from '@apifree/simulator';
 *
 * const { simulator, stop } = await startTestSimulator();
 * console.log(process.env.APIFREE_BASE_URL === simulator.baseURL); // prints: true
 * await stop();
 */
export async function startTestSimulator(
  options: TestSimulatorOptions = {},
): Promise<TestSimulator> {
  const { recordings, ...simulatorOptions } = options;
  const before = {
    baseURL: process.env.APIFREE_BASE_URL,
    apiKey: process.env.APIFREE_API_KEY,
  };
  const settings: SimulatorOptions = { pace: false, ...simulatorOptions };
  if (recordings !== undefined) {
    const dir = recordings instanceof URL ? fileURLToPath(recordings) : recordings;
    const mode = recordMode();
    if (mode === undefined) {
      settings.replay = { ...settings.replay, dir };
    } else {
      if (before.apiKey === undefined || before.apiKey === '')
        throw new Error(
          `APIFREE_RECORD=${mode} records from the real service: set APIFREE_API_KEY to a real key.`,
        );
      settings.record = {
        ...settings.record,
        dir,
        mode,
        upstream: settings.record?.upstream ?? before.baseURL ?? DEFAULT_UPSTREAM,
      };
    }
  }
  const simulator = await startSimulator(settings);
  process.env.APIFREE_BASE_URL = simulator.baseURL;
  if (before.apiKey === undefined || before.apiKey === '')
    process.env.APIFREE_API_KEY = PLACEHOLDER_API_KEY;
  return {
    simulator,
    stop: async () => {
      try {
        await simulator.close();
      } finally {
        restoreVariable('APIFREE_BASE_URL', before.baseURL);
        restoreVariable('APIFREE_API_KEY', before.apiKey);
      }
    },
  };
}
