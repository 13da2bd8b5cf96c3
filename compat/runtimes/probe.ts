// What every runtime runs: core streaming, streamText through the provider, and
// ChatAPIFree.stream(), each against the simulator the test started in Node. Each
// check lives in its own module so a bundle can leave out what a runtime cannot load.

/** Where the simulator listens and the key it accepts. */
export interface ProbeTarget {
  baseURL: string;
  apiKey: string;
}

/** The checks, by the name the compatibility table uses. */
export type CheckName = 'core' | 'streamText' | 'langchain';

/** Each check's streamed text, or `error: <message>` when it failed. */
export type ProbeResult = Partial<Record<CheckName, string>>;

/** One check: streams an answer and returns its text. */
export type Check = (target: ProbeTarget) => Promise<string>;

/** The prompts, each answered by the simulator with the quoted words. */
export const PROMPTS: Record<CheckName, string> = {
  core: 'Say "core streams here"',
  streamText: 'Say "the provider streams here"',
  langchain: 'Say "langchain streams here"',
};

/**
 * Runs `checks` one after another; a failing check is reported, not thrown, so the
 * others still run.
 *
 * @example
 * console.log(JSON.stringify(await probe({ core: coreCheck }, { baseURL, apiKey })));
 */
export async function probe(
  checks: Partial<Record<CheckName, Check>>,
  target: ProbeTarget,
): Promise<ProbeResult> {
  const result: ProbeResult = {};
  for (const [name, check] of Object.entries(checks) as Array<[CheckName, Check]>) {
    try {
      result[name] = await check(target);
    } catch (error) {
      result[name] =
        `error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
  }
  return result;
}
