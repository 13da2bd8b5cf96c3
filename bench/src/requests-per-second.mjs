// Non-streaming requests/s at concurrency 1, 64 and 256 against the simulator's unpaced
// mode: each adapter vs its peer, side by side in the same run.
import { createOpenAI } from '@ai-sdk/openai';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import { ChatOpenAI } from '@langchain/openai';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { startBenchSimulator } from './simulator-process.mjs';
import { machine, sideBySide } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const server = await startBenchSimulator();
const model = 'gpt-4.1-mini';
const input = 'Say hello';
const key = 'sk-bench';

const core = new APIFree({ apiKey: key, baseURL: server.baseURL, maxRetries: 0 });
const openai = new OpenAI({ apiKey: key, baseURL: server.baseURL, maxRetries: 0 });
const aiOurs = createAPIFree({ apiKey: key, baseURL: server.baseURL })(model);
const aiPeer = createOpenAI({ apiKey: key, baseURL: server.baseURL }).responses(model);
const lcOurs = new ChatAPIFree({ model, apiKey: key, baseURL: server.baseURL, maxRetries: 0 });
const lcPeer = new ChatOpenAI({
  model,
  apiKey: key,
  configuration: { baseURL: server.baseURL },
  useResponsesApi: true,
  maxRetries: 0,
});

const pairs = {
  transport: {
    '@apifree/core': () => core.responses.create({ model, input }),
    'openai-node': () => openai.responses.create({ model, input }),
  },
  'AI SDK generateText': {
    '@apifree/ai-sdk-provider': () => generateText({ model: aiOurs, prompt: input, maxRetries: 0 }),
    '@ai-sdk/openai': () => generateText({ model: aiPeer, prompt: input, maxRetries: 0 }),
  },
  'LangChain invoke': {
    '@apifree/langchain': () => lcOurs.invoke(input),
    '@langchain/openai': () => lcPeer.invoke(input),
  },
};

/** Sends `total` requests with `concurrency` in flight at any time. */
async function load(send, concurrency, total) {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const totals = { 1: 200, 64: 1500, 256: 2000 };
console.log(`## Non-streaming requests/s — median of ${rounds} runs\n`);
console.log(`Machine: ${machine()}\n`);
console.log('| pair | concurrency | ours req/s | peer req/s | ratio |\n|---|---|---|---|---|');
for (const [pair, candidates] of Object.entries(pairs)) {
  for (const concurrency of [1, 64, 256]) {
    const total = totals[concurrency];
    const medians = await sideBySide(
      Object.fromEntries(
        Object.entries(candidates).map(([name, send]) => [
          name,
          () => load(send, concurrency, total),
        ]),
      ),
      rounds,
    );
    const [ours, peer] = Object.values(medians).map((ms) => total / (ms / 1000));
    console.log(
      `| ${pair} | ${concurrency} | ${Math.round(ours).toLocaleString('en-US')} | ${Math.round(peer).toLocaleString('en-US')} | **${(ours / peer).toFixed(2)}×** |`,
    );
  }
}
server.close();
