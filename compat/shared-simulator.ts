import { type Simulator, startSimulator } from '@apifree/simulator';

/** The API key every compat test sends; the simulator accepts only this one. */
export const COMPAT_KEY = 'sk-compat-0123456789';

/** A simulator in this Node process on a free loopback port, unpaced. */
export function startCompatSimulator(): Promise<Simulator> {
  return startSimulator({ port: 0, pace: false, apiKeys: [COMPAT_KEY] });
}

/** The JSON bodies the simulator received for `/v1/responses`, oldest first. */
export function requestBodies(simulator: Simulator): Array<Record<string, unknown>> {
  return simulator.requests
    .filter((request) => request.path.startsWith('/v1/responses'))
    .map((request) => request.body as Record<string, unknown>);
}

/** The `output` of each `function_call_output` item in the `index`-th request's input. */
export function functionCallOutputs(simulator: Simulator, index: number): unknown[] {
  const input = (requestBodies(simulator)[index]?.input ?? []) as Array<Record<string, unknown>>;
  return input.filter((item) => item.type === 'function_call_output').map((item) => item.output);
}
