// The probe as a Cloudflare Worker entry, bundled per test with the checks it names
// (see runtimes.test.ts): GET / runs them against the simulator named by the bindings.
import { type Check, type CheckName, probe } from './probe.ts';

interface Env {
  SIMULATOR_BASE_URL: string;
  SIMULATOR_API_KEY: string;
}

/**
 * A Worker that runs `checks`.
 *
 * @example
 * export default worker({ core: checkCore });
 */
export function worker(checks: Partial<Record<CheckName, Check>>) {
  return {
    async fetch(_request: Request, env: Env): Promise<Response> {
      const result = await probe(checks, {
        baseURL: env.SIMULATOR_BASE_URL,
        apiKey: env.SIMULATOR_API_KEY,
      });
      return Response.json(result);
    },
  };
}
