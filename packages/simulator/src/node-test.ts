import { after, before } from 'node:test';
import type { Simulator } from './start-simulator';
import { deferredSimulator } from './testing/deferred-simulator';
import {
  startTestSimulator,
  type TestSimulator,
  type TestSimulatorOptions,
} from './testing/start-test-simulator';

export type { TestSimulatorOptions } from './testing/start-test-simulator';

/**
 * Starts a simulator before the file's tests (node:test `before`) and stops it after
 * them (`after`), with `APIFREE_BASE_URL` pointing at it meanwhile. With `recordings`,
 * answers come from that folder (`APIFREE_RECORD=missing` records what is missing).
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { it } from 'node:test';
 * import { APIFree, outputText } from '@apifree/core';
 * import { useSimulator } from '@apifree/simulator/node-test';
 *
 * const simulator = useSimulator();
 *
 * it('answers', async () => {
 *   const response = await new APIFree().responses.create({ model: 'gpt-4.1-mini', input: 'Say "hi"' });
 *   assert.equal(outputText(response), 'hi');
 *   assert.equal(simulator.requests.length, 1);
 * });
 */
export function useSimulator(options: TestSimulatorOptions = {}): Simulator {
  let running: TestSimulator | undefined;
  before(async () => {
    running = await startTestSimulator(options);
  });
  after(async () => {
    await running?.stop();
    running = undefined;
  });
  return deferredSimulator(() => running?.simulator, 'before');
}
