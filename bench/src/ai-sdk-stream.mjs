// AI SDK: our LanguageModelV4's doStream consumed end to end vs @ai-sdk/openai's Responses
// model on the same local stream, and streamText (fullStream) both ways.
import { createOpenAI } from '@ai-sdk/openai';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { streamText } from 'ai';
import { REPLAY_HEADER, startBenchSimulator } from './simulator-process.mjs';
import { machine, rateTable, sideBySide, speedup } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const server = await startBenchSimulator();
const { bytes, events } = server;

const ours = createAPIFree({ apiKey: 'sk-bench', baseURL: server.baseURL, headers: REPLAY_HEADER })(
  'gpt-5-mini',
);
const peer = createOpenAI({
  apiKey: 'sk-bench',
  baseURL: server.baseURL,
  headers: REPLAY_HEADER,
}).responses('gpt-5-mini');
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
// Two side-by-side pairs, one after the other: doStream's runs are not timed next to
// streamText's, whose garbage is many times larger.
const doStreamMedians = await sideBySide(
  {
    'doStream — @apifree/ai-sdk-provider': async () => {
      parts.oursDo = await doStream(ours);
    },
    'doStream — @ai-sdk/openai (Responses)': async () => {
      parts.peerDo = await doStream(peer);
    },
  },
  rounds,
);
const streamTextMedians = await sideBySide(
  {
    'streamText — @apifree/ai-sdk-provider': async () => {
      parts.oursText = await viaStreamText(ours);
    },
    'streamText — @ai-sdk/openai (Responses)': async () => {
      parts.peerText = await viaStreamText(peer);
    },
  },
  rounds,
);
const medians = { ...doStreamMedians, ...streamTextMedians };
Object.defineProperty(medians, 'cpu', {
  value: { ...doStreamMedians.cpu, ...streamTextMedians.cpu },
});
server.close();

const names = Object.keys(medians);
console.log(
  `## AI SDK — ${(bytes.length / 1e6).toFixed(1)} MB stream, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log(rateTable(medians, events, 'events'));
console.log(
  `\nParts produced: doStream ${parts.oursDo} (ours) / ${parts.peerDo} (peer); streamText fullStream ${parts.oursText} (ours) / ${parts.peerText} (peer).\n`,
);
console.log(
  `- doStream, ours vs @ai-sdk/openai: ${speedup(medians, names[0], names[1])} (target ≥ 3×, issue 11)`,
);
console.log(`- streamText, ours vs @ai-sdk/openai: ${speedup(medians, names[2], names[3])}`);
