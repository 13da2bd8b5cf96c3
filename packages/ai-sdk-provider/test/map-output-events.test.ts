import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APIStreamError, createEventNormalizer, type ResponseStreamEvent } from '@apifree/core';
import { describe, expect, it } from 'vitest';
import { StreamPartMapper } from '../src/map-output-events';
import { blockOrderProblems } from './support/block-order';
import { collapseParts, summarizeParts } from './support/collapse-parts';
import { expectedAnswer, recordingEvents, streamRecordings } from './support/recordings';

/** Raw events through core's normalizer (the real one) and this package's translation. */
function mapAll(events: ResponseStreamEvent[], failure?: unknown): LanguageModelV4StreamPart[] {
  const parts: LanguageModelV4StreamPart[] = [];
  const mapper = new StreamPartMapper({ providerName: 'apifree', mapError: (error) => error });
  const normalizer = createEventNormalizer((output) =>
    mapper.map(output, (part) => parts.push(part)),
  );
  for (const event of events) normalizer.push(event);
  if (failure !== undefined) normalizer.fail(failure);
  return [...parts, mapper.finish()];
}

// Core ends iteration with an error at `error` / `response.failed`: those recordings go through doStream.
const completedRecordings = streamRecordings().filter((item) => !item.name.includes('error-event'));

describe('StreamPartMapper on every completed recording', () => {
  it.each(completedRecordings.map((item) => [item.name, item] as const))('%s', (_name, item) => {
    const events = recordingEvents(item.body);
    const parts = mapAll(events);
    const summary = summarizeParts(parts);
    const expected = expectedAnswer(events);

    expect(summary.text).toBe(expected.text);
    expect(summary.toolCalls).toEqual(expected.toolCalls);
    expect(summary.errors).toEqual([]);
    expect(summary.finish?.finishReason.unified).toBe(
      expected.toolCalls.length > 0 ? 'tool-calls' : 'stop',
    );
    const usage = expected.terminal?.usage;
    expect(summary.finish?.usage.inputTokens.total).toBe(usage?.input_tokens);
    expect(summary.finish?.usage.outputTokens.total).toBe(usage?.output_tokens);
    expect(summary.finish?.usage.inputTokens.cacheRead).toBe(
      usage?.input_tokens_details?.cached_tokens ?? 0,
    );
    expect(summary.finish?.usage.outputTokens.reasoning).toBe(
      usage?.output_tokens_details?.reasoning_tokens ?? 0,
    );
    expect(summary.finish?.providerMetadata?.apifree?.responseId).toBe(expected.terminal?.id);

    // Every block goes start → deltas → end; a tool call follows its input's end.
    expect(blockOrderProblems(parts)).toEqual([]);
    expect(parts[0]?.type).toBe('response-metadata');
    expect(parts.at(-1)?.type).toBe('finish');

    expect(collapseParts(parts)).toMatchSnapshot();
  });
});

const created = (id = 'resp_1'): ResponseStreamEvent =>
  ({
    type: 'response.created',
    sequence_number: 0,
    response: {
      id,
      created_at: 1_700_000_000,
      model: 'gpt-4.1-mini',
      status: 'in_progress',
      output: [],
    },
  }) as unknown as ResponseStreamEvent;

const terminal = (
  type: 'response.completed' | 'response.incomplete',
  extra: Record<string, unknown> = {},
): ResponseStreamEvent =>
  ({
    type,
    response: {
      id: 'resp_1',
      status: type === 'response.completed' ? 'completed' : 'incomplete',
      output: [],
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      incomplete_details: null,
      ...extra,
    },
  }) as unknown as ResponseStreamEvent;

const functionCallAdded = (
  outputIndex: number,
  callId: string,
  name: string,
): ResponseStreamEvent =>
  ({
    type: 'response.output_item.added',
    output_index: outputIndex,
    item: {
      type: 'function_call',
      id: `fc_${callId}`,
      call_id: callId,
      name,
      arguments: '',
      status: 'in_progress',
    },
  }) as ResponseStreamEvent;

const functionCallDone = (
  outputIndex: number,
  callId: string,
  name: string,
  args: string,
): ResponseStreamEvent =>
  ({
    type: 'response.output_item.done',
    output_index: outputIndex,
    item: {
      type: 'function_call',
      id: `fc_${callId}`,
      call_id: callId,
      name,
      arguments: args,
      status: 'completed',
    },
  }) as ResponseStreamEvent;

describe('StreamPartMapper on crafted streams', () => {
  it('emits response-metadata with id, timestamp and model from response.created', () => {
    const parts = mapAll([created(), terminal('response.completed')]);
    expect(parts[0]).toEqual({
      type: 'response-metadata',
      id: 'resp_1',
      timestamp: new Date(1_700_000_000_000),
      modelId: 'gpt-4.1-mini',
    });
  });

  it('streams arguments that arrive only in function_call_arguments.done as one delta', () => {
    const parts = mapAll([
      created(),
      functionCallAdded(0, 'call_1', 'weather'),
      {
        type: 'response.function_call_arguments.done',
        item_id: 'fc_call_1',
        output_index: 0,
        arguments: '{"city":"Paris"}',
      } as ResponseStreamEvent,
      functionCallDone(0, 'call_1', 'weather', ''),
      terminal('response.completed'),
    ]);
    expect(parts.filter((part) => part.type.startsWith('tool-'))).toEqual([
      { type: 'tool-input-start', id: 'call_1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"city":"Paris"}' },
      { type: 'tool-input-end', id: 'call_1' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'weather',
        input: '{"city":"Paris"}',
        providerMetadata: { apifree: { itemId: 'fc_call_1' } },
      },
    ]);
  });

  it('gives a parameterless tool the input {}', () => {
    const parts = mapAll([
      created(),
      functionCallAdded(0, 'call_1', 'now'),
      functionCallDone(0, 'call_1', 'now', ''),
    ]);
    expect(parts.find((part) => part.type === 'tool-call')).toMatchObject({ input: '{}' });
    expect(parts.some((part) => part.type === 'tool-input-delta')).toBe(false);
  });

  it('keeps parallel calls apart by output_index and finishes with tool-calls', () => {
    const delta = (outputIndex: number, text: string): ResponseStreamEvent =>
      ({
        type: 'response.function_call_arguments.delta',
        item_id: 'rotating-id',
        output_index: outputIndex,
        delta: text,
      }) as ResponseStreamEvent;
    const parts = mapAll([
      created(),
      functionCallAdded(0, 'call_a', 'weather'),
      delta(0, '{"city":'),
      delta(0, '"Paris"}'),
      functionCallDone(0, 'call_a', 'weather', '{"city":"Paris"}'),
      functionCallAdded(1, 'call_b', 'weather'),
      delta(1, '{"city":"Rome"}'),
      functionCallDone(1, 'call_b', 'weather', '{"city":"Rome"}'),
      terminal('response.completed'),
    ]);
    const summary = summarizeParts(parts);
    expect(summary.toolCalls).toEqual([
      { toolCallId: 'call_a', toolName: 'weather', input: '{"city":"Paris"}' },
      { toolCallId: 'call_b', toolName: 'weather', input: '{"city":"Rome"}' },
    ]);
    expect(parts.filter((part) => part.type === 'tool-input-delta').map((part) => part.id)).toEqual(
      ['call_a', 'call_a', 'call_b'],
    );
    expect(summary.finish?.finishReason).toEqual({ unified: 'tool-calls', raw: 'completed' });
  });

  it('maps response.incomplete to length or content-filter', () => {
    const length = mapAll([
      created(),
      terminal('response.incomplete', { incomplete_details: { reason: 'max_output_tokens' } }),
    ]).at(-1);
    expect(length).toMatchObject({ finishReason: { unified: 'length', raw: 'max_output_tokens' } });
    const filtered = mapAll([
      created(),
      terminal('response.incomplete', { incomplete_details: { reason: 'content_filter' } }),
    ]).at(-1);
    expect(filtered).toMatchObject({
      finishReason: { unified: 'content-filter', raw: 'content_filter' },
    });
  });

  it('finishes interrupted, with null usage, when no terminal event arrived', () => {
    const finish = mapAll([created()]).at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'interrupted', raw: undefined },
      usage: { inputTokens: { total: undefined }, outputTokens: { total: undefined } },
    });
  });

  it('maps cached and reasoning tokens and keeps the raw usage', () => {
    const usage = {
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 60 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 30 },
      total_tokens: 150,
    };
    const finish = mapAll([created(), terminal('response.completed', { usage })]).at(-1);
    expect(finish).toMatchObject({
      usage: {
        inputTokens: { total: 100, noCache: 40, cacheRead: 60, cacheWrite: undefined },
        outputTokens: { total: 50, text: 20, reasoning: 30 },
        raw: usage,
      },
    });
  });

  it('closes open blocks and reports the error on failure', () => {
    const failure = new APIStreamError({ message: 'boom', code: 'server_error' });
    const parts = mapAll(
      [
        created(),
        {
          type: 'response.output_item.added',
          output_index: 0,
          item: {
            type: 'message',
            id: 'msg_1',
            role: 'assistant',
            status: 'in_progress',
            content: [],
          },
        } as ResponseStreamEvent,
        {
          type: 'response.output_text.delta',
          item_id: 'msg_1',
          output_index: 0,
          content_index: 0,
          delta: 'Hel',
        } as ResponseStreamEvent,
      ],
      failure,
    );
    expect(parts.slice(1)).toEqual([
      { type: 'text-start', id: 'msg_1', providerMetadata: { apifree: { itemId: 'msg_1' } } },
      { type: 'text-delta', id: 'msg_1', delta: 'Hel' },
      { type: 'text-end', id: 'msg_1', providerMetadata: { apifree: { itemId: 'msg_1' } } },
      { type: 'error', error: failure },
      {
        type: 'finish',
        finishReason: { unified: 'error', raw: 'server_error' },
        usage: expect.objectContaining({
          inputTokens: expect.objectContaining({ total: undefined }),
        }),
        providerMetadata: { apifree: { responseId: 'resp_1' } },
      },
    ]);
  });

  it('ends a tool call cut by a failure without a tool-call part', () => {
    const failure = new APIStreamError({ message: 'cut', code: 'stream_truncated' });
    const parts = mapAll(
      [
        created(),
        functionCallAdded(0, 'call_1', 'weather'),
        {
          type: 'response.function_call_arguments.delta',
          item_id: 'fc_call_1',
          output_index: 0,
          delta: '{"ci',
        } as ResponseStreamEvent,
      ],
      failure,
    );
    expect(parts.filter((part) => part.type.startsWith('tool-'))).toEqual([
      { type: 'tool-input-start', id: 'call_1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_1', delta: '{"ci' },
      { type: 'tool-input-end', id: 'call_1' },
    ]);
  });

  it('gives a reasoning item without summary one empty block carrying its encrypted content', () => {
    const parts = mapAll([
      created(),
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAA' },
      } as ResponseStreamEvent,
    ]);
    const providerMetadata = { apifree: { itemId: 'rs_1', reasoningEncryptedContent: 'gAAA' } };
    expect(parts.slice(1, 3)).toEqual([
      { type: 'reasoning-start', id: 'rs_1:0', providerMetadata },
      { type: 'reasoning-end', id: 'rs_1:0', providerMetadata },
    ]);
  });

  it('ignores event types it does not know', () => {
    const parts = mapAll([
      created(),
      { type: 'response.something_new.delta', output_index: 3 } as unknown as ResponseStreamEvent,
      terminal('response.completed'),
    ]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'finish']);
  });

  it('reports what core warned about in the finish metadata', () => {
    const finish = mapAll([
      created(),
      terminal('response.completed', {
        usage: { input_tokens: '10', output_tokens: 5, total_tokens: 15 },
      }),
    ]).at(-1);
    expect(finish).toMatchObject({
      usage: { inputTokens: { total: undefined, noCache: undefined }, outputTokens: { total: 5 } },
      providerMetadata: {
        apifree: {
          warnings: [
            'usage.input_tokens was dropped: the server sent a string, not a token count.',
          ],
        },
      },
    });
  });

  it('keeps the block contract when a server breaks the event order', () => {
    const message = (text: string) => ({
      type: 'message',
      id: 'msg_1',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [] }],
    });
    const delta = (value: string, extra: Record<string, unknown> = {}) =>
      ({
        type: 'response.output_text.delta',
        output_index: 0,
        item_id: 'msg_1',
        content_index: 0,
        delta: value,
        ...extra,
      }) as unknown as ResponseStreamEvent;
    const parts = mapAll([
      created(),
      delta('Hel'),
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: message('Hello'),
      } as unknown as ResponseStreamEvent,
      // After the item's end: a late delta, a refusal without content_index, a reasoning
      // item the stream never announced, and a terminal output in another order.
      delta(' late'),
      delta('No', { type: 'response.refusal.delta', content_index: undefined }),
      terminal('response.completed', {
        output: [
          { type: 'reasoning', id: 'rs_9', summary: [{ type: 'summary_text', text: 'Why.' }] },
          message('Hello'),
        ],
      }),
    ]);
    expect(blockOrderProblems(parts)).toEqual([]);
    const text = parts
      .filter((part) => part.type === 'text-delta')
      .map((part) => (part as { delta: string }).delta)
      .join('');
    expect(text).toBe('Hello');
    expect(parts.find((part) => part.type === 'reasoning-delta')).toMatchObject({ delta: 'Why.' });
  });

  it('never offers an item id the server did not give for replay', () => {
    const parts = mapAll([
      created(),
      {
        type: 'response.output_text.delta',
        output_index: 0,
        content_index: 0,
        delta: 'Hi',
      } as unknown as ResponseStreamEvent,
      terminal('response.completed', {
        output: [
          {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
          },
        ],
      }),
    ]);
    expect(parts.filter((part) => part.type === 'text-start' || part.type === 'text-end')).toEqual([
      { type: 'text-start', id: 'item-0', providerMetadata: { apifree: {} } },
      { type: 'text-end', id: 'item-0', providerMetadata: { apifree: {} } },
    ]);
  });
});
