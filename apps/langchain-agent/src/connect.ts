import { type Simulator, startSimulator } from '@apifree/simulator';

/** Where the examples send their requests, and how to let go of it afterwards. */
export interface ModelService {
  apiKey: string | undefined;
  baseURL: string | undefined;
  /** Printed first, so nobody mistakes the simulator's answers for a real model's. */
  description: string;
  close(): Promise<void>;
}

/**
 * APIFree when `APIFREE_API_KEY` is set (and `APIFREE_BASE_URL`, if given); otherwise a
 * local simulator started for this run, so the example works offline and without a key.
 */
export async function connectModelService(): Promise<ModelService> {
  if (process.env.APIFREE_API_KEY) {
    const baseURL = process.env.APIFREE_BASE_URL;
    return {
      apiKey: undefined,
      baseURL: undefined,
      description: `Using APIFree (${baseURL ?? 'https://api.apifree.ai/v1'}).`,
      close: async () => undefined,
    };
  }
  const simulator: Simulator = await startSimulator({ port: 0 });
  return {
    apiKey: 'sk-local-simulator',
    baseURL: simulator.baseURL,
    description: 'Using a local APIFree simulator. Set APIFREE_API_KEY to use APIFree.',
    close: () => simulator.close(),
  };
}
