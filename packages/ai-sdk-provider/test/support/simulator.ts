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

interface ServerAnswer {
  /** All output text, joined. */
  text: string;
  /** All reasoning summary text, joined. */
  reasoning: string;
  usage: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    output_tokens_details: { reasoning_tokens: number };
  };
}

/**
 * The simulator's own answer to `body`, fetched without any package under test: its
 * model is deterministic, so this is what a client sending the same body must report.
 * The request is taken off `simulator.requests`, so it does not show among the client's.
 */
export async function serverAnswer(
  simulator: Simulator,
  body: Record<string, unknown> | undefined,
): Promise<ServerAnswer> {
  const response = await fetch(`${simulator.baseURL}/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: false }),
  });
  simulator.requests.pop();
  const answer = (await response.json()) as {
    output: Array<{
      type: string;
      content?: Array<{ text?: string }>;
      summary?: Array<{ text: string }>;
    }>;
    usage: ServerAnswer['usage'];
  };
  const parts = (type: string, field: 'content' | 'summary') =>
    answer.output
      .filter((item) => item.type === type)
      .flatMap((item) => item[field] ?? [])
      .map((part) => part.text ?? '')
      .join('');
  return {
    text: parts('message', 'content'),
    reasoning: parts('reasoning', 'summary'),
    usage: answer.usage,
  };
}
