import { describe, expect, inject, it } from 'vitest';
import { APIFree, BadRequestError, outputText } from '../src/index';

const origin = inject('replayBaseURL');

describe('the fetch transport over real loopback HTTP (runs under Node and edge-runtime)', () => {
  it('streams a recording to its terminal event', async () => {
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: `${origin}/sse/openai-text-gpt-4o-mini.sse/v1`,
    });
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'hi',
      stream: true,
    });
    let text = '';
    for await (const event of stream)
      if (event.type === 'response.output_text.delta') text += event.delta;
    const final = await stream.finalResponse();
    expect(text).toBe(outputText(final));
    expect(final.status).toBe('completed');
    expect(stream.response.requestId).toBe('req_test');
  });

  it('maps HTTP errors to typed errors', async () => {
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: `${origin}/status/400/v1`,
      maxRetries: 0,
    });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });
});
