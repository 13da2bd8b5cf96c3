import { type Simulator, startSimulator } from '@apifree/simulator';
import { afterAll, beforeAll } from 'vitest';
import { ChatAPIFree, type ChatAPIFreeInput } from '../../src';

export const TEST_KEY = 'sk-apifree-test-0123456789abcdef';

/** Starts a simulator on a free loopback port for the file's tests and closes it after. */
export function useSimulator(): {
  simulator: Simulator;
  model: (fields?: Partial<ChatAPIFreeInput>) => ChatAPIFree;
} {
  const context = {} as {
    simulator: Simulator;
    model: (fields?: Partial<ChatAPIFreeInput>) => ChatAPIFree;
  };
  beforeAll(async () => {
    context.simulator = await startSimulator({ port: 0, pace: false });
  });
  afterAll(async () => {
    await context.simulator.close();
  });
  context.model = (fields = {}) =>
    new ChatAPIFree({
      model: 'gpt-4.1-mini',
      apiKey: TEST_KEY,
      baseURL: context.simulator.baseURL,
      ...fields,
    });
  return context;
}

/** The JSON body of the last request the simulator received. */
export function lastBody(simulator: Simulator): Record<string, unknown> {
  return simulator.requests.at(-1)?.body as Record<string, unknown>;
}
