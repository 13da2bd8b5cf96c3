// The provider's three entry points under the real ai@5, ai@6 and ai@7, installed side
// by side, against the simulator. The simulator is deterministic, so every expected
// value below follows from the prompt (its README says what it answers).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Simulator } from '@apifree/simulator';
import * as ai5 from 'ai5';
import { z } from 'zod';
import { COMPAT_KEY, requestBodies, startCompatSimulator } from '../shared-simulator.ts';
import { zodCopies } from '../shared-zod-copies.ts';
import { MAJORS } from './majors.ts';

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

/** Part types in order, a run of equal types counted once. */
function collapse(types: string[]): string[] {
  return types.filter((type, index) => type !== types[index - 1]);
}

const weatherInput = z.object({ city: z.string() });
const person = z.object({ name: z.string(), age: z.number(), hobbies: z.array(z.string()) });

it('one copy of zod 4 serves the provider, provider-utils and every ai major', () => {
  const { project, version, seen } = zodCopies(import.meta.url);
  assert.equal(version, '4.6.7');
  assert.deepEqual(seen, [project, project, project, project]);
});

for (const major of MAJORS) {
  const { sdk } = major;
  const model = (modelId: string) =>
    major.createProvider({ apiKey: COMPAT_KEY, baseURL: simulator.baseURL })(modelId);

  describe(major.name, () => {
    it("TypeScript: the model is accepted by the major's types", async () => {
      const tsc = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsc');
      const file = join(import.meta.dirname, 'types', `${major.name.replace('@', '')}.ts`);
      const flags = ['--ignoreConfig', '--noEmit', '--strict', '--skipLibCheck'];
      const module = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];
      // tsc exits non-zero with the errors on stdout; a clean compile prints nothing.
      const { stdout } = await promisify(execFile)(tsc, [...flags, ...module, file]).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
      );
      assert.equal(stdout, '');
    });

    it('generateText', async () => {
      const result = await sdk.generateText({
        model: model('gpt-4.1-mini'),
        prompt: 'Say "hello from the simulator"',
      });
      assert.equal(result.text, 'hello from the simulator');
      assert.equal(result.finishReason, 'stop');
      assert.deepEqual(
        [result.usage.inputTokens, result.usage.outputTokens, result.usage.totalTokens],
        [10, 4, 14],
      );
      assert.deepEqual(result.warnings, []);
      assert.deepEqual(requestBodies(simulator), [
        {
          model: 'gpt-4.1-mini',
          input: [
            {
              type: 'message',
              role: 'user',
              content: [{ type: 'input_text', text: 'Say "hello from the simulator"' }],
            },
          ],
        },
      ]);
    });

    it('streamText (full stream parts)', async () => {
      const result = sdk.streamText({
        model: model('gpt-4.1-mini'),
        prompt: 'Say "streaming works"',
      });
      const types: string[] = [];
      const deltas: string[] = [];
      let finishReason: string | undefined;
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'text-delta') deltas.push(part.text);
        if (part.type === 'finish') finishReason = part.finishReason;
      }
      assert.deepEqual(types, [
        'start',
        'start-step',
        'text-start',
        'text-delta',
        'text-delta',
        'text-end',
        'finish-step',
        'finish',
      ]);
      assert.deepEqual(deltas, ['streaming', ' works']);
      assert.equal(finishReason, 'stop');
      const usage = await result.totalUsage;
      // Two output tokens: the simulator streams one token per delta.
      assert.deepEqual([usage.inputTokens, usage.outputTokens, usage.totalTokens], [8, 2, 10]);
    });

    it('multi-step tool loop', async () => {
      const result = await sdk.generateText({
        model: model('gpt-4.1-mini'),
        prompt: 'What is the weather in Paris?',
        tools: {
          get_weather: sdk.tool({
            description: 'Get the weather for a city',
            inputSchema: weatherInput,
            execute: async ({ city }) => ({ city, celsius: 18 }),
          }),
        },
        stopWhen: sdk.stepCountIs(3),
      });
      assert.deepEqual(
        result.steps.map((step) => step.finishReason),
        ['tool-calls', 'stop'],
      );
      const [call] = result.steps[0]?.toolCalls ?? [];
      assert.equal(call?.toolName, 'get_weather');
      assert.deepEqual(call?.input, { city: 'Paris' });
      assert.equal(
        result.text,
        'Here is what I found:\n- get_weather (Paris): city Paris, celsius 18\nLet me know if you need anything else.',
      );
      const second = requestBodies(simulator)[1]?.input as Array<Record<string, unknown>>;
      assert.deepEqual(second.slice(1), [
        {
          type: 'function_call',
          call_id: call?.toolCallId,
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
          id: (second[1] as { id: string }).id,
        },
        {
          type: 'function_call_output',
          call_id: call?.toolCallId,
          output: '{"city":"Paris","celsius":18}',
        },
      ]);
    });

    it('structured output', async () => {
      // The simulator fills a list with the things the prompt names for it.
      const prompt = 'Ada is 36; her hobbies are chess and rowing';
      const output =
        major.name === 'ai@5'
          ? (
              await ai5.generateText({
                model: model('gpt-4.1-mini') as unknown as ai5.LanguageModel,
                prompt,
                experimental_output: ai5.Output.object({ schema: person }),
              })
            ).experimental_output
          : (
              await sdk.generateText({
                model: model('gpt-4.1-mini'),
                prompt,
                output: sdk.Output.object({ schema: person }),
              })
            ).output;
      assert.deepEqual(output, {
        name: 'Ada',
        age: 36,
        hobbies: ['chess', 'rowing'],
      });
      const text = requestBodies(simulator)[0]?.text as { format?: Record<string, unknown> };
      assert.deepEqual(
        [text.format?.type, text.format?.name, text.format?.strict],
        ['json_schema', 'response', true],
      );
    });

    it('reasoning', async () => {
      const result = await sdk.generateText({
        model: model('gpt-5-mini'),
        prompt: 'Why is the sky blue?',
        providerOptions: { apifree: { reasoningSummary: 'auto', reasoningEffort: 'low' } },
      });
      assert.equal(
        result.reasoningText,
        '**Understanding the request**\n\nThe user asks: "Why is the sky blue?". I will answer directly with a short, clear explanation.',
      );
      const usage = result.usage as {
        reasoningTokens?: number;
        outputTokenDetails?: { reasoningTokens?: number };
      };
      const reasoningTokens =
        major.name === 'ai@5' ? usage.reasoningTokens : usage.outputTokenDetails?.reasoningTokens;
      assert.deepEqual([result.usage.outputTokens, reasoningTokens], [146, 92]);
      assert.deepEqual(requestBodies(simulator)[0]?.reasoning, { effort: 'low', summary: 'auto' });
    });

    it('retried 429', async () => {
      simulator.failNext({ name: 'rate_limit', retryAfterMs: 10 });
      const result = await sdk.generateText({
        model: model('gpt-4.1-mini'),
        prompt: 'Say "retried"',
      });
      assert.equal(result.text, 'retried');
      assert.equal(requestBodies(simulator).length, 2);
    });

    it('mid-stream error', async () => {
      const result = sdk.streamText({
        model: model('gpt-4.1-mini'),
        prompt: 'Tell me about rivers',
        headers: { 'x-simulator-fault': 'error_event;after=6' },
        onError: () => {},
      });
      const types: string[] = [];
      let error: unknown;
      let finishReason: string | undefined;
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'error') error = part.error;
        if (part.type === 'finish') finishReason = part.finishReason;
      }
      assert.deepEqual(collapse(types), [
        'start',
        'start-step',
        'text-start',
        'text-delta',
        'text-end',
        'error',
        'finish-step',
        'finish',
      ]);
      assert.equal(sdk.APICallError.isInstance(error), true);
      assert.equal(
        (error as Error).message,
        'APIFree reported an error during the stream (server_error): The server had an error while processing your request. Sorry about that!',
      );
      assert.equal(finishReason, 'error');
    });

    it('abort', async () => {
      const controller = new AbortController();
      const result = sdk.streamText({
        model: model('gpt-4.1-mini'),
        prompt: 'Write 300 words about rivers',
        abortSignal: controller.signal,
        onError: () => {},
      });
      const types: string[] = [];
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'text-delta') controller.abort();
      }
      assert.deepEqual(collapse(types), [
        'start',
        'start-step',
        'text-start',
        'text-delta',
        'abort',
      ]);
    });
  });
}
