import type { ReasoningInputItem } from '../wire/request';
import type { Annotation, Response, UnknownOutputItem } from '../wire/response';
import type { Finish } from './finish';
import type { Usage } from './usage';

/** Where a block sits in the answer: its output item and, within it, its part. */
interface BlockPosition {
  /** The item's `output_index`: how items are told apart (servers may rotate item ids). */
  outputIndex: number;
  /**
   * A key for the item within this answer, stable for all its events: the item's id as
   * first seen, else `item-<outputIndex>` (which is never sent back to a server).
   */
  itemId: string;
  /**
   * The id the server gave the item (the latest, if it changed), or `undefined` if it gave
   * none: the id to refer to the item in a later request.
   */
  serverItemId: string | undefined;
}

interface ContentPosition extends BlockPosition {
  /** The part's `content_index` in the message. */
  contentIndex: number;
}

interface ReasoningPosition extends BlockPosition {
  /** `summary` (`reasoning_summary_*` events) or `text` (raw reasoning, `reasoning_text.*`). */
  part: 'summary' | 'text';
  /** The summary index or content index. */
  partIndex: number;
}

interface ToolCallPosition extends BlockPosition {
  callId: string;
  name: string;
}

/**
 * One step of an answer, as both adapters read it: every text, refusal, reasoning and
 * function-call block goes start → deltas → end, whatever the server sent (all deltas, only
 * `*.done` values, only finished items, or only the final response). The deltas of a block
 * add up to its final value, except when a server's deltas contradict its final value
 * (see {@link createEventNormalizer}); `*-end` events always carry the final value.
 */
export type OutputEvent =
  | {
      type: 'response-start';
      id: string | undefined;
      model: string | undefined;
      createdAt: number | undefined;
    }
  | ({ type: 'text-start' } & ContentPosition)
  | ({ type: 'text-delta'; delta: string } & ContentPosition)
  | ({ type: 'text-annotation'; annotation: Annotation; annotationIndex: number } & ContentPosition)
  | ({
      type: 'text-end';
      text: string;
      annotations: Annotation[];
      partial: boolean;
    } & ContentPosition)
  | ({ type: 'refusal-start' } & ContentPosition)
  | ({ type: 'refusal-delta'; delta: string } & ContentPosition)
  | ({ type: 'refusal-end'; refusal: string; partial: boolean } & ContentPosition)
  | ({ type: 'reasoning-start' } & ReasoningPosition)
  | ({ type: 'reasoning-delta'; delta: string } & ReasoningPosition)
  | ({
      type: 'reasoning-end';
      text: string;
      /** The item's encrypted reasoning, when the server sent it (needed to replay it without `store`). */
      encryptedContent: string | undefined;
      partial: boolean;
    } & ReasoningPosition)
  /** A finished reasoning item, in the form that replays it in a later turn. */
  | ({ type: 'reasoning-item'; item: ReasoningInputItem } & BlockPosition)
  | ({ type: 'tool-call-start' } & ToolCallPosition)
  | ({ type: 'tool-call-delta'; delta: string } & ToolCallPosition)
  /** `arguments` is the authoritative JSON string (`""` for a call without arguments). `partial`: the stream broke first. */
  | ({ type: 'tool-call-end'; arguments: string; partial: boolean } & ToolCallPosition)
  /** A finished item of a type this package does not model (built-in tools, …), as received. */
  | ({ type: 'item-done'; item: UnknownOutputItem } & BlockPosition)
  | {
      type: 'finish';
      finish: Finish;
      usage: Usage | undefined;
      /** The terminal response object. */
      response: Response;
      /** What was received but not taken as is: dropped usage counts, contradicting deltas. */
      warnings: string[];
    }
  | {
      type: 'failure';
      finish: Finish;
      /** The typed error the stream ended with. */
      error: unknown;
    };
