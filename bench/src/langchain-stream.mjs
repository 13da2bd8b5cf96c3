// LangChain: ChatAPIFree.stream() vs ChatOpenAI({ useResponsesApi: true }).stream() on the
// same local stream, and the floor: a chat model that yields the same chunks with no I/O,
// i.e. @langchain/core's own per-chunk cost.
import { ChatAPIFree } from '@apifree/langchain';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatOpenAI } from '@langchain/openai';
import { REPLAY_HEADER, startBenchSimulator } from './simulator-process.mjs';
import { machine, rateTable, sideBySide, speedup } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const server = await startBenchSimulator();
const { bytes, deltas } = server;

class FloorChatModel extends BaseChatModel {
  _llmType() {
    return 'floor';
  }
  async _generate() {
    throw new Error('stream only');
  }
  async *_streamResponseChunks(_messages, _options, runManager) {
    for (let index = 0; index < deltas; index++) {
      const chunk = new ChatGenerationChunk({
        text: 'x',
        message: new AIMessageChunk({ content: 'x' }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken('x', undefined, undefined, undefined, undefined, {
        chunk,
      });
    }
  }
}

const chatAPIFree = new ChatAPIFree({
  model: 'gpt-5-mini',
  apiKey: 'sk-bench',
  baseURL: server.baseURL,
  maxRetries: 0,
  headers: REPLAY_HEADER,
});
const chatOpenAI = new ChatOpenAI({
  model: 'gpt-5-mini',
  apiKey: 'sk-bench',
  configuration: { baseURL: server.baseURL, defaultHeaders: REPLAY_HEADER },
  useResponsesApi: true,
  maxRetries: 0,
});
const floor = new FloorChatModel({});

async function consume(model) {
  let chunks = 0;
  for await (const _ of await model.stream('bench')) chunks++;
  return chunks;
}

const counts = {};
const medians = await sideBySide(
  {
    '@apifree/langchain ChatAPIFree': async () => {
      counts.ours = await consume(chatAPIFree);
    },
    '@langchain/openai ChatOpenAI (Responses)': async () => {
      counts.peer = await consume(chatOpenAI);
    },
    'floor (no I/O, same chunk count)': async () => {
      counts.floor = await consume(floor);
    },
  },
  rounds,
);
server.close();

const ours = '@apifree/langchain ChatAPIFree';
const peerName = '@langchain/openai ChatOpenAI (Responses)';
const floorName = 'floor (no I/O, same chunk count)';
const chunkCounts = { [ours]: counts.ours, [peerName]: counts.peer, [floorName]: counts.floor };
console.log(
  `## LangChain .stream() — ${(bytes.length / 1e6).toFixed(1)} MB stream, ${deltas.toLocaleString('en-US')} deltas, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log(rateTable(medians, chunkCounts, 'chunks'));
console.log(
  `\n- ChatAPIFree vs ChatOpenAI: ${speedup(medians, ours, peerName, counts.ours, counts.peer)} in chunks/s (target ≥ 1.5×)`,
);
console.log(
  `- ChatAPIFree vs the floor (LangChain's own per-chunk cost): ${speedup(medians, ours, floorName, counts.ours, counts.floor)}`,
);
