import {
  InvalidArgumentError,
  type JSONSchema7,
  type LanguageModelV4CallOptions,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { buildRequestBody } from '../src/build-request-body';

const prompt: LanguageModelV4CallOptions['prompt'] = [
  { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
];
const build = (modelId: string, options: Partial<LanguageModelV4CallOptions> = {}) =>
  buildRequestBody({ modelId, providerName: 'apifree', options: { prompt, ...options } });

const schema: JSONSchema7 = {
  type: 'object',
  properties: { name: { type: 'string' } },
  required: ['name'],
  additionalProperties: false,
};

describe('buildRequestBody', () => {
  it('sends the common settings under their Responses names', async () => {
    const { body, warnings } = await build('gpt-4.1-mini', {
      maxOutputTokens: 100,
      temperature: 0.3,
      topP: 0.9,
    });
    expect(body).toEqual({
      model: 'gpt-4.1-mini',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
      max_output_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
    });
    expect(warnings).toEqual([]);
  });

  it('warns about settings the Responses API lacks and does not send them', async () => {
    const { body, warnings } = await build('gpt-4.1-mini', {
      topK: 3,
      seed: 1,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      stopSequences: ['END'],
    });
    expect(
      warnings.map((warning) => (warning.type === 'unsupported' ? warning.feature : warning.type)),
    ).toEqual(['topK', 'seed', 'presencePenalty', 'frequencyPenalty', 'stopSequences']);
    expect(Object.keys(body).sort()).toEqual(['input', 'model']);
  });

  it('drops temperature and topP on reasoning models with a warning and maps reasoning to effort', async () => {
    const { body, warnings } = await build('gpt-5-mini', {
      temperature: 0.5,
      topP: 0.5,
      reasoning: 'low',
    });
    expect(body.temperature).toBeUndefined();
    expect(body.top_p).toBeUndefined();
    expect(body.reasoning).toEqual({ effort: 'low' });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'temperature' }),
      expect.objectContaining({ type: 'unsupported', feature: 'topP' }),
    ]);
    const max = await build('gpt-5', { reasoning: 'max' });
    expect(max.body.reasoning).toEqual({ effort: 'xhigh' });
    expect(max.warnings[0]).toMatchObject({ type: 'compatibility', feature: 'reasoning' });
  });

  it('does not send reasoning to a model that cannot reason', async () => {
    const { body, warnings } = await build('gpt-4o', { reasoning: 'high' });
    expect(body.reasoning).toBeUndefined();
    expect(warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'reasoningEffort',
        details:
          'reasoningEffort applies to reasoning models only; gpt-4o is not one and was not sent.',
      },
    ]);
  });

  it('asks for JSON by schema (strict unless opted out) or as a JSON object', async () => {
    const strict = await build('gpt-4.1-mini', {
      responseFormat: { type: 'json', schema, name: 'person', description: 'A person' },
    });
    expect(strict.body.text).toEqual({
      format: {
        type: 'json_schema',
        name: 'person',
        schema,
        strict: true,
        description: 'A person',
      },
    });
    const loose = await build('gpt-4.1-mini', {
      responseFormat: { type: 'json', schema },
      providerOptions: { apifree: { strictJsonSchema: false } },
    });
    expect(loose.body.text).toEqual({
      format: { type: 'json_schema', name: 'response', schema, strict: false },
    });
    const object = await build('gpt-4.1-mini', { responseFormat: { type: 'json' } });
    expect(object.body.text).toEqual({ format: { type: 'json_object' } });
  });

  it('sends function tools with strict passed through, every tool choice, and warns about provider tools', async () => {
    const tools: LanguageModelV4CallOptions['tools'] = [
      {
        type: 'function',
        name: 'weather',
        description: 'Weather',
        inputSchema: schema,
        strict: true,
      },
      { type: 'function', name: 'now', inputSchema: { type: 'object', properties: {} } },
      { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
    ];
    const auto = await build('gpt-4.1-mini', { tools });
    expect(auto.body.tools).toEqual([
      {
        type: 'function',
        name: 'weather',
        description: 'Weather',
        parameters: schema,
        strict: true,
      },
      { type: 'function', name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
    expect(auto.body.tool_choice).toBeUndefined();
    expect(auto.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'provider tool openai.web_search' }),
    ]);
    const choices = await Promise.all(
      (
        [
          { type: 'auto' },
          { type: 'none' },
          { type: 'required' },
          { type: 'tool', toolName: 'now' },
        ] as const
      ).map((toolChoice) => build('gpt-4.1-mini', { tools, toolChoice })),
    );
    expect(choices.map((choice) => choice.body.tool_choice)).toEqual([
      'auto',
      'none',
      'required',
      { type: 'function', name: 'now' },
    ]);
  });

  it('maps every provider option to its Responses field', async () => {
    const { body } = await build('gpt-5-mini', {
      prompt: [
        { role: 'system', content: 'ignored as instructions' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      providerOptions: {
        apifree: {
          instructions: 'Be brief.',
          metadata: { session: 's1' },
          previousResponseId: 'resp_0',
          store: false,
          parallelToolCalls: false,
          user: 'user-1',
          safetyIdentifier: 'hash-1',
          reasoningEffort: 'minimal',
          reasoningSummary: 'auto',
          textVerbosity: 'low',
          include: ['message.output_text.logprobs'],
          serviceTier: 'flex',
          promptCacheKey: 'cache-1',
          maxToolCalls: 3,
          truncation: 'auto',
        },
      },
    });
    expect(body).toEqual({
      model: 'gpt-5-mini',
      input: [
        { type: 'message', role: 'system', content: 'ignored as instructions' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
      ],
      instructions: 'Be brief.',
      metadata: { session: 's1' },
      previous_response_id: 'resp_0',
      store: false,
      parallel_tool_calls: false,
      user: 'user-1',
      safety_identifier: 'hash-1',
      reasoning: { effort: 'minimal', summary: 'auto' },
      text: { verbosity: 'low' },
      include: ['message.output_text.logprobs', 'reasoning.encrypted_content'],
      service_tier: 'flex',
      prompt_cache_key: 'cache-1',
      max_tool_calls: 3,
      truncation: 'auto',
    });
  });

  it('rejects provider options it does not know', async () => {
    const error = await build('gpt-4.1-mini', {
      providerOptions: { apifree: { temprature: 1 } },
    }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('temprature');
    expect((error as Error).message).toContain('providerOptions.apifree');
  });
});
