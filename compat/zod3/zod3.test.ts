// The provider with zod 3.25 (the oldest zod its peer range allows) under ai@5, ai@6
// and ai@7: tools and structured output from zod 3 schemas, `providerOptions.apifree`
// checked by the provider's schema, and one copy of zod in the whole install.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAPIFree as createAPIFreeV7 } from '@apifree/ai-sdk-provider';
import { createAPIFree as createAPIFreeV5 } from '@apifree/ai-sdk-provider/ai-v5';
import { createAPIFree as createAPIFreeV6 } from '@apifree/ai-sdk-provider/ai-v6';
import type { Simulator } from '@apifree/simulator';
import * as ai5 from 'ai5';
import * as ai6 from 'ai6';
import * as ai7 from 'ai7';
import { z } from 'zod';
import { COMPAT_KEY, startCompatSimulator } from '../shared-simulator.ts';
import { zodCopies } from '../shared-zod-copies.ts';

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());

describe('zod 3', () => {
  it('one copy of zod 3.25 serves the provider, provider-utils and every ai major', () => {
    const { project, version, seen } = zodCopies(import.meta.url);
    assert.equal(version, '3.25.76');
    assert.deepEqual(seen, [project, project, project, project]);
  });

  const majors = [
    {
      name: 'ai@5',
      sdk: ai5 as unknown as typeof ai7,
      create: createAPIFreeV5 as unknown as typeof createAPIFreeV7,
    },
    {
      name: 'ai@6',
      sdk: ai6 as unknown as typeof ai7,
      create: createAPIFreeV6 as unknown as typeof createAPIFreeV7,
    },
    { name: 'ai@7', sdk: ai7, create: createAPIFreeV7 },
  ];
  for (const { name, sdk, create } of majors) {
    const model = () => create({ apiKey: COMPAT_KEY, baseURL: simulator.baseURL })('gpt-4.1-mini');

    it(`${name}: a tool with a zod 3 schema`, async () => {
      const result = await sdk.generateText({
        model: model(),
        prompt: 'What is the weather in Paris?',
        tools: {
          get_weather: sdk.tool({
            description: 'Get the weather for a city',
            inputSchema: z.object({ city: z.string() }),
            execute: async ({ city }) => ({ city, celsius: 18 }),
          }),
        },
        stopWhen: sdk.stepCountIs(3),
      });
      assert.deepEqual(result.steps[0]?.toolCalls[0]?.input, { city: 'Paris' });
      assert.equal(
        result.text,
        'Here is what I found:\n- get_weather (Paris): city Paris, celsius 18\nLet me know if you need anything else.',
      );
    });

    it(`${name}: structured output from a zod 3 schema`, async () => {
      const schema = z.object({ name: z.string(), age: z.number() });
      const prompt = 'Invent a person named Ada who is 36';
      const output =
        name === 'ai@5'
          ? (
              await ai5.generateText({
                model: model() as unknown as ai5.LanguageModel,
                prompt,
                experimental_output: ai5.Output.object({ schema }),
              })
            ).experimental_output
          : (
              await sdk.generateText({
                model: model(),
                prompt,
                output: sdk.Output.object({ schema }),
              })
            ).output;
      assert.deepEqual(output, { name: 'Ada', age: 36 });
    });

    it(`${name}: a misspelt providerOptions.apifree key is rejected`, async () => {
      await assert.rejects(
        sdk.generateText({
          model: model(),
          prompt: 'Hi',
          providerOptions: { apifree: { reasoningEfort: 'low' } },
        }),
        (error: Error) => {
          assert.match(error.message, /^Invalid providerOptions\.apifree: .*reasoningEfort/s);
          return true;
        },
      );
    });
  }
});
