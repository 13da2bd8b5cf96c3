import { LoadAPIKeyError, NoSuchModelError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { apifree, createAPIFree } from '../src/index';

const savedKey = process.env.APIFREE_API_KEY;
afterEach(() => {
  if (savedKey === undefined) delete process.env.APIFREE_API_KEY;
  else process.env.APIFREE_API_KEY = savedKey;
});

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];

describe('createAPIFree', () => {
  it('creates models without reading the key, and names them apifree.responses', () => {
    delete process.env.APIFREE_API_KEY;
    const provider = createAPIFree();
    const model = provider('gpt-4.1-mini');
    expect(model.specificationVersion).toBe('v4');
    expect(model.provider).toBe('apifree.responses');
    expect(model.modelId).toBe('gpt-4.1-mini');
    expect(provider.languageModel('gpt-5').modelId).toBe('gpt-5');
    expect(apifree('gpt-4o').provider).toBe('apifree.responses');
    expect(createAPIFree({ name: 'my-proxy' })('gpt-4o').provider).toBe('my-proxy.responses');
  });

  it('fails a call without a key with LoadAPIKeyError naming APIFREE_API_KEY', async () => {
    delete process.env.APIFREE_API_KEY;
    const error = await Promise.resolve(
      createAPIFree()('gpt-4.1-mini').doGenerate({ prompt }),
    ).catch((caught: unknown) => caught);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('APIFREE_API_KEY');
  });

  it('throws NoSuchModelError for embedding and image models', () => {
    const provider = createAPIFree();
    expect(() => provider.embeddingModel('text-embedding-3-small')).toThrow(NoSuchModelError);
    expect(() => provider.imageModel('gpt-image-1')).toThrow(NoSuchModelError);
  });

  it('uses the custom fetch, headers and base URL (trailing slash removed)', async () => {
    const seen: Array<{ url: string; headers: Headers }> = [];
    const provider = createAPIFree({
      apiKey: 'sk-test',
      baseURL: 'https://proxy.example/v1/',
      headers: { 'x-team': 'search' },
      fetch: async (input, init) => {
        seen.push({ url: String(input), headers: new Headers(init?.headers) });
        return new Response(
          JSON.stringify({
            id: 'resp_1',
            object: 'response',
            created_at: 1,
            status: 'completed',
            model: 'gpt-4.1-mini',
            output: [
              {
                type: 'message',
                id: 'msg_1',
                role: 'assistant',
                status: 'completed',
                content: [{ type: 'output_text', text: 'Hi!', annotations: [] }],
              },
            ],
            usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
            error: null,
            incomplete_details: null,
          }),
          { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' } },
        );
      },
    });
    const result = await provider('gpt-4.1-mini').doGenerate({
      prompt,
      headers: { 'x-call': 'one' },
    });
    expect(result.content).toEqual([
      { type: 'text', text: 'Hi!', providerMetadata: { apifree: { itemId: 'msg_1' } } },
    ]);
    expect(result.response?.headers?.['x-request-id']).toBe('req_1');
    expect(seen[0]?.url).toBe('https://proxy.example/v1/responses');
    expect(seen[0]?.headers.get('x-team')).toBe('search');
    expect(seen[0]?.headers.get('x-call')).toBe('one');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk-test');
  });
});

describe('bad settings fail with typed errors naming the argument', () => {
  it('rejects wrong setting types, new, and empty model ids', () => {
    expect(() => createAPIFree({ name: 42 as never })).toThrow(/name must be a string/);
    expect(() => createAPIFree({ headers: 'x' as never })).toThrow(/headers must be a object/);
    expect(() => createAPIFree({ fetch: 'x' as never })).toThrow(/fetch must be a function/);
    expect(() => new (apifree as unknown as new (id: string) => unknown)('gpt-4.1-mini')).toThrow(
      /without `new`/,
    );
    expect(() => apifree('')).toThrow(/non-empty string/);
  });
});
