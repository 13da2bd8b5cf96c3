import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { Simulator } from '@apifree/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockOrderProblems } from './support/block-order';
import { summarizeParts } from './support/collapse-parts';
import { expectedAnswer, recordingEvents, streamRecordings } from './support/recordings';
import { providerFor, requestBodies, startTestSimulator, TEST_KEY } from './support/simulator';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];

async function streamParts(
  model: LanguageModelV4,
  recordingName: string,
  includeRawChunks = false,
) {
  const { stream } = await model.doStream({
    prompt,
    includeRawChunks,
    headers: { 'x-simulator-replay': recordingName },
  });
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    parts.push(next.value);
  return parts;
}

const completed = streamRecordings().filter((item) => !item.name.includes('error-event'));

describe('every recording through doStream over HTTP', () => {
  it.each(completed.map((item) => [item.name, item] as const))('%s', async (name, item) => {
    const events = recordingEvents(item.body);
    const expected = expectedAnswer(events);
    const parts = await streamParts(providerFor(simulator)('gpt-4.1-mini'), name, true);
    const summary = summarizeParts(parts);

    expect(summary.text).toBe(expected.text);
    expect(summary.toolCalls).toEqual(expected.toolCalls);
    expect(summary.errors).toEqual([]);
    expect(summary.finish?.finishReason.unified).toBe(
      expected.toolCalls.length > 0 ? 'tool-calls' : 'stop',
    );
    expect(summary.finish?.usage.inputTokens.total).toBe(expected.terminal?.usage?.input_tokens);
    expect(summary.finish?.usage.outputTokens.total).toBe(expected.terminal?.usage?.output_tokens);
    expect(summary.finish?.providerMetadata?.apifree?.responseId).toBe(expected.terminal?.id);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(blockOrderProblems(parts)).toEqual([]);
    // One raw part per event, in order: nothing the server sent is hidden.
    expect(parts.filter((part) => part.type === 'raw').map((part) => part.rawValue)).toEqual(
      events,
    );
    expect(requestBodies(simulator)).toEqual([
      {
        model: 'gpt-4.1-mini',
        input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] }],
        stream: true,
      },
    ]);
  });
});

describe('differential: the same recordings through @ai-sdk/openai and through us', () => {
  const openai = () => createOpenAI({ apiKey: TEST_KEY, baseURL: simulator.baseURL });

  it.each(completed.map((item) => [item.name] as const))('%s', async (name) => {
    const theirs = summarizeParts(await streamParts(openai().responses('gpt-4.1-mini'), name));
    const ours = summarizeParts(await streamParts(providerFor(simulator)('gpt-4.1-mini'), name));

    expect(ours.text).toBe(theirs.text);
    expect(ours.toolCalls).toEqual(theirs.toolCalls);
    expect(ours.finish?.finishReason.unified).toBe(theirs.finish?.finishReason.unified);
    expect(ours.finish?.usage.inputTokens).toEqual(theirs.finish?.usage.inputTokens);
    expect(ours.finish?.usage.outputTokens).toEqual(theirs.finish?.usage.outputTokens);
    expect(ours.finish?.usage.raw).toEqual(theirs.finish?.usage.raw);
    expect(ours.errors).toEqual(theirs.errors);
  });

  it('the recorded insufficient_quota error: both throw from doStream', async () => {
    const name = 'chunks/openai-error-event-then-failed.chunks.txt';
    const theirs = await streamParts(openai().responses('gpt-5-nano'), name).catch(
      (error: unknown) => error,
    );
    const ours = await streamParts(providerFor(simulator)('gpt-5-nano'), name).catch(
      (error: unknown) => error,
    );
    expect((ours as Error).name).toBe((theirs as Error).name);
    expect((ours as { isRetryable: boolean }).isRetryable).toBe(
      (theirs as { isRetryable: boolean }).isRetryable,
    );
  });
});
