import type { OutputItem } from '@apifree/core/wire';

type Item = Record<string, unknown> & { content?: Array<Record<string, unknown>> };

/**
 * The output a stream has produced by the time it stops, built from its events the way a
 * client would: finished items as sent, and the item still streaming with what it has so
 * far, marked `incomplete`.
 *
 * @example
 * collectOutput([
 *   { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1', status: 'in_progress', role: 'assistant', content: [] } },
 *   { type: 'response.content_part.added', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
 *   { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'Hel' },
 * ]); // one message, status 'incomplete', text 'Hel'
 */
export function collectOutput(events: ReadonlyArray<Record<string, unknown>>): OutputItem[] {
  const items: Item[] = [];
  const finished = new Set<number>();
  for (const event of events) {
    const index = event.output_index as number;
    const item = items[index];
    switch (event.type) {
      case 'response.output_item.added':
        items[index] = structuredClone(event.item) as Item;
        break;
      case 'response.output_item.done':
        items[index] = structuredClone(event.item) as Item;
        finished.add(index);
        break;
      case 'response.content_part.added':
        if (item?.content !== undefined)
          item.content[event.content_index as number] = structuredClone(event.part) as Item;
        break;
      case 'response.output_text.delta': {
        const part = item?.content?.[event.content_index as number];
        if (part !== undefined) part.text = `${String(part.text ?? '')}${String(event.delta)}`;
        break;
      }
      case 'response.function_call_arguments.delta':
        if (item !== undefined)
          item.arguments = `${String(item.arguments ?? '')}${String(event.delta)}`;
        break;
      case 'response.reasoning_summary_part.added':
        if (Array.isArray(item?.summary))
          item.summary[event.summary_index as number] = structuredClone(event.part);
        break;
      case 'response.reasoning_summary_text.delta': {
        const part = Array.isArray(item?.summary)
          ? (item.summary[event.summary_index as number] as Item | undefined)
          : undefined;
        if (part !== undefined) part.text = `${String(part.text ?? '')}${String(event.delta)}`;
        break;
      }
    }
  }
  return items.map((item, index) => {
    if (finished.has(index) || !('status' in item)) return item as unknown as OutputItem;
    return { ...item, status: 'incomplete' } as unknown as OutputItem;
  });
}
