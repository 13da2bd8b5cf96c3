import { ChatAPIFree } from '@apifree/langchain';
import { PROMPTS, type ProbeTarget } from './probe.ts';

/** `ChatAPIFree.stream()`: the text of the chunks. */
export async function checkLangchain({ baseURL, apiKey }: ProbeTarget): Promise<string> {
  const model = new ChatAPIFree({ model: 'gpt-4.1-mini', apiKey, baseURL });
  let text = '';
  for await (const chunk of await model.stream(PROMPTS.langchain)) text += chunk.text;
  return text;
}
