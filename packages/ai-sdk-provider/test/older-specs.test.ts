import type { LanguageModelV2StreamPart } from '@ai-sdk/provider-v2';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider-v3';
import type { Simulator } from '@apifree/simulator';
import { generateText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAPIFree as createAPIFreeV5 } from '../src/ai-v5/index';
import { createAPIFree as createAPIFreeV6 } from '../src/ai-v6/index';
import { expectedAnswer, recordingEvents, streamRecordings } from './support/recordings';
import { requestBodies, startTestSimulator, TEST_KEY } from './support/simulator';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];
const settings = () => ({ apiKey: TEST_KEY, baseURL: simulator.baseURL });

async function readAll<Part>(stream: ReadableStream<Part>): Promise<Part[]> {
  const parts: Part[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    parts.push(next.value);
  return parts;
}

/** What a user reads from a V2 or V3 stream: text, tool calls, finish and errors. */
function summarize(parts: Array<LanguageModelV3StreamPart | LanguageModelV2StreamPart>) {
  return {
    text: parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join(''),
    toolCalls: parts.flatMap((part) =>
      part.type === 'tool-call'
        ? [{ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input }]
        : [],
    ),
    finish: parts.find((part) => part.type === 'finish'),
    errors: parts.filter((part) => part.type === 'error').length,
  };
}

const completed = streamRecordings().filter((item) => !item.name.includes('error-event'));

describe('every recording through the V3 (ai-v6) and V2 (ai-v5) models', () => {
  it.each(completed.map((item) => [item.name, item] as const))('%s', async (name, item) => {
    const expected = expectedAnswer(recordingEvents(item.body));
    const headers = { 'x-simulator-replay': name };
    const v3 = summarize(
      await readAll(
        (await createAPIFreeV6(settings())('gpt-4.1-mini').doStream({ prompt, headers })).stream,
      ),
    );
    const v2 = summarize(
      await readAll(
        (await createAPIFreeV5(settings())('gpt-4.1-mini').doStream({ prompt, headers })).stream,
      ),
    );
    const reason = expected.toolCalls.length > 0 ? 'tool-calls' : 'stop';
    const input = expected.terminal?.usage?.input_tokens;
    const output = expected.terminal?.usage?.output_tokens;

    for (const summary of [v3, v2]) {
      expect(summary.text).toBe(expected.text);
      expect(summary.toolCalls).toEqual(expected.toolCalls);
      expect(summary.errors).toBe(0);
    }
    expect(v3.finish).toMatchObject({
      finishReason: { unified: reason },
      usage: { inputTokens: { total: input }, outputTokens: { total: output } },
    });
    expect(v2.finish).toMatchObject({
      finishReason: reason,
      usage: {
        inputTokens: input,
        outputTokens: output,
        totalTokens: input === undefined || output === undefined ? undefined : input + output,
      },
    });
  });
});

describe('a stream cut short', () => {
  const headers = { 'x-simulator-fault': 'truncate;after=6' };

  it('reads finish "other" (raw "stream_truncated") and an error part on V3', async () => {
    const { stream } = await createAPIFreeV6(settings())('gpt-4.1-mini').doStream({
      prompt,
      headers,
    });
    const summary = summarize(await readAll(stream));
    expect(summary.errors).toBe(1);
    expect(summary.finish?.finishReason).toEqual({ unified: 'other', raw: 'stream_truncated' });
  });

  it('reads finish "unknown" and an error part on V2', async () => {
    const { stream } = await createAPIFreeV5(settings())('gpt-4.1-mini').doStream({
      prompt,
      headers,
    });
    const summary = summarize(await readAll(stream));
    expect(summary.errors).toBe(1);
    expect(summary.finish?.finishReason).toBe('unknown');
  });
});

describe('older-spec models in ai@7 (which accepts V2 and V3)', () => {
  it.each([
    ['ai-v6', createAPIFreeV6],
    ['ai-v5', createAPIFreeV5],
  ] as const)(
    '%s: generateText sends the same request as the V4 model and reads the answer',
    async (_name, create) => {
      const result = await generateText({
        model: create(settings())('gpt-4.1-mini'),
        system: 'You are terse.',
        prompt: 'Say "three majors"',
        providerOptions: { apifree: { store: false } },
      });
      expect(result.text).toBe('three majors');
      expect(requestBodies(simulator)).toEqual([
        {
          model: 'gpt-4.1-mini',
          instructions: 'You are terse.',
          input: [
            {
              type: 'message',
              role: 'user',
              content: [{ type: 'input_text', text: 'Say "three majors"' }],
            },
          ],
          store: false,
        },
      ]);
    },
  );

  it('settings are checked as the V4 provider checks them', () => {
    expect(() => createAPIFreeV6({ baseURL: 42 as unknown as string })).toThrow(
      'createAPIFree(settings): baseURL must be a string, got number.',
    );
    expect(() => createAPIFreeV5(settings())('')).toThrow(
      'apifree(modelId): modelId must be a non-empty string such as "gpt-4.1-mini", got "".',
    );
  });
});
