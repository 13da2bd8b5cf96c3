import type { Simulator } from '@apifree/simulator';
import { generateObject, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { providerFor, requestBodies, serverAnswer, startTestSimulator } from './support/simulator';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

describe('generateText and streamText with the simulator', () => {
  it('generateText returns text, usage, finish reason and response metadata', async () => {
    const apifree = providerFor(simulator);
    const result = await generateText({
      model: apifree('gpt-4.1-mini'),
      system: 'You are terse.',
      prompt: 'Say hello',
      maxOutputTokens: 200,
      temperature: 0.2,
    });
    expect(result.text).toBe('hello');
    expect(result.finishReason).toBe('stop');
    const answer = await serverAnswer(simulator, requestBodies(simulator)[0]);
    expect(result.usage.inputTokens).toBe(answer.usage.input_tokens);
    expect(result.usage.outputTokens).toBe(answer.usage.output_tokens);
    expect(result.response.id).toMatch(/^resp_/);
    expect(result.response.modelId).toContain('gpt-4.1-mini');
    expect(result.providerMetadata?.apifree?.responseId).toBe(result.response.id);
    expect(requestBodies(simulator)).toEqual([
      {
        model: 'gpt-4.1-mini',
        instructions: 'You are terse.',
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] },
        ],
        max_output_tokens: 200,
        temperature: 0.2,
      },
    ]);
  });

  it('streamText delivers the parts in order through fullStream', async () => {
    const apifree = providerFor(simulator);
    const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Tell me about caching' });
    const types: string[] = [];
    let text = '';
    for await (const part of result.fullStream) {
      if (types.at(-1) !== part.type) types.push(part.type);
      if (part.type === 'text-delta') text += part.text;
    }
    expect(types).toEqual([
      'start',
      'start-step',
      'text-start',
      'text-delta',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(requestBodies(simulator)[0]).toMatchObject({ stream: true, model: 'gpt-4.1-mini' });
    const answer = await serverAnswer(simulator, requestBodies(simulator)[0]);
    expect(text).toBe(answer.text);
    expect(await result.text).toBe(answer.text);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(answer.usage.output_tokens);
  });

  it('runs a multi-step tool loop until the model answers (stopWhen)', async () => {
    const apifree = providerFor(simulator);
    const cities: string[] = [];
    const result = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Get the current weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            cities.push(city);
            return { city, temperatureC: 21, sky: 'clear' };
          },
        }),
      },
      stopWhen: stepCountIs(5),
    });
    expect(result.steps.length).toBe(2);
    expect(result.steps[0]?.finishReason).toBe('tool-calls');
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(cities).toEqual(['Paris']);
    expect(result.finishReason).toBe('stop');
    const [first, second] = requestBodies(simulator);
    expect(result.text).toBe((await serverAnswer(simulator, second)).text);
    expect(first?.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Get the current weather for a city',
        parameters: expect.objectContaining({ type: 'object', required: ['city'] }),
      },
    ]);
    const callId = result.steps[0]?.toolCalls[0]?.toolCallId;
    expect(second?.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'What is the weather in Paris?' }],
      },
      expect.objectContaining({
        type: 'function_call',
        call_id: callId,
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      }),
      {
        type: 'function_call_output',
        call_id: callId,
        output: JSON.stringify({ city: 'Paris', temperatureC: 21, sky: 'clear' }),
      },
    ]);
  });

  it('streams a tool loop with tool-input parts', async () => {
    const apifree = providerFor(simulator);
    const result = streamText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'What is the weather in Rome?',
      tools: {
        get_weather: tool({
          description: 'Get the current weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `Sunny in ${city}`,
        }),
      },
      stopWhen: stepCountIs(3),
    });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);
    for (const type of [
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-result',
    ]) {
      expect(types).toContain(type);
    }
    expect((await result.steps).map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
  });

  it('produces structured output with Output.object and generateObject (strict json_schema)', async () => {
    const apifree = providerFor(simulator);
    const schema = z.object({ name: z.string(), age: z.number(), tags: z.array(z.string()) });
    const { output } = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Invent a person',
      output: Output.object({ schema }),
    });
    expect(schema.parse(output)).toEqual(output);
    const { object } = await generateObject({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Invent a person',
      schema,
    });
    expect(schema.parse(object)).toEqual(object);
    for (const body of requestBodies(simulator)) {
      expect(body.text).toEqual({
        format: expect.objectContaining({
          type: 'json_schema',
          strict: true,
          schema: expect.objectContaining({ type: 'object' }),
        }),
      });
    }
  });

  it('sends image input as an input_image data URL', async () => {
    const apifree = providerFor(simulator);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const result = await generateText({
      model: apifree('gpt-4o-mini'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this image' },
            { type: 'image', image: png, mediaType: 'image/png' },
            { type: 'image', image: new URL('https://example.com/cat.jpg') },
          ],
        },
      ],
    });
    expect(result.text).toBe((await serverAnswer(simulator, requestBodies(simulator)[0])).text);
    expect(requestBodies(simulator)[0]?.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Describe this image' },
          {
            type: 'input_image',
            image_url: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
          },
          { type: 'input_image', image_url: 'https://example.com/cat.jpg' },
        ],
      },
    ]);
  });

  it('streams reasoning from a reasoning model and never sends temperature to it', async () => {
    const apifree = providerFor(simulator);
    const result = streamText({
      model: apifree('gpt-5-mini'),
      prompt: 'Why is the sky blue?',
      temperature: 0.7,
      providerOptions: { apifree: { reasoningSummary: 'auto', reasoningEffort: 'low' } },
    });
    let reasoning = '';
    for await (const part of result.fullStream)
      if (part.type === 'reasoning-delta') reasoning += part.text;
    const answer = await serverAnswer(simulator, requestBodies(simulator)[0]);
    expect(reasoning).toBe(answer.reasoning);
    expect(await result.text).toBe(answer.text);
    expect((await result.usage).outputTokenDetails.reasoningTokens).toBe(
      answer.usage.output_tokens_details.reasoning_tokens,
    );
    expect(await result.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported', feature: 'temperature' }),
    );
    const [body] = requestBodies(simulator);
    expect(body).not.toHaveProperty('temperature');
    expect(body?.reasoning).toEqual({ effort: 'low', summary: 'auto' });
    const reasoningParts = (await result.reasoning).filter((part) => part.type === 'reasoning');
    expect(reasoningParts[0]?.providerMetadata?.apifree?.itemId).toMatch(/^rs_/);
  });

  it('replays reasoning items by id in the next step of a reasoning model tool loop', async () => {
    const apifree = providerFor(simulator);
    const result = await generateText({
      model: apifree('gpt-5-mini'),
      prompt: 'What is the weather in Oslo?',
      providerOptions: { apifree: { reasoningSummary: 'auto' } },
      tools: {
        get_weather: tool({
          description: 'Get the current weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `Snow in ${city}`,
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    const reasoningIds = result.steps[0]?.content
      .filter((part) => part.type === 'reasoning')
      .map((part) => part.providerMetadata?.apifree?.itemId);
    expect(reasoningIds?.[0]).toMatch(/^rs_/);
    const second = requestBodies(simulator)[1]?.input as Array<{ type: string; id?: string }>;
    expect(second.map((item) => item.type)).toEqual([
      'message',
      'reasoning',
      'function_call',
      'function_call_output',
    ]);
    expect(second[1]?.id).toBe(reasoningIds?.[0]);
  });
});
