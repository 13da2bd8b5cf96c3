import { storedReasoningItem } from '../request/reasoning-replay';
import type {
  Annotation,
  FunctionCallOutput,
  OutputMessage,
  ReasoningOutput,
  Response,
  UnknownOutputItem,
} from '../wire/response';
import type { ResponseStreamEvent } from '../wire/stream-events';
import { classifyFailure, classifyFinish } from './finish';
import type { OutputEvent } from './output-event';
import { normalizeUsage } from './usage';

type Item = OutputMessage | FunctionCallOutput | ReasoningOutput | UnknownOutputItem;

interface TextBlock {
  kind: 'text' | 'refusal';
  contentIndex: number;
  streamed: string;
  /** The value of `*.done` or of the finished part, once known. */
  final: string | undefined;
  annotations: Annotation[];
}

interface ReasoningBlock {
  part: 'summary' | 'text';
  partIndex: number;
  streamed: string;
  final: string | undefined;
}

interface ItemState {
  outputIndex: number;
  itemId: string;
  /** The latest id the server gave the item; only this may be sent back to it. */
  serverItemId: string | undefined;
  type: string;
  ended: boolean;
  /** Matched to an item of the terminal response. */
  settled: boolean;
  /** Message parts by content index, reasoning parts by `summary:<i>` / `text:<i>`. */
  texts: Map<number, TextBlock>;
  reasonings: Map<string, ReasoningBlock>;
  encryptedContent: string | undefined;
  /** Function call: known once `output_item.added` (or the finished item) names it. */
  callId: string | undefined;
  name: string | undefined;
  started: boolean;
  streamedArguments: string;
  doneArguments: string | undefined;
}

/** Turns Responses stream events into {@link OutputEvent}s; see {@link createEventNormalizer}. */
export interface EventNormalizer {
  /** Reads one raw event, emitting the output events it produces (often none), in order. */
  push(event: ResponseStreamEvent): void;
  /**
   * The stream ended with `error`: ends the open blocks (marked `partial`) and emits a
   * `failure` event with the error's classification.
   */
  fail(error: unknown): void;
  /** Whether the answer ended: a terminal event was pushed, or `fail` was called. */
  readonly finished: boolean;
}

/**
 * The one interpreter of a Responses answer. Stateful: one per stream. Items are told
 * apart by `output_index`; each block's events are guaranteed to go start → deltas → end,
 * also when a server sends only `*.done` values, only `output_item.done`, only the
 * terminal response, or drops deltas. Blocks end when their item ends (so a reasoning
 * block's end carries the item's encrypted content), or at the terminal event.
 *
 * When deltas and a final value disagree, the final value wins: it is the server's own
 * record of the answer (what `response.completed` and a non-streaming call return, and for
 * function calls the arguments to run). If the final value extends what was streamed,
 * the rest is emitted as one more delta, so the deltas add up to it (servers that stream
 * nothing, or drop the last deltas). If it contradicts them (a proxy lost deltas
 * mid-stream), deltas already delivered cannot be recalled: the `*-end` event carries
 * the final value and the `finish` event a warning.
 *
 * Output events are handed to `emit` as they are produced (no array per raw event: this
 * runs once per event of every stream).
 *
 * @example
 * const normalizer = createEventNormalizer((output) => handle(output));
 * for await (const event of stream) normalizer.push(event);
 */
export function createEventNormalizer(emit: (event: OutputEvent) => void): EventNormalizer {
  const items = new Map<number, ItemState>();
  const warnings: string[] = [];
  let started = false;
  let hasToolCalls = false;
  let hasRefusal = false;
  let finished = false;
  let lateEventsWarned = false;

  function warn(warning: string): void {
    if (!warnings.includes(warning)) warnings.push(warning);
  }

  function state(outputIndex: number, type: string, itemId: string | undefined): ItemState {
    let item = items.get(outputIndex);
    if (item === undefined) {
      item = {
        outputIndex,
        itemId: itemId ?? `item-${outputIndex}`,
        serverItemId: itemId,
        type,
        ended: false,
        settled: false,
        texts: new Map(),
        reasonings: new Map(),
        encryptedContent: undefined,
        callId: undefined,
        name: undefined,
        started: false,
        streamedArguments: '',
        doneArguments: undefined,
      };
      items.set(outputIndex, item);
    } else if (itemId !== undefined) {
      item.serverItemId = itemId;
    }
    return item;
  }

  /**
   * The open item an event about `outputIndex` belongs to, or `undefined` (after one
   * warning) when that item already ended: a block must not reopen after its end.
   */
  function open(outputIndex: number, type: string, itemId: string | undefined) {
    const item = state(outputIndex, type, itemId);
    if (!item.ended) return item;
    if (!lateEventsWarned) {
      lateEventsWarned = true;
      warn(
        `output[${outputIndex}]: events arrived after the item ended (output_item.done); they were ignored.`,
      );
    }
    return undefined;
  }

  function learn(item: ItemState, from: Item): void {
    if (item.type === 'function_call' && from.type === 'function_call') {
      const call = from as FunctionCallOutput;
      item.callId ??= call.call_id;
      item.name ??= call.name;
    }
    if (from.type === 'reasoning') {
      const encrypted = (from as ReasoningOutput).encrypted_content;
      if (typeof encrypted === 'string') item.encryptedContent = encrypted;
    }
  }

  const position = (item: ItemState) => ({
    outputIndex: item.outputIndex,
    itemId: item.itemId,
    serverItemId: item.serverItemId,
  });

  /**
   * The content index of a text or refusal event. A server that omits it means the
   * latest part of that kind (or a new one): a refusal never merges into a text part.
   */
  function contentIndexOf(item: ItemState, kind: 'text' | 'refusal', given: number | undefined) {
    if (given !== undefined) return given;
    let latest: number | undefined;
    let next = 0;
    for (const block of item.texts.values()) {
      if (block.kind === kind && (latest === undefined || block.contentIndex > latest))
        latest = block.contentIndex;
      next = Math.max(next, block.contentIndex + 1);
    }
    return latest ?? next;
  }

  function textBlock(item: ItemState, kind: 'text' | 'refusal', contentIndex: number): TextBlock {
    let block = item.texts.get(contentIndex);
    if (block === undefined) {
      block = { kind, contentIndex, streamed: '', final: undefined, annotations: [] };
      item.texts.set(contentIndex, block);
      if (kind === 'refusal') hasRefusal = true;
      emit({ type: `${kind}-start`, ...position(item), contentIndex });
    }
    return block;
  }

  function textDelta(item: ItemState, block: TextBlock, delta: string): void {
    if (delta === '') return;
    block.streamed += delta;
    // Built field by field, not spread: this runs once per delta of every stream.
    emit({
      type: block.kind === 'text' ? 'text-delta' : 'refusal-delta',
      outputIndex: item.outputIndex,
      itemId: item.itemId,
      serverItemId: item.serverItemId,
      contentIndex: block.contentIndex,
      delta,
    });
  }

  /** The rest of a final value beyond what was streamed, or a warning when they disagree. */
  function remainder(streamed: string, final: string, where: string): string {
    if (final.startsWith(streamed)) return final.slice(streamed.length);
    warn(
      `${where}: the streamed deltas differ from the final value; the final value (in the response) is authoritative.`,
    );
    return '';
  }

  function settleText(item: ItemState, block: TextBlock, final: string): void {
    if (block.final !== undefined) return;
    block.final = final;
    textDelta(
      item,
      block,
      remainder(
        block.streamed,
        final,
        `output[${item.outputIndex}].content[${block.contentIndex}]`,
      ),
    );
  }

  function annotate(item: ItemState, block: TextBlock, annotation: Annotation) {
    block.annotations.push(annotation);
    emit({
      type: 'text-annotation',
      ...position(item),
      contentIndex: block.contentIndex,
      annotation,
      annotationIndex: block.annotations.length - 1,
    });
  }

  function reasoningBlock(
    item: ItemState,
    part: 'summary' | 'text',
    partIndex: number,
  ): ReasoningBlock {
    const key = `${part}:${partIndex}`;
    let block = item.reasonings.get(key);
    if (block === undefined) {
      block = { part, partIndex, streamed: '', final: undefined };
      item.reasonings.set(key, block);
      emit({ type: 'reasoning-start', ...position(item), part, partIndex });
    }
    return block;
  }

  function reasoningDelta(item: ItemState, block: ReasoningBlock, delta: string): void {
    if (delta === '') return;
    block.streamed += delta;
    emit({
      type: 'reasoning-delta',
      outputIndex: item.outputIndex,
      itemId: item.itemId,
      serverItemId: item.serverItemId,
      part: block.part,
      partIndex: block.partIndex,
      delta,
    });
  }

  function settleReasoning(item: ItemState, block: ReasoningBlock, final: string): void {
    if (block.final !== undefined) return;
    block.final = final;
    const where = `output[${item.outputIndex}].${block.part === 'summary' ? 'summary' : 'content'}[${block.partIndex}]`;
    reasoningDelta(item, block, remainder(block.streamed, final, where));
  }

  /** Starts a function call once its id and name are known, with the arguments held so far. */
  function startCall(item: ItemState): void {
    if (item.started || item.callId === undefined || item.name === undefined) return;
    item.started = true;
    hasToolCalls = true;
    const call = { ...position(item), callId: item.callId, name: item.name };
    emit({ type: 'tool-call-start', ...call });
    if (item.streamedArguments !== '')
      emit({ type: 'tool-call-delta', ...call, delta: item.streamedArguments });
  }

  function callDelta(item: ItemState, delta: string): void {
    if (delta === '') return;
    item.streamedArguments += delta;
    if (item.started)
      emit({
        type: 'tool-call-delta',
        outputIndex: item.outputIndex,
        itemId: item.itemId,
        serverItemId: item.serverItemId,
        callId: item.callId as string,
        name: item.name as string,
        delta,
      });
  }

  /** Ends an item: its blocks settle on the finished item's values (when given) and end. */
  function endItem(item: ItemState, finished: Item | undefined, partial: boolean) {
    if (item.ended) return;
    item.ended = true;
    if (finished !== undefined) learn(item, finished);
    switch (item.type) {
      case 'message': {
        const content = (finished as OutputMessage | undefined)?.content ?? [];
        for (const [contentIndex, part] of content.entries()) {
          if (part.type !== 'output_text' && part.type !== 'refusal') continue;
          const block = textBlock(item, part.type === 'refusal' ? 'refusal' : 'text', contentIndex);
          settleText(item, block, part.type === 'refusal' ? part.refusal : part.text);
          if (part.type === 'output_text')
            for (const annotation of (part.annotations ?? []).slice(block.annotations.length))
              annotate(item, block, annotation);
        }
        const ordered = [...item.texts.values()].sort((a, b) => a.contentIndex - b.contentIndex);
        for (const block of ordered) {
          const value = block.final ?? block.streamed;
          emit(
            block.kind === 'text'
              ? {
                  type: 'text-end',
                  ...position(item),
                  contentIndex: block.contentIndex,
                  text: value,
                  annotations: block.annotations,
                  partial,
                }
              : {
                  type: 'refusal-end',
                  ...position(item),
                  contentIndex: block.contentIndex,
                  refusal: value,
                  partial,
                },
          );
        }
        return;
      }
      case 'reasoning': {
        const reasoning = finished as ReasoningOutput | undefined;
        for (const [partIndex, part] of (reasoning?.summary ?? []).entries())
          settleReasoning(item, reasoningBlock(item, 'summary', partIndex), part.text);
        for (const [partIndex, part] of (reasoning?.content ?? []).entries())
          settleReasoning(item, reasoningBlock(item, 'text', partIndex), part.text);
        for (const block of item.reasonings.values()) {
          emit({
            type: 'reasoning-end',
            ...position(item),
            part: block.part,
            partIndex: block.partIndex,
            text: block.final ?? block.streamed,
            encryptedContent: item.encryptedContent,
            partial,
          });
        }
        // Only an item the server named can be replayed (the id refers to it).
        const id = reasoning?.id ?? item.serverItemId;
        if (reasoning !== undefined && !partial && id !== undefined) {
          emit({
            type: 'reasoning-item',
            ...position(item),
            item: storedReasoningItem({ ...reasoning, id }),
          });
        }
        return;
      }
      case 'function_call': {
        startCall(item);
        if (!item.started) return;
        const itemArguments = (finished as FunctionCallOutput | undefined)?.arguments;
        const final = [item.doneArguments, itemArguments].find(
          (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
        );
        if (final !== undefined && !partial)
          callDelta(
            item,
            remainder(item.streamedArguments, final, `output[${item.outputIndex}].arguments`),
          );
        emit({
          type: 'tool-call-end',
          ...position(item),
          callId: item.callId as string,
          name: item.name as string,
          arguments: partial ? item.streamedArguments : (final ?? item.streamedArguments),
          partial,
        });
        return;
      }
      default:
        if (finished !== undefined && !partial)
          emit({ type: 'item-done', ...position(item), item: finished as UnknownOutputItem });
    }
  }

  /**
   * The item state a finished item of the terminal response belongs to: the streamed item
   * with its id, else the one at its position if of the same type, else a new one (a
   * server's `output` may leave out or reorder what it streamed).
   */
  function settledItem(position: number, finishedItem: Item, finalIds: Set<string>): ItemState {
    const id = typeof finishedItem.id === 'string' ? finishedItem.id : undefined;
    let match: ItemState | undefined;
    if (id !== undefined)
      for (const item of items.values())
        if (!item.settled && (item.serverItemId === id || item.itemId === id)) match = item;
    if (match === undefined) {
      const atPosition = items.get(position);
      if (
        atPosition !== undefined &&
        !atPosition.settled &&
        atPosition.type === finishedItem.type &&
        (atPosition.serverItemId === undefined || !finalIds.has(atPosition.serverItemId))
      )
        match = atPosition;
    }
    if (match === undefined) {
      const free = items.has(position) ? Math.max(...items.keys()) + 1 : position;
      match = state(free, finishedItem.type, id);
    } else if (id !== undefined) {
      match.serverItemId = id;
    }
    match.settled = true;
    learn(match, finishedItem);
    return match;
  }

  function terminal(response: Response, eventType: 'response.completed' | 'response.incomplete') {
    finished = true;
    const output = response.output as Item[];
    const finalIds = new Set<string>();
    for (const finishedItem of output)
      if (typeof finishedItem.id === 'string') finalIds.add(finishedItem.id);
    for (const [position, finishedItem] of output.entries()) {
      const item = settledItem(position, finishedItem, finalIds);
      if (item.type === 'function_call') startCall(item);
      endItem(item, finishedItem, false);
    }
    for (const item of [...items.values()].sort((a, b) => a.outputIndex - b.outputIndex))
      endItem(item, undefined, false);
    const { usage, warnings: usageWarnings } = normalizeUsage(response.usage);
    emit({
      type: 'finish',
      finish: classifyFinish({
        status: eventType === 'response.incomplete' ? 'incomplete' : response.status,
        incompleteReason: response.incomplete_details?.reason,
        hasToolCalls,
        hasRefusal,
      }),
      usage,
      response,
      warnings: [...warnings, ...usageWarnings],
    });
  }

  function push(event: ResponseStreamEvent): void {
    if (finished) return;
    switch (event.type) {
      case 'response.created':
      case 'response.queued':
      case 'response.in_progress':
        if (!started) {
          started = true;
          emit({
            type: 'response-start',
            id: event.response.id,
            model: event.response.model,
            createdAt:
              typeof event.response.created_at === 'number' ? event.response.created_at : undefined,
          });
        }
        break;

      case 'response.output_item.added':
      case 'response.output_item.done': {
        const id = typeof event.item.id === 'string' ? event.item.id : undefined;
        const item = open(event.output_index, event.item.type, id);
        if (item === undefined) break;
        learn(item, event.item);
        if (event.type === 'response.output_item.done') endItem(item, event.item, false);
        else if (item.type === 'function_call') {
          startCall(item);
          callDelta(item, (event.item as FunctionCallOutput).arguments ?? '');
        }
        break;
      }

      case 'response.content_part.added':
      case 'response.content_part.done': {
        const part = event.part;
        if (part?.type !== 'output_text' && part?.type !== 'refusal') break;
        const item = open(event.output_index, 'message', event.item_id);
        if (item === undefined) break;
        const kind = part.type === 'refusal' ? 'refusal' : 'text';
        const block = textBlock(item, kind, contentIndexOf(item, kind, event.content_index));
        const value = part.type === 'refusal' ? part.refusal : part.text;
        if (event.type === 'response.content_part.added') textDelta(item, block, value ?? '');
        else settleText(item, block, value);
        break;
      }

      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const item = open(event.output_index, 'message', event.item_id);
        if (item === undefined) break;
        const kind = event.type === 'response.refusal.delta' ? 'refusal' : 'text';
        textDelta(
          item,
          textBlock(item, kind, contentIndexOf(item, kind, event.content_index)),
          event.delta,
        );
        break;
      }

      case 'response.output_text.done':
      case 'response.refusal.done': {
        const item = open(event.output_index, 'message', event.item_id);
        if (item === undefined) break;
        const kind = event.type === 'response.refusal.done' ? 'refusal' : 'text';
        const block = textBlock(item, kind, contentIndexOf(item, kind, event.content_index));
        settleText(
          item,
          block,
          event.type === 'response.refusal.done' ? event.refusal : event.text,
        );
        break;
      }

      case 'response.output_text.annotation.added': {
        const item = open(event.output_index, 'message', event.item_id);
        if (item === undefined) break;
        annotate(
          item,
          textBlock(item, 'text', contentIndexOf(item, 'text', event.content_index)),
          event.annotation,
        );
        break;
      }

      case 'response.function_call_arguments.delta': {
        const item = open(event.output_index, 'function_call', event.item_id);
        if (item !== undefined) callDelta(item, event.delta);
        break;
      }

      case 'response.function_call_arguments.done': {
        const item = open(event.output_index, 'function_call', event.item_id);
        if (item === undefined) break;
        item.name ??= event.name;
        item.doneArguments = event.arguments;
        startCall(item);
        if (item.started)
          callDelta(
            item,
            remainder(
              item.streamedArguments,
              event.arguments,
              `output[${item.outputIndex}].arguments`,
            ),
          );
        break;
      }

      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done': {
        const item = open(event.output_index, 'reasoning', event.item_id);
        if (item === undefined) break;
        const block = reasoningBlock(item, 'summary', event.summary_index ?? 0);
        const text = event.part?.text;
        if (event.type === 'response.reasoning_summary_part.added')
          reasoningDelta(item, block, text ?? '');
        else if (typeof text === 'string') settleReasoning(item, block, text);
        break;
      }

      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_summary_text.done': {
        const item = open(event.output_index, 'reasoning', event.item_id);
        if (item === undefined) break;
        const block = reasoningBlock(item, 'summary', event.summary_index ?? 0);
        if (event.type === 'response.reasoning_summary_text.delta')
          reasoningDelta(item, block, event.delta);
        else settleReasoning(item, block, event.text);
        break;
      }

      case 'response.reasoning_text.delta':
      case 'response.reasoning.delta': {
        const item = open(event.output_index, 'reasoning', event.item_id);
        if (item !== undefined)
          reasoningDelta(item, reasoningBlock(item, 'text', event.content_index ?? 0), event.delta);
        break;
      }

      case 'response.reasoning_text.done':
      case 'response.reasoning.done': {
        const item = open(event.output_index, 'reasoning', event.item_id);
        if (item !== undefined)
          settleReasoning(item, reasoningBlock(item, 'text', event.content_index ?? 0), event.text);
        break;
      }

      case 'response.completed':
      case 'response.incomplete':
        terminal(event.response, event.type);
        break;
    }
  }

  function fail(error: unknown): void {
    if (finished) return;
    finished = true;
    for (const item of [...items.values()].sort((a, b) => a.outputIndex - b.outputIndex))
      endItem(item, undefined, true);
    emit({ type: 'failure', finish: classifyFailure(error), error });
  }

  return {
    push,
    fail,
    get finished() {
      return finished;
    },
  };
}
