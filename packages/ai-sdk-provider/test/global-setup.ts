import { startSimulator } from '@apifree/simulator';
import type { TestProject } from 'vitest/node';
import { FIXTURES_DIR } from './support/recordings';

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorBaseURL: string;
  }
}

/**
 * Starts, in Node, one simulator that every project can reach (the edge-runtime
 * project cannot start servers itself). Tests choose recordings and faults per request
 * with the `x-simulator-replay` and `x-simulator-fault` headers.
 */
export default async function setup(project: TestProject) {
  const simulator = await startSimulator({ port: 0, pace: false, replay: { dir: FIXTURES_DIR } });
  project.provide('simulatorBaseURL', simulator.baseURL);
  return () => simulator.close();
}
