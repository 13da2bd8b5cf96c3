import { generateText, streamText } from 'ai';
import { describe, expect, inject, it } from 'vitest';
import { createAPIFree } from '../src/index';

// Runs under Node and under edge-runtime; the simulator itself runs in Node (global setup).
const apifree = createAPIFree({ apiKey: 'sk-test', baseURL: inject('simulatorBaseURL') });

describe('over HTTP in this runtime', () => {
  it('generateText answers from the simulator', async () => {
    const result = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Say hello' });
    expect(result.text).toBe('hello');
    expect(result.finishReason).toBe('stop');
  });

  it('streamText streams a recorded function call', async () => {
    const result = streamText({
      model: apifree('gpt-4o-mini'),
      prompt: 'Weather?',
      headers: { 'x-simulator-replay': 'sse/openai-function-call-gpt-4o-mini.sse' },
    });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);
    expect(types).toContain('tool-input-delta');
    expect(await result.finishReason).toBe('tool-calls');
    expect((await result.toolCalls).length).toBe(1);
  });

  it('reports a mid-stream truncation as interrupted', async () => {
    const model = apifree('gpt-4.1-mini');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about caching' }] }],
      headers: { 'x-simulator-fault': 'truncate;after=6' },
    });
    const parts: Array<{ type: string }> = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      parts.push(next.value);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'interrupted' },
    });
    expect(parts.some((part) => part.type === 'error')).toBe(true);
  });
});
