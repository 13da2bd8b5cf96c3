// One measurement: open N streams that the simulator stalls after 8 events, wait until
// every one has delivered an event, then measure heap (after GC) and RSS against the
// baseline taken before any stream opened.
import { createOpenAI } from '@ai-sdk/openai';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';

const [name, baseURL, count] = process.argv.slice(2);
const streams = Number(count);
// Stalled after 8 events: every client has delivered its first text chunk by then.
const headers = { 'x-simulator-fault': 'stall;after=8;ms=120000' };
const model = 'gpt-4.1-mini';
const input = 'Explain what a streaming API is.';
const key = 'sk-bench';
const prompt = [{ role: 'user', content: [{ type: 'text', text: input }] }];

/** Each opener resolves once its stream delivered a first event, and returns an iterator to keep alive. */
const openers = {
  '@apifree/core': () => {
    const client = new APIFree({ apiKey: key, baseURL, headers, maxRetries: 0 });
    return async (signal) => {
      const stream = await client.responses.create({ model, input, stream: true }, { signal });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      return iterator;
    };
  },
  'openai-node': () => {
    const client = new OpenAI({ apiKey: key, baseURL, defaultHeaders: headers, maxRetries: 0 });
    return async (signal) => {
      const stream = await client.responses.create({ model, input, stream: true }, { signal });
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next();
      return iterator;
    };
  },
  '@apifree/ai-sdk-provider': () => {
    const languageModel = createAPIFree({ apiKey: key, baseURL, headers })(model);
    return async (abortSignal) => {
      const { stream } = await languageModel.doStream({ prompt, abortSignal });
      const reader = stream.getReader();
      await reader.read();
      return reader;
    };
  },
  '@ai-sdk/openai': () => {
    const languageModel = createOpenAI({ apiKey: key, baseURL, headers }).responses(model);
    return async (abortSignal) => {
      const { stream } = await languageModel.doStream({ prompt, abortSignal });
      const reader = stream.getReader();
      await reader.read();
      return reader;
    };
  },
  '@apifree/langchain': () => {
    const chat = new ChatAPIFree({ model, apiKey: key, baseURL, headers, maxRetries: 0 });
    return async (signal) => {
      const iterator = (await chat.stream(input, { signal }))[Symbol.asyncIterator]();
      await iterator.next();
      return iterator;
    };
  },
  '@langchain/openai': () => {
    const chat = new ChatOpenAI({
      model,
      apiKey: key,
      configuration: { baseURL, defaultHeaders: headers },
      useResponsesApi: true,
      maxRetries: 0,
    });
    return async (signal) => {
      const iterator = (await chat.stream(input, { signal }))[Symbol.asyncIterator]();
      await iterator.next();
      return iterator;
    };
  },
};

const open = openers[name]();
// Warm up (module loading, connection pool, JIT) with one stream, then abort it.
const warmUp = new AbortController();
await open(warmUp.signal);
warmUp.abort();
await new Promise((resolve) => setTimeout(resolve, 200));
global.gc();
global.gc();
const baseline = { heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
const controller = new AbortController();
const alive = await Promise.all(Array.from({ length: streams }, () => open(controller.signal)));
global.gc();
global.gc();
const usage = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    heapPerStream: (usage.heapUsed - baseline.heap) / streams,
    rssPerStream: (usage.rss - baseline.rss) / streams,
    peakRss: process.resourceUsage().maxRSS * 1024,
    open: alive.length,
  }),
);
controller.abort();
process.exit(0);
