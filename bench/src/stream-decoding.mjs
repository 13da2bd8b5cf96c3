// Stream decoding: @apifree/core vs openai-node on the same large stream served from loopback,
// with two ceilings: the raw read (bytes only) and the parse limit (split + JSON.parse, nothing else).
import { APIFree } from '@apifree/core';
import OpenAI from 'openai';
import { request } from 'undici';
import { largeStream } from './large-stream.mjs';
import { serveBytes } from './serve.mjs';
import { machine, sideBySide } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const { bytes, events } = largeStream(10);
const server = await serveBytes(bytes);
const body = { model: 'o3-mini', input: 'bench', stream: true };

const core = new APIFree({ apiKey: 'sk-bench', baseURL: server.baseURL, maxRetries: 0 });
const openai = new OpenAI({ apiKey: 'sk-bench', baseURL: server.baseURL, maxRetries: 0 });

function check(count, name) {
  if (count !== events) throw new Error(`${name} saw ${count} events, expected ${events}`);
}

const candidates = {
  '@apifree/core': async () => {
    let count = 0;
    for await (const _ of await core.responses.create(body)) count++;
    check(count, 'core');
  },
  'openai-node': async () => {
    let count = 0;
    for await (const _ of await openai.responses.create(body)) count++;
    check(count, 'openai');
  },
  'raw read (undici.request)': async () => {
    const response = await request(`${server.baseURL}/responses`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    for await (const _ of response.body);
  },
  'parse limit (split + JSON.parse)': async () => {
    const response = await request(`${server.baseURL}/responses`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    const text = await response.body.text();
    let count = 0;
    for (const block of text.split('\n\n')) {
      const start = block.indexOf('data: ');
      if (start === -1) continue;
      JSON.parse(block.slice(start + 6));
      count++;
    }
    check(count, 'parse limit');
  },
};

const medians = await sideBySide(candidates, rounds);
server.close();

const megabytes = bytes.length / 1e6;
const rows = Object.entries(medians).map(
  ([name, ms]) =>
    `| ${name} | ${ms.toFixed(1)} | ${Math.round(events / (ms / 1000)).toLocaleString('en-US')} | ${(megabytes / (ms / 1000)).toFixed(1)} |`,
);
const ratio = (a, b) => (medians[b] / medians[a]).toFixed(2);
console.log(
  `## Stream decoding — ${megabytes.toFixed(1)} MB, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log('| candidate | median ms | events/s | MB/s |\n|---|---|---|---|');
console.log(rows.join('\n'));
console.log(
  `\n- core vs openai-node: **${ratio('@apifree/core', 'openai-node')}×** the events/s (target ≥ 2×)`,
);
console.log(
  `- core vs parse limit: **${((medians['parse limit (split + JSON.parse)'] / medians['@apifree/core']) * 100).toFixed(0)} %** of the parse limit's events/s (target ≥ 50 %)`,
);
