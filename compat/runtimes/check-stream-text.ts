import { createAPIFree } from '@apifree/ai-sdk-provider';
import { streamText } from 'ai';
import { PROMPTS, type ProbeTarget } from './probe.ts';

/** `streamText` (ai@7) through the provider: the text of the `text-delta` parts. */
export async function checkStreamText({ baseURL, apiKey }: ProbeTarget): Promise<string> {
  const apifree = createAPIFree({ apiKey, baseURL });
  const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: PROMPTS.streamText });
  let text = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') text += part.text;
    if (part.type === 'error') throw part.error;
  }
  return text;
}
