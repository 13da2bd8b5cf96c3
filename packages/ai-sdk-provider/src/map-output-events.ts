import type {
  JSONObject,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { Annotation, OutputEvent } from '@apifree/core';
import { annotationCitations, annotationSource } from './annotation-source';
import { reasoningBlockId, textBlockId } from './block-ids';
import { convertUsage } from './convert-usage';
import { mapFinishReason } from './map-finish-reason';

/**
 * Translates core's output events into AI SDK stream parts: a pure translation, since
 * core has already guaranteed every block's start → deltas → end and classified the
 * finish. Stateful only for the `finish` part: one instance per stream.
 *
 * @example
 * const mapper = new StreamPartMapper({ providerName: 'apifree', mapError });
 * const normalizer = createEventNormalizer((event) => mapper.map(event, (part) => parts.push(part)));
 * for await (const rawEvent of stream) normalizer.push(rawEvent);
 * parts.push(mapper.finish());
 */
export class StreamPartMapper {
  readonly #providerName: string;
  readonly #mapError: (error: unknown) => unknown;
  /** Reasoning items that produced at least one block (the others still need one, for replay). */
  readonly #reasoningWithBlocks = new Set<number>();
  #responseId: string | undefined;
  #serviceTier: string | undefined;
  #warnings: string[] = [];
  // A stream that ends without a finish or failure event is interrupted until proven otherwise.
  #finishReason: LanguageModelV4FinishReason = { unified: 'interrupted', raw: undefined };
  #usage: LanguageModelV4Usage = convertUsage(undefined);

  /** `mapError` turns the typed error of a failure into the AI SDK's. */
  constructor({
    providerName,
    mapError,
  }: {
    providerName: string;
    mapError: (error: unknown) => unknown;
  }) {
    this.#providerName = providerName;
    this.#mapError = mapError;
  }

  /** Emits the parts of one output event (often one, sometimes none), in order. */
  map(event: OutputEvent, emit: (part: LanguageModelV4StreamPart) => void): void {
    switch (event.type) {
      case 'response-start':
        this.#responseId ??= event.id;
        if (event.id === undefined) return;
        emit({
          type: 'response-metadata',
          id: event.id,
          ...(event.createdAt !== undefined && { timestamp: new Date(event.createdAt * 1000) }),
          ...(event.model !== undefined && { modelId: event.model }),
        });
        return;
      case 'text-start':
      case 'refusal-start':
        emit({
          type: 'text-start',
          id: textBlockId(event.itemId, event.contentIndex),
          providerMetadata: this.#metadata(itemIdOf(event)),
        });
        return;
      case 'text-delta':
      case 'refusal-delta':
        emit({
          type: 'text-delta',
          id: textBlockId(event.itemId, event.contentIndex),
          delta: event.delta,
        });
        return;
      case 'text-annotation': {
        const source = annotationSource(
          event.annotation,
          `${event.itemId}:${event.contentIndex}:${event.annotationIndex}`,
        );
        if (source) emit(source);
        return;
      }
      case 'text-end':
        emit(this.#textEnd(event, event.annotations));
        return;
      case 'refusal-end':
        emit(this.#textEnd(event, []));
        return;
      case 'reasoning-start':
        this.#reasoningWithBlocks.add(event.outputIndex);
        emit({
          type: 'reasoning-start',
          id: reasoningBlockId(event.itemId, event.part, event.partIndex),
          providerMetadata: this.#metadata({
            ...itemIdOf(event),
            reasoningEncryptedContent: null,
          }),
        });
        return;
      case 'reasoning-delta':
        emit({
          type: 'reasoning-delta',
          id: reasoningBlockId(event.itemId, event.part, event.partIndex),
          delta: event.delta,
        });
        return;
      case 'reasoning-end':
        emit({
          type: 'reasoning-end',
          id: reasoningBlockId(event.itemId, event.part, event.partIndex),
          providerMetadata: this.#metadata({
            ...itemIdOf(event),
            reasoningEncryptedContent: event.encryptedContent ?? null,
          }),
        });
        return;
      case 'reasoning-item': {
        if (this.#reasoningWithBlocks.has(event.outputIndex)) return;
        // A reasoning item without summary or text still has to reach the next turn
        // (its id and encrypted content): an empty block carries it.
        const id = reasoningBlockId(event.itemId, 'summary', 0);
        const providerMetadata = this.#metadata({
          itemId: event.item.id,
          reasoningEncryptedContent: event.item.encrypted_content ?? null,
        });
        emit({ type: 'reasoning-start', id, providerMetadata });
        emit({ type: 'reasoning-end', id, providerMetadata });
        return;
      }
      case 'tool-call-start':
        emit({ type: 'tool-input-start', id: event.callId, toolName: event.name });
        return;
      case 'tool-call-delta':
        emit({ type: 'tool-input-delta', id: event.callId, delta: event.delta });
        return;
      case 'tool-call-end':
        emit({ type: 'tool-input-end', id: event.callId });
        if (event.partial) return;
        emit({
          type: 'tool-call',
          toolCallId: event.callId,
          toolName: event.name,
          // A call without arguments is sent as "" by some servers; the AI SDK needs JSON.
          input: event.arguments === '' ? '{}' : event.arguments,
          providerMetadata: this.#metadata(itemIdOf(event)),
        });
        return;
      case 'item-done':
        return;
      case 'finish':
        this.#responseId = event.response.id ?? this.#responseId;
        if (typeof event.response.service_tier === 'string')
          this.#serviceTier = event.response.service_tier;
        this.#usage = convertUsage(event.usage);
        this.#finishReason = mapFinishReason(event.finish);
        this.#warnings = event.warnings;
        return;
      case 'failure':
        this.#finishReason = mapFinishReason(event.finish);
        emit({ type: 'error', error: this.#mapError(event.error) });
        return;
    }
  }

  /** The `finish` part: finish reason, usage, the response id, and what core warned about. */
  finish(): LanguageModelV4StreamPart {
    return {
      type: 'finish',
      finishReason: this.#finishReason,
      usage: this.#usage,
      providerMetadata: this.#metadata({
        responseId: this.#responseId ?? null,
        ...(this.#serviceTier !== undefined && { serviceTier: this.#serviceTier }),
        ...(this.#warnings.length > 0 && { warnings: this.#warnings }),
      }),
    };
  }

  #textEnd(
    position: { itemId: string; serverItemId: string | undefined; contentIndex: number },
    annotations: Annotation[],
  ): LanguageModelV4StreamPart {
    const citations = annotationCitations(annotations, position.itemId);
    return {
      type: 'text-end',
      id: textBlockId(position.itemId, position.contentIndex),
      ...(citations.length > 0 && { citations }),
      providerMetadata: this.#metadata({
        ...itemIdOf(position),
        ...(annotations.length > 0 && { annotations: annotations as JSONObject[] }),
      }),
    };
  }

  #metadata(values: JSONObject): Record<string, JSONObject> {
    return { [this.#providerName]: values };
  }
}

/**
 * `{ itemId }` for an item the server named, else nothing: only the server's own ids can
 * be sent back to it in a later turn (core's `item-<n>` keys are local to one answer).
 */
export function itemIdOf(position: { serverItemId: string | undefined }): { itemId?: string } {
  return position.serverItemId === undefined ? {} : { itemId: position.serverItemId };
}
