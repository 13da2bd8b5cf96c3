import { APIFree } from '@apifree/core';
import { PROMPTS, type ProbeTarget } from './probe.ts';

/** `@apifree/core` streaming: the text of the `output_text` deltas. */
export async function checkCore({ baseURL, apiKey }: ProbeTarget): Promise<string> {
  const client = new APIFree({ apiKey, baseURL });
  const stream = await client.responses.create({
    model: 'gpt-4.1-mini',
    input: PROMPTS.core,
    stream: true,
  });
  let text = '';
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') text += event.delta;
  }
  return text;
}
