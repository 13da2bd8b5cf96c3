// Stream decoding: @apifree/core vs openai-node on the same large stream, replayed over
// loopback by @apifree/simulator, with two ceilings: the raw read (the bytes, unparsed) and
// the parse limit (as the bytes arrive: split on blank lines + JSON.parse of each data
// line, nothing else — no SSE grammar, no checks, no events handed to a caller).
import { APIFree } from '@apifree/core';
import OpenAI from 'openai';
import { request } from 'undici';
import { REPLAY_HEADER, startBenchSimulator } from './simulator-process.mjs';
import { machine, rateTable, sideBySide, speedup } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const server = await startBenchSimulator();
const { bytes, events } = server;
const body = { model: 'gpt-5-mini', input: 'bench', stream: true };

const core = new APIFree({
  apiKey: 'sk-bench',
  baseURL: server.baseURL,
  maxRetries: 0,
  headers: REPLAY_HEADER,
});
const openai = new OpenAI({
  apiKey: 'sk-bench',
  baseURL: server.baseURL,
  maxRetries: 0,
  defaultHeaders: REPLAY_HEADER,
});
const rawHeaders = {
  ...REPLAY_HEADER,
  authorization: 'Bearer sk-bench',
  'content-type': 'application/json',
};

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
      headers: rawHeaders,
      body: JSON.stringify(body),
    });
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    for await (const _ of response.body);
  },
  'parse limit (split + JSON.parse)': async () => {
    const response = await request(`${server.baseURL}/responses`, {
      method: 'POST',
      headers: rawHeaders,
      body: JSON.stringify(body),
    });
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    const text = new TextDecoder();
    let pending = '';
    let count = 0;
    for await (const chunk of response.body) {
      pending += text.decode(chunk, { stream: true });
      let end = pending.indexOf('\n\n');
      let start = 0;
      while (end !== -1) {
        const data = pending.indexOf('data: ', start);
        if (data !== -1 && data < end) {
          JSON.parse(pending.slice(data + 6, end));
          count++;
        }
        start = end + 2;
        end = pending.indexOf('\n\n', start);
      }
      pending = pending.slice(start);
    }
    check(count, 'parse limit');
  },
};

const medians = await sideBySide(candidates, rounds);
server.close();

const megabytes = bytes.length / 1e6;
const limit = 'parse limit (split + JSON.parse)';
console.log(
  `## Stream decoding — ${megabytes.toFixed(1)} MB, ${events.toLocaleString('en-US')} events, median of ${rounds} runs\n`,
);
console.log(`Machine: ${machine()}\n`);
console.log(rateTable(medians, events, 'events'));
console.log(
  `\n- core vs openai-node: ${speedup(medians, '@apifree/core', 'openai-node')} (target ≥ 2×)`,
);
console.log(
  `- core vs the parse limit: ${((medians[limit] / medians['@apifree/core']) * 100).toFixed(0)} % by wall time, ${((medians.cpu[limit] / medians.cpu['@apifree/core']) * 100).toFixed(0)} % by client CPU (target ≥ 50 %)`,
);
