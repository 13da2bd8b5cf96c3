import type { ReasoningInputItem } from '../wire/request';
import type { ReasoningOutput } from '../wire/response';

/**
 * A finished reasoning item in the form that replays it in a later turn: its id, summary,
 * raw reasoning text (when there was any) and encrypted content (when the server sent it).
 * Adapters keep this with the assistant message (provider metadata, `additional_kwargs`).
 *
 * @example
 * storedReasoningItem({ type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking…' }] });
 * // { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Thinking…' }] }
 */
export function storedReasoningItem(item: ReasoningOutput): ReasoningInputItem {
  const stored: ReasoningInputItem = {
    type: 'reasoning',
    id: item.id,
    summary: (item.summary ?? []).map((part) => ({ type: 'summary_text', text: part.text })),
  };
  if (item.content && item.content.length > 0)
    stored.content = item.content.map((part) => ({ type: 'reasoning_text', text: part.text }));
  if (typeof item.encrypted_content === 'string') stored.encrypted_content = item.encrypted_content;
  return stored;
}

/** Why a stored reasoning item was left out of a request. */
export const REASONING_NOT_REPLAYABLE =
  'with store: false, reasoning can only be replayed with its encrypted content (include "reasoning.encrypted_content")';

/**
 * The reasoning item to send back in a later turn, or `undefined` when it cannot be
 * replayed: without server-side storage (`store: false`) the server knows the item only
 * through its encrypted content.
 *
 * @example
 * replayReasoning({ type: 'reasoning', id: 'rs_1', summary: [] }, false); // undefined: see REASONING_NOT_REPLAYABLE
 */
export function replayReasoning(
  item: ReasoningInputItem,
  store: boolean | null | undefined,
): ReasoningInputItem | undefined {
  const encrypted = typeof item.encrypted_content === 'string' ? item.encrypted_content : undefined;
  if (store === false && encrypted === undefined) return undefined;
  const replay: ReasoningInputItem = {
    type: 'reasoning',
    id: item.id,
    summary: (item.summary ?? []).map((part) => ({ type: 'summary_text', text: part.text })),
  };
  if (item.content && item.content.length > 0) replay.content = item.content;
  if (encrypted !== undefined) replay.encrypted_content = encrypted;
  return replay;
}
