import type { Response } from './wire/response';

/**
 * All `output_text` of a response's messages, joined: the convenience the official
 * SDKs compute (it is not on the wire).
 *
 * @example
 * const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi' });
 * console.log(outputText(response));
 */
export function outputText(response: Pick<Response, 'output'>): string {
  let text = '';
  for (const item of response.output) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content as Array<{ type: string; text?: unknown }>) {
      if (part.type === 'output_text' && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}
