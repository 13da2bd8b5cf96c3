import type {
  JSONObject,
  LanguageModelV4Citation,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { Annotation, OutputItem, ResponseStreamEvent, UnknownOutputItem } from '@apifree/core';
import { convertUsage } from './convert-usage';
import { mapFinishReason } from './map-finish-reason';

type ItemState =
  | { type: 'message'; itemId: string; annotations: Annotation[] }
  | {
      type: 'function_call';
      itemId: string;
      callId: string;
      toolName: string;
      streamedArguments: string;
      doneArguments: string | undefined;
    }
  | { type: 'reasoning'; itemId: string; encryptedContent: string | null; openBlocks: Set<number> }
  | { type: 'other' };

/**
 * True for events that carry output: once one has been delivered, a failure can no
 * longer be retried without the caller seeing a partial answer.
 */
export function isOutputEvent(event: { type: string }): boolean {
  return event.type.startsWith('response.output_item.') || event.type.endsWith('.delta');
}

/**
 * Turns Responses stream events (as `@apifree/core` delivers them) into AI SDK
 * stream parts. Items are tracked by `output_index`, because some servers rotate item
 * ids between the events of one item. Stateful: one instance per stream.
 *
 * @example
 * const mapper = new StreamEventMapper({ providerName: 'apifree', includeRawChunks: false });
 * for await (const event of stream) parts.push(...mapper.map(event));
 * parts.push(mapper.finish());
 */
export class StreamEventMapper {
  readonly #providerName: string;
  readonly #includeRawChunks: boolean;
  readonly #items = new Map<number, ItemState>();
  #responseId: string | undefined;
  #serviceTier: string | undefined;
  #hasFunctionCall = false;
  #hasRefusal = false;
  #failed = false;
  // A stream that ends without a terminal event is interrupted until proven otherwise.
  #finishReason: LanguageModelV4FinishReason = { unified: 'interrupted', raw: undefined };
  #usage: LanguageModelV4Usage = convertUsage(undefined);

  constructor({
    providerName,
    includeRawChunks,
  }: { providerName: string; includeRawChunks: boolean }) {
    this.#providerName = providerName;
    this.#includeRawChunks = includeRawChunks;
  }

  /** The parts for one event, in order. Unknown events produce none (only a `raw` part). */
  map(event: ResponseStreamEvent): LanguageModelV4StreamPart[] {
    const parts: LanguageModelV4StreamPart[] = [];
    if (this.#includeRawChunks) parts.push({ type: 'raw', rawValue: event });

    switch (event.type) {
      case 'response.created':
      case 'response.queued':
      case 'response.in_progress':
        if (this.#responseId === undefined) {
          this.#responseId = event.response.id;
          parts.push({
            type: 'response-metadata',
            id: event.response.id,
            ...(typeof event.response.created_at === 'number' && {
              timestamp: new Date(event.response.created_at * 1000),
            }),
            ...(typeof event.response.model === 'string' && { modelId: event.response.model }),
          });
        }
        break;

      case 'response.output_item.added':
        this.#itemAdded(event.output_index, event.item, parts);
        break;

      case 'response.output_item.done':
        this.#itemDone(event.output_index, event.item, parts);
        break;

      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        if (event.type === 'response.refusal.delta') this.#hasRefusal = true;
        const message = this.#message(event.output_index, event.item_id, parts);
        parts.push({ type: 'text-delta', id: message.itemId, delta: event.delta });
        break;
      }

      case 'response.output_text.annotation.added': {
        const message = this.#message(event.output_index, event.item_id, parts);
        message.annotations.push(event.annotation);
        const source = annotationSource(
          event.annotation,
          `${message.itemId}:${event.content_index}:${event.annotation_index}`,
        );
        if (source) parts.push(source);
        break;
      }

      case 'response.function_call_arguments.delta': {
        const call = this.#items.get(event.output_index);
        if (call?.type !== 'function_call') break;
        call.streamedArguments += event.delta;
        parts.push({ type: 'tool-input-delta', id: call.callId, delta: event.delta });
        break;
      }

      case 'response.function_call_arguments.done': {
        const call = this.#items.get(event.output_index);
        if (call?.type === 'function_call') call.doneArguments = event.arguments;
        break;
      }

      case 'response.reasoning_summary_part.added': {
        const reasoning = this.#reasoning(event.output_index, event.item_id);
        this.#openReasoningBlock(reasoning, event.summary_index, parts, true);
        break;
      }

      case 'response.reasoning_summary_text.delta': {
        const reasoning = this.#reasoning(event.output_index, event.item_id);
        this.#openReasoningBlock(reasoning, event.summary_index, parts, false);
        parts.push({
          type: 'reasoning-delta',
          id: `${reasoning.itemId}:${event.summary_index}`,
          delta: event.delta,
        });
        break;
      }

      case 'response.reasoning_text.delta':
      case 'response.reasoning.delta': {
        const reasoning = this.#reasoning(event.output_index, event.item_id);
        this.#openReasoningBlock(reasoning, event.content_index, parts, false);
        parts.push({
          type: 'reasoning-delta',
          id: `${reasoning.itemId}:${event.content_index}`,
          delta: event.delta,
        });
        break;
      }

      case 'response.completed':
      case 'response.incomplete':
        this.#responseId ??= event.response.id;
        if (typeof event.response.service_tier === 'string')
          this.#serviceTier = event.response.service_tier;
        this.#usage = convertUsage(event.response.usage);
        if (!this.#failed) {
          this.#finishReason = mapFinishReason({
            status: event.response.status,
            incompleteReason: event.response.incomplete_details?.reason,
            hasFunctionCall: this.#hasFunctionCall,
            hasRefusal: this.#hasRefusal,
          });
        }
        break;
    }
    return parts;
  }

  /**
   * The parts for a failure after output began: open blocks are closed, then an
   * `error` part; the finish reason becomes `finishReason`.
   */
  fail({
    error,
    finishReason,
    rawEvent,
  }: {
    error: unknown;
    finishReason: LanguageModelV4FinishReason;
    rawEvent?: unknown;
  }): LanguageModelV4StreamPart[] {
    const parts: LanguageModelV4StreamPart[] = [];
    if (this.#includeRawChunks && rawEvent !== undefined)
      parts.push({ type: 'raw', rawValue: rawEvent });
    for (const [outputIndex, item] of this.#items) this.#closeItem(outputIndex, item, parts);
    parts.push({ type: 'error', error });
    this.#failed = true;
    this.#finishReason = finishReason;
    return parts;
  }

  /** The `finish` part: finish reason, usage and the response id. */
  finish(): LanguageModelV4StreamPart {
    return {
      type: 'finish',
      finishReason: this.#finishReason,
      usage: this.#usage,
      providerMetadata: {
        [this.#providerName]: {
          responseId: this.#responseId ?? null,
          ...(this.#serviceTier !== undefined && { serviceTier: this.#serviceTier }),
        },
      },
    };
  }

  #metadata(values: JSONObject): Record<string, JSONObject> {
    return { [this.#providerName]: values };
  }

  #itemAdded(
    outputIndex: number,
    item: OutputItem | UnknownOutputItem,
    parts: LanguageModelV4StreamPart[],
  ): void {
    const itemId = typeof item.id === 'string' ? item.id : `item-${outputIndex}`;
    switch (item.type) {
      case 'message':
        this.#items.set(outputIndex, { type: 'message', itemId, annotations: [] });
        parts.push({
          type: 'text-start',
          id: itemId,
          providerMetadata: this.#metadata({ itemId }),
        });
        break;
      case 'function_call': {
        const call = item as Extract<OutputItem, { type: 'function_call' }>;
        this.#items.set(outputIndex, {
          type: 'function_call',
          itemId,
          callId: call.call_id,
          toolName: call.name,
          streamedArguments: '',
          doneArguments: undefined,
        });
        parts.push({ type: 'tool-input-start', id: call.call_id, toolName: call.name });
        break;
      }
      case 'reasoning': {
        const reasoning = {
          type: 'reasoning' as const,
          itemId,
          encryptedContent: readEncryptedContent(item),
          openBlocks: new Set<number>(),
        };
        this.#items.set(outputIndex, reasoning);
        this.#openReasoningBlock(reasoning, 0, parts, false);
        break;
      }
      default:
        this.#items.set(outputIndex, { type: 'other' });
    }
  }

  #itemDone(
    outputIndex: number,
    item: OutputItem | UnknownOutputItem,
    parts: LanguageModelV4StreamPart[],
  ): void {
    const state = this.#items.get(outputIndex);
    if (state === undefined) {
      // A server that skipped `output_item.added`: the finished item still counts.
      this.#itemAdded(outputIndex, item, parts);
      this.#itemDone(outputIndex, item, parts);
      return;
    }
    if (state.type === 'function_call' && item.type === 'function_call') {
      const itemArguments = (item as Extract<OutputItem, { type: 'function_call' }>).arguments;
      const input = [state.doneArguments, itemArguments, state.streamedArguments].find(
        (candidate) => typeof candidate === 'string' && candidate !== '',
      );
      // Some servers send the arguments only in `.done`: stream them as one delta.
      if (input !== undefined && state.streamedArguments === '') {
        parts.push({ type: 'tool-input-delta', id: state.callId, delta: input });
      }
      parts.push({ type: 'tool-input-end', id: state.callId });
      parts.push({
        type: 'tool-call',
        toolCallId: state.callId,
        toolName: state.toolName,
        input: input ?? '{}',
        providerMetadata: this.#metadata({ itemId: state.itemId }),
      });
      this.#hasFunctionCall = true;
      this.#items.delete(outputIndex);
      return;
    }
    if (state.type === 'reasoning')
      state.encryptedContent = readEncryptedContent(item) ?? state.encryptedContent;
    this.#closeItem(outputIndex, state, parts);
  }

  /** Ends an item's open text, reasoning or tool-input block without a tool call. */
  #closeItem(outputIndex: number, state: ItemState, parts: LanguageModelV4StreamPart[]): void {
    this.#items.delete(outputIndex);
    switch (state.type) {
      case 'message': {
        const citations = state.annotations.flatMap((annotation, index) => {
          const source = annotationSource(annotation, `${state.itemId}:citation:${index}`);
          if (!source) return [];
          const citation: LanguageModelV4Citation = { source };
          const { start_index: startIndex, end_index: endIndex } = annotation as Record<
            string,
            unknown
          >;
          if (typeof startIndex === 'number') citation.startIndex = startIndex;
          if (typeof endIndex === 'number') citation.endIndex = endIndex;
          return [citation];
        });
        parts.push({
          type: 'text-end',
          id: state.itemId,
          ...(citations.length > 0 && { citations }),
          providerMetadata: this.#metadata({
            itemId: state.itemId,
            ...(state.annotations.length > 0 && { annotations: state.annotations as JSONObject[] }),
          }),
        });
        break;
      }
      case 'reasoning':
        for (const block of state.openBlocks) this.#endReasoningBlock(state, block, parts);
        break;
      case 'function_call':
        parts.push({ type: 'tool-input-end', id: state.callId });
        break;
      case 'other':
        break;
    }
  }

  #message(outputIndex: number, itemId: string, parts: LanguageModelV4StreamPart[]) {
    const state = this.#items.get(outputIndex);
    if (state?.type === 'message') return state;
    const message = { type: 'message' as const, itemId, annotations: [] };
    this.#items.set(outputIndex, message);
    parts.push({ type: 'text-start', id: itemId, providerMetadata: this.#metadata({ itemId }) });
    return message;
  }

  #reasoning(outputIndex: number, itemId: string) {
    const state = this.#items.get(outputIndex);
    if (state?.type === 'reasoning') return state;
    const reasoning = {
      type: 'reasoning' as const,
      itemId,
      encryptedContent: null,
      openBlocks: new Set<number>(),
    };
    this.#items.set(outputIndex, reasoning);
    return reasoning;
  }

  /** Starts reasoning block `index`; a new summary part ends the blocks before it. */
  #openReasoningBlock(
    state: Extract<ItemState, { type: 'reasoning' }>,
    index: number,
    parts: LanguageModelV4StreamPart[],
    endOthers: boolean,
  ): void {
    if (state.openBlocks.has(index)) return;
    if (endOthers)
      for (const block of state.openBlocks) this.#endReasoningBlock(state, block, parts);
    state.openBlocks.add(index);
    parts.push({
      type: 'reasoning-start',
      id: `${state.itemId}:${index}`,
      providerMetadata: this.#metadata({
        itemId: state.itemId,
        reasoningEncryptedContent: state.encryptedContent,
      }),
    });
  }

  #endReasoningBlock(
    state: Extract<ItemState, { type: 'reasoning' }>,
    index: number,
    parts: LanguageModelV4StreamPart[],
  ): void {
    state.openBlocks.delete(index);
    parts.push({
      type: 'reasoning-end',
      id: `${state.itemId}:${index}`,
      providerMetadata: this.#metadata({
        itemId: state.itemId,
        reasoningEncryptedContent: state.encryptedContent,
      }),
    });
  }
}

function readEncryptedContent(item: OutputItem | UnknownOutputItem): string | null {
  const value = (item as { encrypted_content?: unknown }).encrypted_content;
  return typeof value === 'string' ? value : null;
}

/** A `source` part for a URL or file citation; other annotation kinds have none. */
export function annotationSource(
  annotation: Annotation,
  id: string,
): Extract<LanguageModelV4StreamPart, { type: 'source' }> | undefined {
  if (annotation.type === 'url_citation' && typeof annotation.url === 'string') {
    return {
      type: 'source',
      sourceType: 'url',
      id,
      url: annotation.url,
      ...(typeof annotation.title === 'string' && { title: annotation.title }),
    };
  }
  if (annotation.type === 'file_citation' && typeof annotation.file_id === 'string') {
    const filename = typeof annotation.filename === 'string' ? annotation.filename : undefined;
    return {
      type: 'source',
      sourceType: 'document',
      id,
      mediaType: 'application/octet-stream',
      title: filename ?? annotation.file_id,
      ...(filename !== undefined && { filename }),
    };
  }
  return undefined;
}
