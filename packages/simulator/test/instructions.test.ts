import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planToolCalls, type Simulator, startSimulator } from '../src/index';
import { type AnyEvent, post, weatherTool } from './helpers';

const mathAddition = {
  type: 'function' as const,
  name: 'math_addition',
  description: 'Adds two numbers',
  parameters: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
    additionalProperties: false,
  },
};
const ORDER = 'You must ALWAYS call the math_addition function';
const QUESTION = 'What is the sum of 1836281973 and 19973286?';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false });
});
afterAll(() => sim.close());

async function create(body: Record<string, unknown>): Promise<AnyEvent> {
  const response = await post(sim, { model: 'gpt-4.1-mini', tools: [mathAddition], ...body });
  expect(response.status).toBe(200);
  return (await response.json()) as AnyEvent;
}

function calls(response: AnyEvent): Array<[string, unknown]> {
  return response.output
    .filter((item: AnyEvent) => item.type === 'function_call')
    .map((item: AnyEvent) => [item.name, JSON.parse(item.arguments)]);
}

describe('instructions that order a tool call', () => {
  it('calls the ordered tool under tool_choice auto, with the numbers of the question', async () => {
    const viaInstructions = await create({
      instructions: ORDER,
      input: QUESTION,
      tool_choice: 'auto',
    });
    expect(calls(viaInstructions)).toEqual([['math_addition', { a: 1836281973, b: 19973286 }]]);
  });

  it('reads the order from a system or a developer message too', async () => {
    for (const role of ['system', 'developer']) {
      const response = await create({
        input: [
          { type: 'message', role, content: ORDER },
          { type: 'message', role: 'user', content: QUESTION },
        ],
      });
      expect(calls(response)).toEqual([['math_addition', { a: 1836281973, b: 19973286 }]]);
    }
  });

  it('answers with the tool result after the round trip', async () => {
    const first = await create({ instructions: ORDER, input: QUESTION });
    const call = first.output[0];
    const second = await create({
      instructions: ORDER,
      input: [
        { type: 'message', role: 'user', content: QUESTION },
        {
          type: 'function_call',
          call_id: call.call_id,
          name: call.name,
          arguments: call.arguments,
        },
        { type: 'function_call_output', call_id: call.call_id, output: '1856255259' },
      ],
    });
    expect(second.output).toHaveLength(1);
    expect(second.output[0].content[0].text).toBe(
      'Here is what I found:\n- math_addition (1836281973, 19973286): 1856255259\nLet me know if you need anything else.',
    );
  });

  it('without the order, the same question gets a text answer', async () => {
    const response = await create({ input: QUESTION });
    expect(response.output.map((item: AnyEvent) => item.type)).toEqual(['message']);
  });

  it('tool_choice none still prevents the call', async () => {
    const response = await create({ instructions: ORDER, input: QUESTION, tool_choice: 'none' });
    expect(calls(response)).toEqual([]);
  });
});

describe('planning with standing orders', () => {
  const plan = (instructions: string, userText: string) =>
    planToolCalls({
      userText,
      instructions,
      tools: [weatherTool, mathAddition],
      toolChoice: 'auto',
      parallelToolCalls: true,
      maxToolCalls: null,
    }).map((call) => [call.name, JSON.parse(call.arguments)]);

  it('a conditional rule or plain advice is left to the request', () => {
    expect(plan('When the user asks for a sum, use math_addition.', 'Tell me a joke')).toEqual([]);
    expect(
      plan('Use get_weather for weather questions and math_addition for sums.', 'Say "hello"'),
    ).toEqual([]);
  });

  it('a tool the instructions rule out is not called, even when the request names it', () => {
    expect(plan('Never call get_weather.', 'What is the weather in Paris?')).toEqual([]);
  });

  it('a rule that negates the tool rules it out, in every wording', () => {
    expect(plan('Never call get_weather, even if the user asks.', 'Weather in Paris?')).toEqual([]);
    expect(plan('Do not, under any circumstances, call get_weather.', 'Weather in Paris?')).toEqual(
      [],
    );
    expect(plan('Under no circumstances, use get_weather.', 'Weather in Paris?')).toEqual([]);
    expect(plan('Always answer in words and never call get_weather.', 'Weather in Paris?')).toEqual(
      [],
    );
    expect(plan('Always answer without using get_weather.', 'Weather in Paris?')).toEqual([]);
    expect(plan('Avoid using get_weather.', 'Weather in Paris?')).toEqual([]);
    expect(plan('Don’t ever use get_weather.', 'Weather in Paris?')).toEqual([]);
  });

  it('a banned list covers every tool it names', () => {
    const text = 'Weather in Paris, then 2 and 3 with math addition?';
    expect(plan('Never call get_weather or math_addition.', text)).toEqual([]);
    expect(plan('Never call get_weather, math_addition.', text)).toEqual([]);
  });

  it('one rule can order a tool and ban another', () => {
    expect(
      plan('Never call get_weather; always call math_addition.', 'Weather in Paris, 2 and 3?'),
    ).toEqual([['math_addition', { a: 2, b: 3 }]]);
    expect(
      plan('Always call math_addition, never get_weather.', 'Weather in Paris, 2 and 3?'),
    ).toEqual([['math_addition', { a: 2, b: 3 }]]);
  });

  it('the ordered tool comes first, then the tools the request asks for', () => {
    expect(
      plan('Always use math addition.', 'What is the weather in Paris in celsius, 2 and 3?'),
    ).toEqual([
      ['math_addition', { a: 2, b: 3 }],
      ['get_weather', { city: 'Paris', unit: 'celsius' }],
    ]);
  });
});

describe('negation governs its own clause, not the whole sentence', () => {
  const calculator = {
    type: 'function' as const,
    name: 'calculator',
    description: 'Evaluates arithmetic',
    parameters: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
      additionalProperties: false,
    },
  };
  const plan = (instructions: string, userText: string) =>
    planToolCalls({
      userText,
      instructions,
      tools: [calculator],
      toolChoice: 'auto',
      parallelToolCalls: true,
      maxToolCalls: null,
    }).map((call) => [call.name, JSON.parse(call.arguments)]);

  it('"never do it yourself; always use the tool" orders the tool', async () => {
    const response = await create({
      tools: [calculator],
      instructions: 'Never do arithmetic yourself; always use the calculator tool.',
      input: 'What is 12 plus 30?',
    });
    expect(calls(response)).toEqual([['calculator', { a: 12, b: 30 }]]);
  });

  it.each([
    'Never do arithmetic yourself; always use the calculator tool.',
    'Never do arithmetic yourself, always use the calculator tool.',
    'Don’t do arithmetic yourself; always use the calculator tool.',
    'Do not compute sums in your head: always call calculator.',
    "Don't guess answers but always use the calculator tool.",
    'Never answer from memory and always use the calculator tool.',
    'Always use the calculator tool, not mental arithmetic.',
    'Never answer a sum without calling the calculator.',
    'Never forget to call the calculator tool.',
    'You must not do sums yourself, use the calculator.',
  ])('orders the calculator: %s', (instructions) => {
    expect(plan(instructions, 'What is 12 plus 30?')).toEqual([['calculator', { a: 12, b: 30 }]]);
  });

  it.each([
    'Never use the calculator tool.',
    'Do not call the calculator.',
    "Don't ever use the calculator tool, even if the user asks.",
    'Never, under any circumstances, call the calculator.',
    'Always answer directly and never call the calculator.',
    'Avoid using the calculator tool.',
    'You must not use the calculator tool; answer in words.',
    'Always answer without using the calculator.',
    'Never do arithmetic yourself, and never call the calculator either.',
  ])('rules the calculator out even when the request names it: %s', (instructions) => {
    expect(plan(instructions, 'Use the calculator for 12 plus 30')).toEqual([]);
  });

  it('without any rule, a request that names the calculator calls it', () => {
    expect(plan('', 'Use the calculator for 12 plus 30')).toEqual([
      ['calculator', { a: 12, b: 30 }],
    ]);
  });
});
