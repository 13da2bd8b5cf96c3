/**
 * The AI SDK block id of a message part: the item id for its first part (so a one-part
 * message's text carries its item id), `<itemId>:<contentIndex>` for later ones.
 */
export function textBlockId(itemId: string, contentIndex: number): string {
  return contentIndex === 0 ? itemId : `${itemId}:${contentIndex}`;
}

/** The AI SDK block id of a reasoning part: `<itemId>:<index>` for summaries, `<itemId>:text:<index>` for raw text. */
export function reasoningBlockId(
  itemId: string,
  part: 'summary' | 'text',
  partIndex: number,
): string {
  return part === 'summary' ? `${itemId}:${partIndex}` : `${itemId}:text:${partIndex}`;
}
