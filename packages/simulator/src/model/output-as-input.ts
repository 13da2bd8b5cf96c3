import type { InputItem, OutputItem } from '@apifree/core/wire';

/**
 * A response's output as the input items that continue its conversation: what
 * `previous_response_id` stands for after the request's own input.
 *
 * @example
 * outputAsInput([{ id: 'msg_1', type: 'message', role: 'assistant', status: 'completed',
 *   content: [{ type: 'output_text', text: 'Hi', annotations: [] }] }]);
 * // [{ type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Hi' }] }]
 */
export function outputAsInput(output: readonly OutputItem[]): InputItem[] {
  return output.map((item): InputItem => {
    if (item.type === 'message') {
      return {
        type: 'message',
        role: 'assistant',
        id: item.id,
        content: item.content.map((part) =>
          part.type === 'output_text'
            ? { type: 'output_text', text: part.text }
            : { type: 'refusal', refusal: part.refusal },
        ),
      };
    }
    if (item.type === 'function_call') {
      return {
        type: 'function_call',
        id: item.id,
        call_id: item.call_id,
        name: item.name,
        arguments: item.arguments,
      };
    }
    return { type: 'reasoning', id: item.id, summary: item.summary };
  });
}
