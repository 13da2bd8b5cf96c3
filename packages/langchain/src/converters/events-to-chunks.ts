import {
  APIStreamError,
  APIStreamTruncatedError,
  type ErrorEvent,
  type Response,
  type ResponseStreamEvent,
} from '@apifree/core';
import { AIMessageChunk, type ToolCallChunk, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { toLangChainAnnotation } from './annotations';
import type { StoredReasoningItem } from './messages-to-input';
import { toResponseMetadata, toUsageMetadata } from './response-metadata';

type Block = Record<string, unknown>;

interface ChunkParts {
  content?: Block[];
  text?: string;
  toolCallChunks?: ToolCallChunk[];
  additionalKwargs?: Record<string, unknown>;
  usage?: UsageMetadata | undefined;
  responseMetadata?: Record<string, unknown>;
}

interface ToolCallState {
  index: number;
  args: string;
  id: string | undefined;
  name: string | undefined;
}

/**
 * Turns Responses stream events into LangChain chunks, one event at a time. Pure and
 * stateful: feed it every event of one stream with {@link ResponseEventsToChunks.map},
 * then call {@link ResponseEventsToChunks.finish}.
 *
 * What merged chunks give (`concat`): content as an array of `text`, `reasoning` and
 * `refusal` blocks, each keyed by a numeric `index`; `tool_call_chunks` keyed by the same
 * kind of index (unique across blocks, so LangChain's content-block events do not mix
 * them up); reasoning items for replay in `additional_kwargs.reasoning_items`; and, on the
 * last chunk only, `usage_metadata` and `response_metadata` (model name, finish reason),
 * because merging adds numbers and concatenates strings.
 *
 * `error` and `response.failed` throw {@link APIStreamError}; `finish()` throws
 * {@link APIStreamTruncatedError} when no terminal event came: a partial answer is never
 * returned as a success.
 *
 * @example
 * const mapper = new ResponseEventsToChunks();
 * for await (const event of stream) for (const chunk of mapper.map(event)) yield chunk;
 * mapper.finish();
 */
export class ResponseEventsToChunks {
  #blockIndexes = new Map<string, number>();
  #emittedText = new Map<string, string>();
  #toolCalls = new Map<number, ToolCallState>();
  #nextIndex = 0;
  #responseId: string | undefined;
  #finished = false;
  #requestId: string | undefined;

  constructor(options: { requestId?: string | undefined } = {}) {
    this.#requestId = options.requestId;
  }

  /** True once the terminal event was mapped. */
  get finished(): boolean {
    return this.#finished;
  }

  /** The chunks one event produces (often none). */
  map(event: ResponseStreamEvent): ChatGenerationChunk[] {
    if (this.#finished) return [];
    switch (event.type) {
      case 'response.created':
      case 'response.queued':
      case 'response.in_progress':
        this.#responseId = event.response?.id ?? this.#responseId;
        return [];
      case 'response.output_text.delta':
        return this.#textBlock(
          `text:${event.output_index}:${event.content_index}`,
          'text',
          event.delta,
        );
      case 'response.output_text.done':
        return this.#rest(`text:${event.output_index}:${event.content_index}`, 'text', event.text);
      case 'response.output_text.annotation.added': {
        const index = this.#blockIndex(`text:${event.output_index}:${event.content_index}`);
        return [
          this.#chunk({
            content: [
              {
                type: 'text',
                text: '',
                index,
                annotations: [toLangChainAnnotation(event.annotation)],
              },
            ],
          }),
        ];
      }
      case 'response.refusal.done':
        return [
          this.#chunk({
            content: [
              {
                type: 'refusal',
                refusal: event.refusal,
                index: this.#blockIndex(`refusal:${event.output_index}:${event.content_index}`),
              },
            ],
          }),
        ];
      case 'response.reasoning_summary_text.delta':
        return this.#textBlock(
          `summary:${event.output_index}:${event.summary_index}`,
          'reasoning',
          event.delta,
        );
      case 'response.reasoning_summary_text.done':
        return this.#rest(
          `summary:${event.output_index}:${event.summary_index}`,
          'reasoning',
          event.text,
        );
      case 'response.reasoning_text.delta':
      case 'response.reasoning.delta':
        return this.#textBlock(
          `raw:${event.output_index}:${event.content_index}`,
          'reasoning',
          event.delta,
        );
      case 'response.reasoning_text.done':
      case 'response.reasoning.done':
        return this.#rest(
          `raw:${event.output_index}:${event.content_index}`,
          'reasoning',
          event.text,
        );
      case 'response.output_item.added':
        if (event.item.type === 'function_call') {
          const item = event.item as { call_id?: string; name?: string; arguments?: string };
          return this.#toolCallArgs(
            event.output_index,
            item.arguments ?? '',
            item.call_id,
            item.name,
          );
        }
        return [];
      case 'response.function_call_arguments.delta':
        return this.#toolCallArgs(event.output_index, event.delta);
      case 'response.function_call_arguments.done':
        return this.#toolCallRest(event.output_index, event.arguments);
      case 'response.output_item.done':
        return this.#itemDone(event.output_index, event.item as unknown as Block);
      case 'response.completed':
      case 'response.incomplete':
        return [this.#final(event.response)];
      case 'response.failed':
        throw failedResponseError(event.response);
      case 'error':
        throw errorEventError(event);
      default:
        return [];
    }
  }

  /** Throws {@link APIStreamTruncatedError} unless the terminal event was mapped. */
  finish(): void {
    if (this.#finished) return;
    throw new APIStreamTruncatedError({
      message:
        'The APIFree stream ended before its terminal event (response.completed); the answer is incomplete.',
    });
  }

  #blockIndex(key: string): number {
    let index = this.#blockIndexes.get(key);
    if (index === undefined) {
      index = this.#nextIndex++;
      this.#blockIndexes.set(key, index);
    }
    return index;
  }

  #textBlock(key: string, type: 'text' | 'reasoning', delta: string): ChatGenerationChunk[] {
    if (delta === '') return [];
    const opens = !this.#blockIndexes.has(key);
    const index = this.#blockIndex(key);
    this.#emittedText.set(key, (this.#emittedText.get(key) ?? '') + delta);
    const block = (value: string) =>
      type === 'text' ? { type, text: value, index } : { type, reasoning: value, index };
    const chunk = this.#chunk({ content: [block(delta)], text: type === 'text' ? delta : '' });
    // An empty block first: LangChain's content-block events put a block's first chunk in
    // `content-block-start`, and `streamEvents().text` reads only the deltas after it.
    return opens ? [this.#chunk({ content: [block('')] }), chunk] : [chunk];
  }

  /** Emits what a `*.done` value holds beyond the deltas seen (servers that send no deltas). */
  #rest(key: string, type: 'text' | 'reasoning', full: string): ChatGenerationChunk[] {
    const emitted = this.#emittedText.get(key) ?? '';
    if (!full.startsWith(emitted)) return [];
    return this.#textBlock(key, type, full.slice(emitted.length));
  }

  #toolCallArgs(
    outputIndex: number,
    args: string,
    id?: string | undefined,
    name?: string | undefined,
  ): ChatGenerationChunk[] {
    let state = this.#toolCalls.get(outputIndex);
    const isNew = state === undefined;
    if (!state) {
      state = { index: this.#blockIndex(`call:${outputIndex}`), args: '', id, name };
      this.#toolCalls.set(outputIndex, state);
    }
    const learned =
      (id !== undefined && state.id !== id) || (name !== undefined && state.name !== name);
    if (id !== undefined) state.id = id;
    if (name !== undefined) state.name = name;
    if (!isNew && args === '' && !learned) return [];
    state.args += args;
    const chunk: ToolCallChunk = { type: 'tool_call_chunk', args, index: state.index };
    if (isNew || learned) {
      chunk.id = state.id;
      chunk.name = state.name;
    }
    return [this.#chunk({ toolCallChunks: [chunk] })];
  }

  #toolCallRest(
    outputIndex: number,
    full: string,
    id?: string,
    name?: string,
  ): ChatGenerationChunk[] {
    const emitted = this.#toolCalls.get(outputIndex)?.args ?? '';
    const rest = full.startsWith(emitted) ? full.slice(emitted.length) : '';
    return this.#toolCallArgs(outputIndex, rest, id, name);
  }

  #itemDone(outputIndex: number, item: Block): ChatGenerationChunk[] {
    switch (item.type) {
      case 'function_call':
        return this.#toolCallRest(
          outputIndex,
          typeof item.arguments === 'string' ? item.arguments : '',
          typeof item.call_id === 'string' ? item.call_id : undefined,
          typeof item.name === 'string' ? item.name : undefined,
        );
      case 'message': {
        const parts = Array.isArray(item.content) ? (item.content as Block[]) : [];
        return parts.flatMap((part, contentIndex) =>
          part.type === 'output_text' && typeof part.text === 'string'
            ? this.#rest(`text:${outputIndex}:${contentIndex}`, 'text', part.text)
            : [],
        );
      }
      case 'reasoning':
        return this.#reasoningDone(outputIndex, item as unknown as StoredReasoningItem);
      default:
        return [this.#chunk({ additionalKwargs: { tool_outputs: [item] } })];
    }
  }

  #reasoningDone(outputIndex: number, item: StoredReasoningItem): ChatGenerationChunk[] {
    const chunks = [
      ...(item.summary ?? []).flatMap((part, summaryIndex) =>
        this.#rest(`summary:${outputIndex}:${summaryIndex}`, 'reasoning', part.text),
      ),
      ...(item.content ?? []).flatMap((part, contentIndex) =>
        this.#rest(`raw:${outputIndex}:${contentIndex}`, 'reasoning', part.text),
      ),
    ];
    const stored: StoredReasoningItem = {
      type: 'reasoning',
      id: item.id,
      summary: item.summary ?? [],
    };
    if (item.content && item.content.length > 0) stored.content = item.content;
    if (typeof item.encrypted_content === 'string')
      stored.encrypted_content = item.encrypted_content;
    chunks.push(this.#chunk({ additionalKwargs: { reasoning_items: [stored] } }));
    return chunks;
  }

  #final(response: Response): ChatGenerationChunk {
    this.#finished = true;
    this.#responseId = response.id ?? this.#responseId;
    return this.#chunk({
      usage: toUsageMetadata(response.usage),
      responseMetadata: toResponseMetadata(response, {
        hasToolCalls: this.#toolCalls.size > 0,
        requestId: this.#requestId,
      }),
    });
  }

  #chunk(parts: ChunkParts): ChatGenerationChunk {
    const message = new AIMessageChunk({
      content: (parts.content ?? []) as AIMessageChunk['content'],
      tool_call_chunks: parts.toolCallChunks ?? [],
      additional_kwargs: parts.additionalKwargs ?? {},
      response_metadata: parts.responseMetadata ?? {},
      usage_metadata: parts.usage,
      id: this.#responseId,
    });
    return new ChatGenerationChunk({ text: parts.text ?? '', message });
  }
}

/** The typed error for a `response.failed` event (used when one reaches the mapper). */
export function failedResponseError(response: Response | undefined): APIStreamError {
  const error = response?.error;
  const code = error?.code ?? null;
  return new APIStreamError({
    message: `APIFree stream failed${code ? ` (${code})` : ''}: ${error?.message ?? 'the response failed without an error message'}`,
    code,
    response,
  });
}

function errorEventError(event: ErrorEvent): APIStreamError {
  const details = event.error ?? event;
  const code = details.code ?? null;
  return new APIStreamError({
    message: `APIFree stream failed${code ? ` (${code})` : ''}: ${details.message ?? 'error event without a message'}`,
    code,
    type: event.error?.type ?? null,
    param: details.param ?? null,
  });
}
