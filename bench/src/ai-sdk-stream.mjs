// AI SDK: our LanguageModelV4's doStream consumed end to end vs @ai-sdk/openai's Responses
// model on the same local stream, and streamText (fullStream) both ways.
import { createOpenAI } from '@ai-sdk/openai';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { streamText } from 'ai';
import { largeStream } from './large-stream.mjs';
import { serveBytes } from './serve.mjs';
import { machine, sideBySide } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const { bytes, events } = largeStream(10);
const server = await serveBytes(bytes);

const ours = createAPIFree({ apiKey: 'sk-bench', baseURL: server.baseURL })('o3-mini');
const peer = createOpenAI({ apiKey: 'sk-bench', baseURL: server.baseURL }).responses('o3-mini');
const prompt = [{ role: 'user', content: [{ type: 'text', text: 'bench' }] }];

async function doStream(model) {
  const { stream } = await model.doStream({ prompt });
  const reader = stream.getReader();
  let parts = 0;
  while (!(await reader.read()).done) parts++;
  return parts;
}

async function viaStreamText(model) {
  const result = streamText({ model, prompt: 'bench', maxRetries: 0 });
  let parts = 0;
  for await (const _ of result.fullStream) parts++;
  return parts;
}

const parts = {};
const medians = await sideBySide(
  {
    'doStream — @apifree/ai-sdk-provider': async () => {
      parts.oursDo = await doStream(ours);
    },
    'doStream — @ai-sdk/openai (Responses)': async () => {
      parts.peerDo = await doStream(peer);
    },
    'streamText — @apifree/ai-sdk-provider': async () => {
      parts.oursText = await viaStreamText(ours);
    },
    'streamText — @ai-sdk/openai (Responses)': async () => {
      parts.peerText = await viaStreamText(peer);
    },
  },
  rounds,
);
server.close();

console.log(
  `## AI SDK — ${(bytes.length / 1e6).toFixed(1)} MB stream, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log('| candidate | parts | median ms | events/s |\n|---|---|---|---|');
const partCounts = [parts.oursDo, parts.peerDo, parts.oursText, parts.peerText];
Object.entries(medians).forEach(([name, ms], index) => {
  console.log(
    `| ${name} | ${partCounts[index]} | ${ms.toFixed(1)} | ${Math.round(events / (ms / 1000)).toLocaleString('en-US')} |`,
  );
});
const names = Object.keys(medians);
console.log(
  `\n- doStream: ours at **${(medians[names[1]] / medians[names[0]]).toFixed(2)}×** the events/s of @ai-sdk/openai (target ≥ 2×)`,
);
console.log(
  `- streamText: ours at **${(medians[names[3]] / medians[names[2]]).toFixed(2)}×** the events/s of @ai-sdk/openai`,
);
