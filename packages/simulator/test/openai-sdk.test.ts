import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { KEY, weatherTool } from './helpers';

let sim: Simulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator({ pace: false, apiKeys: [KEY] });
  client = new OpenAI({ apiKey: KEY, baseURL: sim.baseURL, maxRetries: 0 });
});
afterAll(() => sim.close());

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, population: { type: 'integer' } },
  required: ['city', 'population'],
  additionalProperties: false,
};

type Body = OpenAI.Responses.ResponseCreateParamsNonStreaming;

// `output_text` is an SDK convenience; raw stream events carry only `output`.
function textOf(response: OpenAI.Responses.Response): string {
  return response.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
}

const cases: Array<[string, Body, (response: OpenAI.Responses.Response) => void]> = [
  [
    'text',
    { model: 'gpt-4.1-mini', input: 'Explain what an API gateway does' },
    (response) => expect(textOf(response)).toMatch(/gateway/i),
  ],
  [
    'a single tool call',
    { model: 'gpt-4o', input: 'Weather in Madrid?', tools: [weatherTool] },
    (response) => {
      const calls = response.output.filter((item) => item.type === 'function_call');
      expect(calls).toHaveLength(1);
      expect(JSON.parse(calls[0]!.arguments)).toEqual({ city: 'Madrid', unit: 'celsius' });
    },
  ],
  [
    'parallel tool calls',
    { model: 'gpt-4.1', input: 'Weather in Rome and Oslo?', tools: [weatherTool] },
    (response) =>
      expect(response.output.filter((item) => item.type === 'function_call')).toHaveLength(2),
  ],
  [
    'a tool round trip',
    {
      model: 'gpt-4.1',
      tools: [weatherTool],
      input: [
        { type: 'message', role: 'user', content: 'Weather in Rome?' },
        {
          type: 'function_call',
          call_id: 'call_a',
          name: 'get_weather',
          arguments: '{"city":"Rome","unit":"celsius"}',
        },
        { type: 'function_call_output', call_id: 'call_a', output: '{"temperature":25}' },
      ],
    },
    (response) => expect(textOf(response)).toContain('temperature 25'),
  ],
  [
    'structured output',
    {
      model: 'gpt-4o-mini',
      input: 'Give me the population of Lisbon, about 545000',
      text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
    },
    (response) =>
      expect(JSON.parse(textOf(response))).toEqual({ city: 'Lisbon', population: 545000 }),
  ],
  [
    'reasoning',
    {
      model: 'gpt-5-mini',
      input: 'Plan a picnic',
      reasoning: { effort: 'medium', summary: 'detailed' },
    },
    (response) => {
      expect(response.output[0]?.type).toBe('reasoning');
      expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    },
  ],
  [
    'max output tokens',
    { model: 'gpt-4o', input: 'Write 500 words about mountains', max_output_tokens: 32 },
    (response) => {
      expect(response.status).toBe('incomplete');
      expect(response.incomplete_details?.reason).toBe('max_output_tokens');
      expect(response.usage?.output_tokens).toBe(32);
    },
  ],
];

describe('the official openai SDK against the simulator', () => {
  for (const [name, body, check] of cases) {
    it(`responses.create: ${name}`, async () => {
      check(await client.responses.create(body));
    });

    it(`responses.create stream: ${name}`, async () => {
      const stream = await client.responses.create({ ...body, stream: true });
      let final: OpenAI.Responses.Response | undefined;
      let expected = 0;
      for await (const event of stream) {
        expect(event.sequence_number).toBe(expected++);
        if (event.type === 'response.completed' || event.type === 'response.incomplete')
          final = event.response;
      }
      expect(final).toBeDefined();
      check(final!);
    });

    it(`responses.stream helper: ${name}`, async () => {
      const stream = client.responses.stream({ ...body, stream: true });
      const seen: string[] = [];
      stream.on('event', (event) => seen.push(event.type));
      const final = await stream.finalResponse();
      expect(seen[0]).toBe('response.created');
      check(final);
    });
  }

  it('surfaces the error table as typed SDK errors', async () => {
    await expect(client.responses.create({ model: 'gpt-0', input: 'Hi' })).rejects.toMatchObject({
      status: 400,
      code: 'model_not_found',
      param: 'model',
    });
    const badKey = new OpenAI({ apiKey: 'sk-nope-nope-nope', baseURL: sim.baseURL, maxRetries: 0 });
    await expect(badKey.responses.create({ model: 'gpt-4o', input: 'Hi' })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
  });

  it('retries a 429 and then succeeds (failNext)', async () => {
    sim.failNext({ name: 'rate_limit', retryAfterMs: 10 }, 1);
    const retrying = new OpenAI({ apiKey: KEY, baseURL: sim.baseURL, maxRetries: 2 });
    const response = await retrying.responses.create({ model: 'gpt-4o', input: 'Say ok' });
    expect(response.output_text).toBe('ok');
  });
});
