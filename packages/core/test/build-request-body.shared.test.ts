import { describe, expect, it } from 'vitest';
import {
  APIFreeConfigurationError,
  buildRequestBody,
  functionTool,
  REASONING_NOT_REPLAYABLE,
  replayReasoning,
  storedReasoningItem,
} from '../src/index';

describe('buildRequestBody: what each model accepts, decided once for both adapters', () => {
  it('sends sampling settings to a model that takes them', () => {
    const { body, warnings } = buildRequestBody({
      model: 'gpt-4.1-mini',
      input: 'Hi',
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
    });
    expect(body).toEqual({
      model: 'gpt-4.1-mini',
      input: 'Hi',
      temperature: 0.2,
      top_p: 0.9,
      max_output_tokens: 100,
    });
    expect(warnings).toEqual([]);
  });

  it('drops temperature and top_p for a reasoning model, with a warning for each', () => {
    const { body, warnings } = buildRequestBody({
      model: 'gpt-5-mini',
      input: 'Hi',
      temperature: 0.2,
      topP: 0.9,
      reasoningEffort: 'low',
    });
    expect(body).toEqual({ model: 'gpt-5-mini', input: 'Hi', reasoning: { effort: 'low' } });
    expect(warnings).toEqual([
      {
        setting: 'temperature',
        message: 'temperature is not supported by reasoning model gpt-5-mini and was not sent.',
      },
      {
        setting: 'topP',
        message: 'topP is not supported by reasoning model gpt-5-mini and was not sent.',
      },
    ]);
  });

  it('drops reasoning settings for a model that does not reason', () => {
    const { body, warnings } = buildRequestBody({
      model: 'gpt-4o',
      input: 'Hi',
      reasoningEffort: 'high',
      reasoningSummary: 'auto',
    });
    expect(body).toEqual({ model: 'gpt-4o', input: 'Hi' });
    expect(warnings.map((warning) => warning.setting)).toEqual([
      'reasoningEffort',
      'reasoningSummary',
    ]);
  });

  it('with store: false on a reasoning model, asks for the encrypted reasoning (once)', () => {
    const reasoning = buildRequestBody({
      model: 'gpt-5',
      input: 'Hi',
      store: false,
      include: ['reasoning.encrypted_content', 'message.output_text.logprobs'],
    });
    expect(reasoning.body.include).toEqual([
      'reasoning.encrypted_content',
      'message.output_text.logprobs',
    ]);
    expect(buildRequestBody({ model: 'gpt-5', input: 'Hi', store: false }).body).toMatchObject({
      store: false,
      include: ['reasoning.encrypted_content'],
    });
    expect(buildRequestBody({ model: 'gpt-4o', input: 'Hi', store: false }).body).toEqual({
      model: 'gpt-4o',
      input: 'Hi',
      store: false,
    });
  });

  it('turns an output format into text.format', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const { $schema: _dialect, ...withoutDialect } = schema;
    expect(
      buildRequestBody({
        model: 'gpt-4.1',
        input: 'x',
        output: { type: 'json-schema', name: 'place', schema, strict: true, description: 'A city' },
        textVerbosity: 'low',
      }).body.text,
    ).toEqual({
      format: {
        type: 'json_schema',
        name: 'place',
        schema: withoutDialect,
        strict: true,
        description: 'A city',
      },
      verbosity: 'low',
    });
    expect(
      buildRequestBody({ model: 'gpt-4.1', input: 'x', output: { type: 'json' } }).body.text,
    ).toEqual({ format: { type: 'json_object' } });
    expect(
      buildRequestBody({ model: 'gpt-4.1', input: 'x', output: { type: 'text' } }).body.text,
    ).toBeUndefined();
  });

  it('builds function tools and passes built-in tools through; extra fields lose to settings', () => {
    const { body } = buildRequestBody({
      model: 'gpt-4.1',
      input: 'x',
      extra: { model: 'ignored', seed_like_field: 7 },
      tools: [{ name: 'now' }, { type: 'web_search' }],
      toolChoice: 'required',
      parallelToolCalls: false,
    });
    expect(body).toEqual({
      seed_like_field: 7,
      model: 'gpt-4.1',
      input: 'x',
      tools: [
        { type: 'function', name: 'now', parameters: { type: 'object', properties: {} } },
        { type: 'web_search' },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
    });
  });
});

describe('function tools', () => {
  it('keeps the description and strict flag, and drops the schema dialect', () => {
    expect(
      functionTool({
        name: 'get_weather',
        description: 'Weather of a city',
        parameters: { $schema: 'x', type: 'object', properties: { city: { type: 'string' } } },
        strict: false,
      }),
    ).toEqual({
      type: 'function',
      name: 'get_weather',
      description: 'Weather of a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      strict: false,
    });
  });

  it('rejects parameters that do not describe an object, naming the tool', () => {
    expect(() => functionTool({ name: 'bad', parameters: { type: 'string' } })).toThrow(
      new APIFreeConfigurationError(
        'tools',
        'The tool "bad" has parameters that must have type "object", got "string".',
      ),
    );
  });
});

describe('reasoning replay', () => {
  const stored = storedReasoningItem({
    type: 'reasoning',
    id: 'rs_1',
    summary: [{ type: 'summary_text', text: 'Plan.' }],
    content: [],
    encrypted_content: null,
  });

  it('keeps what a later turn needs', () => {
    expect(stored).toEqual({
      type: 'reasoning',
      id: 'rs_1',
      summary: [{ type: 'summary_text', text: 'Plan.' }],
    });
    expect(replayReasoning(stored, undefined)).toEqual(stored);
  });

  it('without storage, only an item with encrypted content can be replayed', () => {
    expect(replayReasoning(stored, false)).toBeUndefined();
    expect(REASONING_NOT_REPLAYABLE).toContain('reasoning.encrypted_content');
    expect(replayReasoning({ ...stored, encrypted_content: 'gAAA' }, false)).toEqual({
      ...stored,
      encrypted_content: 'gAAA',
    });
  });
});
