import { afterAll, beforeAll } from 'vitest';
import type { Simulator } from './start-simulator';
import { deferredSimulator } from './testing/deferred-simulator';
import {
  startTestSimulator,
  type TestSimulator,
  type TestSimulatorOptions,
} from './testing/start-test-simulator';

export type { TestSimulatorOptions } from './testing/start-test-simulator';

/**
 * Starts a simulator before the file's tests (`beforeAll`) and stops it after them
 * (`afterAll`), with `APIFREE_BASE_URL` pointing at it meanwhile. With `recordings`,
 * answers come from that folder (`APIFREE_RECORD=missing` records what is missing).
 *
 * @example
 * import { APIFree, outputText } from '@apifree/core';
 * import { useSimulator } from '@apifree/simulator/vitest';
 * import { expect, it } from 'vitest';
 *
 * const simulator = useSimulator();
 *
 * it('answers', async () => {
 *   const response = await new APIFree().responses.create({ model: 'gpt-4.1-mini', input: 'Say "hi"' });
 *   expect(outputText(response)).toBe('hi');
 *   expect(simulator.requests).toHaveLength(1);
 * });
 */
export function useSimulator(options: TestSimulatorOptions = {}): Simulator {
  let running: TestSimulator | undefined;
  beforeAll(async () => {
    running = await startTestSimulator(options);
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  return deferredSimulator(() => running?.simulator, 'beforeAll');
}
