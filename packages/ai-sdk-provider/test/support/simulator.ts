import { type Simulator, type SimulatorOptions, startSimulator } from '@apifree/simulator';
import { createAPIFree } from '../../src/index';
import { FIXTURES_DIR } from './recordings';

export const TEST_KEY = 'sk-test-0123456789abcdef';

/** A simulator on a free loopback port that replays the repository's recordings on request. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    port: 0,
    pace: false,
    replay: { dir: FIXTURES_DIR },
    apiKeys: [TEST_KEY],
    ...options,
  });
}

/** The provider pointed at `simulator`. */
export function providerFor(
  simulator: { baseURL: string },
  settings: Parameters<typeof createAPIFree>[0] = {},
) {
  return createAPIFree({ apiKey: TEST_KEY, baseURL: simulator.baseURL, ...settings });
}

/** The JSON bodies the simulator received for `/v1/responses`, oldest first. */
export function requestBodies(simulator: Simulator): Array<Record<string, unknown>> {
  return simulator.requests
    .filter((request) => request.path.startsWith('/v1/responses'))
    .map((request) => request.body as Record<string, unknown>);
}
