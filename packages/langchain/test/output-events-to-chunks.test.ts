import {
  APIStreamError,
  APIStreamTruncatedError,
  createEventNormalizer,
  type ResponseStreamEvent,
} from '@apifree/core';
import type { AIMessageChunk } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { describe, expect, it } from 'vitest';
import { OutputEventsToChunks } from '../src/converters/output-events-to-chunks';
import {
  expectedFromResponse,
  loadRecordings,
  streamedText,
  terminalResponse,
} from './helpers/recordings';

/** Raw events through core's normalizer (the real one) and this package's translation. */
function mapAll(events: ResponseStreamEvent[]): ChatGenerationChunk[] {
  const mapper = new OutputEventsToChunks({ requestId: 'req_test' });
  const chunks: ChatGenerationChunk[] = [];
  const normalizer = createEventNormalizer((output) => chunks.push(...mapper.map(output)));
  for (const event of events) normalizer.push(event);
  return chunks;
}

/** The chunks before a failure, and what mapping the failure threw. */
function mapFailing(events: ResponseStreamEvent[], failure: unknown) {
  const mapper = new OutputEventsToChunks();
  const chunks: ChatGenerationChunk[] = [];
  const normalizer = createEventNormalizer((output) => chunks.push(...mapper.map(output)));
  try {
    for (const event of events) normalizer.push(event);
    normalizer.fail(failure);
  } catch (error) {
    return { chunks, thrown: error };
  }
  return { chunks, thrown: undefined };
}

function merge(chunks: ChatGenerationChunk[]): AIMessageChunk {
  const merged = chunks.reduce((left, right) => left.concat(right));
  return merged.message as AIMessageChunk;
}

function reasoningText(message: AIMessageChunk): string {
  return (message.content as Array<Record<string, unknown>>)
    .filter((block) => block.type === 'reasoning')
    .map((block) => block.reasoning)
    .join('');
}

const recordings = loadRecordings();
const completed = recordings.filter((recording) => terminalResponse(recording));

describe('OutputEventsToChunks on every recording', () => {
  it('covers every recording of the repo', () => {
    expect(recordings.length).toBe(13);
    expect(completed.length).toBe(12);
  });

  for (const recording of completed) {
    it(`${recording.name}: the merged message matches the terminal response`, () => {
      const response = terminalResponse(recording)!;
      const expected = expectedFromResponse(response);
      const chunks = mapAll(recording.events);
      const message = merge(chunks);

      expect(message.text).toBe(streamedText(recording, 'text'));
      expect(reasoningText(message)).toBe(streamedText(recording, 'reasoning'));
      if (!recording.name.includes('anonymized') && !recording.name.includes('azure')) {
        expect(message.text).toBe(expected.text);
        expect(reasoningText(message)).toBe(expected.reasoning);
      }
      expect((message.tool_calls ?? []).map(({ id, name, args }) => ({ id, name, args }))).toEqual(
        expected.toolCalls,
      );
      expect(message.invalid_tool_calls).toEqual([]);
      expect(Array.isArray(message.content)).toBe(true);

      const usage = expected.usage!;
      expect(message.usage_metadata).toMatchObject({
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        total_tokens: usage.total_tokens,
        input_token_details: { cache_read: usage.input_tokens_details?.cached_tokens },
        output_token_details: { reasoning: usage.output_tokens_details?.reasoning_tokens },
      });
      expect(message.response_metadata).toMatchObject({
        model_provider: 'apifree',
        model_name: response.model,
        model: response.model,
        finish_reason: expected.toolCalls.length > 0 ? 'tool_calls' : 'stop',
        request_id: 'req_test',
      });
      expect(message.id).toBe(response.id);

      // Usage and metadata ride on exactly one chunk (the last), so merging never doubles them.
      const withUsage = chunks.filter((chunk) => (chunk.message as AIMessageChunk).usage_metadata);
      const withModel = chunks.filter(
        (chunk) => (chunk.message.response_metadata as Record<string, unknown>).model_name,
      );
      expect(withUsage).toHaveLength(1);
      expect(withModel).toHaveLength(1);
      expect(chunks.at(-1)).toBe(withUsage[0]);
      for (const chunk of chunks) expect(Array.isArray(chunk.message.content)).toBe(true);
    });
  }

  it('gives the contentBlocks of the merged message text, reasoning and tool calls', () => {
    const recording = completed.find((item) => item.name.includes('function-call-gpt-4o-mini'))!;
    const message = merge(mapAll(recording.events));
    expect(message.tool_calls).toEqual([
      {
        type: 'tool_call',
        id: 'call_0UFGPwrziw5rbinYp7rthrTb',
        name: 'get_weather_at_location',
        args: { location: 'San Francisco, CA' },
      },
    ]);
    expect(message.contentBlocks).toContainEqual(
      expect.objectContaining({ type: 'tool_call', name: 'get_weather_at_location' }),
    );
  });

  it('streams tool-call chunks keyed by index: id and name first, then the final arguments whole', () => {
    const recording = completed.find((item) => item.name.includes('function-call-gpt-4o-mini'))!;
    const chunks = mapAll(recording.events).map((chunk) => chunk.message as AIMessageChunk);
    const toolChunks = chunks.flatMap((chunk) => chunk.tool_call_chunks ?? []);
    const terminal = terminalResponse(recording)!;
    const call = (terminal.output as unknown as Array<Record<string, string>>).find(
      (item) => item.type === 'function_call',
    )!;
    expect(toolChunks).toEqual([
      { type: 'tool_call_chunk', id: call.call_id, name: call.name, args: '', index: 0 },
      { type: 'tool_call_chunk', args: call.arguments, index: 0 },
    ]);
  });

  it('arguments whose deltas the final value contradicts merge to the final value', () => {
    const call = {
      type: 'function_call',
      id: 'fc_1',
      call_id: 'call_1',
      name: 'now',
      arguments: '',
    };
    const events = [
      { type: 'response.created', response: { id: 'resp_1', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: call },
      // A proxy lost part of the stream: the deltas say one thing, the final value another.
      {
        type: 'response.function_call_arguments.delta',
        output_index: 0,
        item_id: 'fc_1',
        delta: '{"tz":"U',
      },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { ...call, arguments: '{"tz":"Europe/Paris"}' },
      },
      {
        type: 'response.completed',
        response: {
          id: 'resp_1',
          status: 'completed',
          output: [{ ...call, arguments: '{"tz":"Europe/Paris"}' }],
        },
      },
    ] as unknown as ResponseStreamEvent[];
    const message = merge(mapAll(events));
    expect(message.tool_calls).toEqual([
      { type: 'tool_call', id: 'call_1', name: 'now', args: { tz: 'Europe/Paris' } },
    ]);
  });

  it('keeps reasoning items for replay, several summary parts as separate blocks', () => {
    const recording = completed.find((item) => item.name.includes('azure-gpt5-multi-summary'))!;
    const message = merge(mapAll(recording.events));
    const items = message.additional_kwargs.reasoning_items as Array<{
      id: string;
      summary: unknown[];
    }>;
    const terminal = terminalResponse(recording)!;
    const reasoningItem = (terminal.output as Array<{ type: string; summary?: unknown[] }>).find(
      (item) => item.type === 'reasoning',
    )!;
    expect(items).toHaveLength(1);
    expect(items[0]!.summary).toEqual(reasoningItem.summary);
    const blocks = (message.content as Array<Record<string, unknown>>).filter(
      (block) => block.type === 'reasoning',
    );
    expect(blocks).toHaveLength(items[0]!.summary.length);
    expect(message.contentBlocks.filter((block) => block.type === 'reasoning')).toHaveLength(
      blocks.length,
    );
  });

  it('turns url citations into citation annotations on the text block', () => {
    const recording = completed.find((item) => item.name.includes('annotations'))!;
    const message = merge(mapAll(recording.events));
    const text = (message.content as Array<Record<string, unknown>>).find(
      (block) => block.type === 'text',
    )!;
    expect(text.annotations).toContainEqual(
      expect.objectContaining({ type: 'citation', url: expect.any(String) }),
    );
    expect(message.additional_kwargs.tool_outputs).toContainEqual(
      expect.objectContaining({ type: 'web_search_call' }),
    );
  });
});

describe('OutputEventsToChunks failures', () => {
  it('throws the typed error a stream failed with, after the chunks before it', () => {
    const recording = recordings.find((item) => item.name.includes('error-event-then-failed'))!;
    const before = recording.events.slice(
      0,
      recording.events.findIndex((event) => event.type === 'error'),
    );
    const failure = new APIStreamError({
      message: 'quota',
      code: 'insufficient_quota',
      type: 'insufficient_quota',
    });
    const { chunks, thrown } = mapFailing(before, failure);
    expect(thrown).toBe(failure);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(
      before
        .filter((event) => event.type === 'response.output_text.delta')
        .map((event) => (event as { delta: string }).delta)
        .join(''),
    );
  });

  it('throws APIStreamTruncatedError when the stream was cut before its terminal event', () => {
    const recording = completed.find((item) => item.name.includes('openai-text-gpt-4o-mini'))!;
    const truncated = new APIStreamTruncatedError({ message: 'cut', code: 'stream_truncated' });
    const { chunks, thrown } = mapFailing(recording.events.slice(0, -1), truncated);
    expect(thrown).toBe(truncated);
    expect(chunks.some((chunk) => (chunk.message as AIMessageChunk).usage_metadata)).toBe(false);
  });

  it('maps response.incomplete to finish_reason length', () => {
    const recording = completed.find((item) => item.name.includes('openai-text-gpt-4o-mini'))!;
    const events = recording.events.map((event) =>
      event.type === 'response.completed'
        ? {
            ...event,
            type: 'response.incomplete' as const,
            response: {
              ...event.response,
              status: 'incomplete' as const,
              incomplete_details: { reason: 'max_output_tokens' },
            },
          }
        : event,
    );
    const message = merge(mapAll(events as ResponseStreamEvent[]));
    expect(message.response_metadata.finish_reason).toBe('length');
  });
});

describe('OutputEventsToChunks on what other servers send', () => {
  const base = { sequence_number: 0 };
  const response = (status: 'completed' | 'in_progress') =>
    ({
      id: 'resp_1',
      model: 'm',
      status,
      output: [],
      usage: status === 'completed' ? { input_tokens: 1, output_tokens: 1, total_tokens: 2 } : null,
    }) as never;

  it('takes arguments from function_call_arguments.done when no deltas came, and {} for a parameterless tool', () => {
    const events = [
      { ...base, type: 'response.created', response: response('in_progress') },
      {
        ...base,
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'lookup', arguments: '' },
      },
      {
        ...base,
        type: 'response.function_call_arguments.done',
        item_id: 'fc_1',
        output_index: 0,
        arguments: '{"q":"x"}',
      },
      {
        ...base,
        type: 'response.output_item.done',
        output_index: 0,
        item: {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'c1',
          name: 'lookup',
          arguments: '{"q":"x"}',
        },
      },
      {
        ...base,
        type: 'response.output_item.added',
        output_index: 1,
        item: { type: 'function_call', id: 'fc_2', call_id: 'c2', name: 'now', arguments: '' },
      },
      {
        ...base,
        type: 'response.output_item.done',
        output_index: 1,
        item: { type: 'function_call', id: 'fc_2', call_id: 'c2', name: 'now', arguments: '' },
      },
      { ...base, type: 'response.completed', response: response('completed') },
    ] as ResponseStreamEvent[];
    const message = merge(mapAll(events));
    expect((message.tool_calls ?? []).map(({ id, name, args }) => ({ id, name, args }))).toEqual([
      { id: 'c1', name: 'lookup', args: { q: 'x' } },
      { id: 'c2', name: 'now', args: {} },
    ]);
    expect(message.usage_metadata).toMatchObject({
      input_tokens: 1,
      output_tokens: 1,
      total_tokens: 2,
    });
  });

  it('uses output_text.done when a server sends the text without deltas, and ignores unknown events', () => {
    const events = [
      { ...base, type: 'response.created', response: response('in_progress') },
      { ...base, type: 'response.something_new', payload: 1 },
      {
        ...base,
        type: 'response.output_text.done',
        item_id: 'm',
        output_index: 0,
        content_index: 0,
        text: 'Hi there',
      },
      { ...base, type: 'response.completed', response: response('completed') },
    ] as unknown as ResponseStreamEvent[];
    expect(merge(mapAll(events)).text).toBe('Hi there');
  });
});
