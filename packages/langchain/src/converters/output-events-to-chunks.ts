import type { OutputEvent } from '@apifree/core';
import { AIMessageChunk, type ToolCallChunk, type UsageMetadata } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { toLangChainAnnotation } from './annotations';
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

/**
 * Translates core's output events into LangChain chunks: a pure translation, since core
 * has already guaranteed each block's start → deltas → end (also for servers that send
 * only final values) and classified the finish. One instance per stream.
 *
 * What merged chunks give (`concat`): content as an array of `text`, `reasoning` and
 * `refusal` blocks, each keyed by a numeric `index`; `tool_call_chunks` keyed by the same
 * kind of index (unique across blocks, so LangChain's content-block events do not mix
 * them up), opened with the call's id and name and given its arguments whole when the
 * call ends; reasoning items for replay in `additional_kwargs.reasoning_items`; and, on the
 * last chunk only, `usage_metadata` and `response_metadata` (model name, finish reason),
 * because merging adds numbers and concatenates strings. A `failure` event throws its
 * typed error: a partial answer is never returned as a success.
 *
 * @example
 * const mapper = new OutputEventsToChunks({ requestId: stream.response.requestId });
 * for await (const event of normalizeEvents(stream)) for (const chunk of mapper.map(event)) yield chunk;
 */
export class OutputEventsToChunks {
  #blockIndexes = new Map<string, number>();
  #responseId: string | undefined;
  #requestId: string | undefined;
  #requestWarnings: string[];

  constructor(options: { requestId?: string | undefined; requestWarnings?: string[] } = {}) {
    this.#requestId = options.requestId;
    this.#requestWarnings = options.requestWarnings ?? [];
  }

  /** The chunks one event produces (often none). Throws the error of a `failure` event. */
  map(event: OutputEvent): ChatGenerationChunk[] {
    switch (event.type) {
      case 'response-start':
        this.#responseId = event.id ?? this.#responseId;
        return [];
      case 'text-start':
        return [
          this.#textChunk(this.#index(`text:${event.outputIndex}:${event.contentIndex}`), ''),
        ];
      case 'text-delta':
        return [
          this.#textChunk(
            this.#index(`text:${event.outputIndex}:${event.contentIndex}`),
            event.delta,
          ),
        ];
      case 'text-annotation':
        return [
          this.#chunk({
            content: [
              {
                type: 'text',
                text: '',
                index: this.#index(`text:${event.outputIndex}:${event.contentIndex}`),
                annotations: [toLangChainAnnotation(event.annotation)],
              },
            ],
          }),
        ];
      case 'refusal-end':
        return [
          this.#chunk({
            content: [
              {
                type: 'refusal',
                refusal: event.refusal,
                index: this.#index(`refusal:${event.outputIndex}:${event.contentIndex}`),
              },
            ],
          }),
        ];
      case 'reasoning-start':
      case 'reasoning-delta': {
        const index = this.#index(
          `reasoning:${event.outputIndex}:${event.part}:${event.partIndex}`,
        );
        const reasoning = event.type === 'reasoning-delta' ? event.delta : '';
        return [this.#chunk({ content: [{ type: 'reasoning', reasoning, index }] })];
      }
      case 'reasoning-item':
        return [this.#chunk({ additionalKwargs: { reasoning_items: [event.item] } })];
      case 'tool-call-start':
        return [
          this.#chunk({
            toolCallChunks: [
              {
                type: 'tool_call_chunk',
                id: event.callId,
                name: event.name,
                args: '',
                index: this.#index(`call:${event.outputIndex}`),
              },
            ],
          }),
        ];
      case 'tool-call-end':
        // The final arguments, whole: merged chunks concatenate `args`, so deltas that a
        // server's final value contradicts could never be taken back.
        if (event.partial || event.arguments === '') return [];
        return [
          this.#chunk({
            toolCallChunks: [
              {
                type: 'tool_call_chunk',
                args: event.arguments,
                index: this.#index(`call:${event.outputIndex}`),
              },
            ],
          }),
        ];
      case 'item-done':
        return [this.#chunk({ additionalKwargs: { tool_outputs: [event.item] } })];
      case 'finish':
        this.#responseId = event.response.id ?? this.#responseId;
        return [
          this.#chunk({
            usage: toUsageMetadata(event.usage),
            responseMetadata: toResponseMetadata(event.response, event.finish, {
              requestId: this.#requestId,
              warnings: [...this.#requestWarnings, ...event.warnings],
            }),
          }),
        ];
      case 'failure':
        throw event.error;
      case 'text-end':
      case 'refusal-start':
      case 'refusal-delta':
      case 'reasoning-end':
      case 'tool-call-delta':
        return [];
    }
  }

  #index(key: string): number {
    let index = this.#blockIndexes.get(key);
    if (index === undefined) {
      index = this.#blockIndexes.size;
      this.#blockIndexes.set(key, index);
    }
    return index;
  }

  /**
   * A text block chunk. A block opens with an empty chunk: LangChain's content-block events
   * put a block's first chunk in `content-block-start`, and `streamEvents().text` reads
   * only the deltas after it.
   */
  #textChunk(index: number, text: string): ChatGenerationChunk {
    return this.#chunk({ content: [{ type: 'text', text, index }], text });
  }

  #chunk(parts: ChunkParts): ChatGenerationChunk {
    // Only the fields a chunk has (the others default to empty): a delta's chunk is built
    // thousands of times per answer, and fewer fields cost LangChain less to merge.
    const message = new AIMessageChunk({
      content: (parts.content ?? []) as AIMessageChunk['content'],
      ...(parts.toolCallChunks !== undefined && { tool_call_chunks: parts.toolCallChunks }),
      ...(parts.additionalKwargs !== undefined && { additional_kwargs: parts.additionalKwargs }),
      ...(parts.responseMetadata !== undefined && { response_metadata: parts.responseMetadata }),
      ...(parts.usage !== undefined && { usage_metadata: parts.usage }),
      ...(this.#responseId !== undefined && { id: this.#responseId }),
    });
    return new ChatGenerationChunk({ text: parts.text ?? '', message });
  }
}
