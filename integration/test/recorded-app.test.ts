import { fileURLToPath } from 'node:url';
import { apifree } from '@apifree/ai-sdk-provider';
import { APIFree, NotFoundError, outputText } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import { startSimulator } from '@apifree/simulator';
import { useSimulator } from '@apifree/simulator/vitest';
import { generateText } from 'ai';
import { expect, it } from 'vitest';

// Recorded once with `APIFREE_RECORD=missing` (see ./recordings/README.md); replayed here
// with no key and no network. Every client is built with its defaults: APIFREE_BASE_URL
// and APIFREE_API_KEY come from useSimulator.
const recordings = new URL('./recordings/', import.meta.url);
// A URL's pathname keeps percent-encoding (a space is %20); fileURLToPath gives the
// file system path, which is also how the simulator names the folder.
const recordingsDir = fileURLToPath(new URL('./recordings', import.meta.url));
const simulator = useSimulator({ recordings });

it('@apifree/core gets the recorded answer', async () => {
  const response = await new APIFree().responses.create({
    model: 'gpt-4.1-mini',
    input: 'Say "recorded for CI"',
  });
  expect(outputText(response)).toBe('recorded for CI');
  expect(simulator.requests.at(-1)?.body).toEqual({
    model: 'gpt-4.1-mini',
    input: 'Say "recorded for CI"',
  });
});

it('the AI SDK provider gets the recorded answer', async () => {
  const { text } = await generateText({
    model: apifree('gpt-4.1-mini'),
    prompt: 'Say "from the AI SDK"',
  });
  expect(text).toBe('from the AI SDK');
});

it('ChatAPIFree gets the recorded answer', async () => {
  const message = await new ChatAPIFree({ model: 'gpt-4.1-mini' }).invoke('Say "from LangChain"');
  expect(message.text).toBe('from LangChain');
});

it('a request nobody recorded fails with a 404 that names the folder', async () => {
  const strict = await startSimulator({ pace: false, replay: { dir: recordingsDir } });
  try {
    const client = new APIFree({ baseURL: strict.baseURL, apiKey: 'sk-any', maxRetries: 0 });
    const attempt = client.responses.create({ model: 'gpt-4.1-mini', input: 'Never recorded' });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({
      status: 404,
      code: 'recording_not_found',
      message: expect.stringContaining(`in ${recordingsDir}.`),
    });
  } finally {
    await strict.close();
  }
});
