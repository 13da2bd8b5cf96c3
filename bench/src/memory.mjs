// Memory: 1,000 concurrent open streams per client, each in its own process — peak RSS
// and retained heap per stream, ours vs the peers.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBenchSimulator } from './simulator-process.mjs';
import { machine, median } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const streams = Number(process.env.BENCH_STREAMS ?? 1000);
const server = await startBenchSimulator();
const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url));
const candidates = [
  ['transport', '@apifree/core', 'openai-node'],
  ['AI SDK doStream', '@apifree/ai-sdk-provider', '@ai-sdk/openai'],
  ['LangChain stream', '@apifree/langchain', '@langchain/openai'],
];

function measure(name) {
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const output = execFileSync(
      process.execPath,
      ['--expose-gc', child, name, server.baseURL, String(streams)],
      { encoding: 'utf8' },
    );
    samples.push(JSON.parse(output));
  }
  return {
    heap: median(samples.map((sample) => sample.heapPerStream)),
    rss: median(samples.map((sample) => sample.rssPerStream)),
    peak: median(samples.map((sample) => sample.peakRss)),
  };
}

console.log(
  `## Memory — ${streams.toLocaleString('en-US')} concurrent open streams, median of ${rounds} runs (one process per run)\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log(
  '| pair | client | retained heap / stream | RSS growth / stream | peak RSS |\n|---|---|---|---|---|',
);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const [pair, ours, peer] of candidates) {
  for (const name of [ours, peer]) {
    const result = measure(name);
    console.log(
      `| ${pair} | ${name} | ${kib(result.heap)} | ${kib(result.rss)} | ${(result.peak / 2 ** 20).toFixed(0)} MiB |`,
    );
  }
}
server.close();
