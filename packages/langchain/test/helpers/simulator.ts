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

/** The simulator's own answer to a body: the text, reasoning and usage a client must report. */
export interface ServerAnswer {
  text: string;
  reasoning: string;
  usage: { input_tokens: number; output_tokens: number; total_tokens: number };
}

/**
 * Sends `body` to the simulator without any package under test and reads its answer: the
 * model is deterministic, so this is what a client sending the same body must report. The
 * request is taken off `simulator.requests`, so it does not show among the client's.
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
  const { input_tokens, output_tokens, total_tokens } = answer.usage;
  return {
    text: parts('message', 'content'),
    reasoning: parts('reasoning', 'summary'),
    usage: { input_tokens, output_tokens, total_tokens },
  };
}
