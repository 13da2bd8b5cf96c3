// One row of the hostile-server table, run in a process of its own so that its memory is
// measured alone (not with the test runner's). Started by hostile-memory-process.ts with
// the case and the server's URLs; sends back a ChildReport over IPC, then exits.
//
// Node runs this file with type stripping: erasable TypeScript only.
import { readFileSync, writeFileSync } from 'node:fs';
import { errorLabel } from './error-label.ts';
import type { ChildReport, HostileCase } from './hostile-case';

interface ChildInput {
  hostileCase: HostileCase;
  baseURL: string;
  /** The healthy mode's URL: the same call once before measuring, so code is loaded and warm. */
  warmURL: string;
}

const MODEL = 'gpt-4.1-mini';
const KEY = 'sk-drill-hostile-memory';
const MEBIBYTE = 2 ** 20;

/** The case's timeouts as options: the three packages name them alike. */
function timeouts(settings: HostileCase['settings']): {
  timeout?: number;
  streamIdleTimeout?: number;
} {
  return {
    ...(settings.timeout !== undefined && { timeout: settings.timeout }),
    ...(settings.streamIdleTimeout !== undefined && {
      streamIdleTimeout: settings.streamIdleTimeout,
    }),
  };
}

/** Calls the package as the case says; resolves with the answer's text, throws its error. */
async function call(hostileCase: HostileCase, baseURL: string): Promise<string> {
  const { settings } = hostileCase;
  const [adapter, entry] = hostileCase.call.split(' ');
  if (adapter === 'core' || adapter === 'core-fetch') {
    const { APIFree, outputText } = await import('@apifree/core');
    const client = new APIFree({
      apiKey: KEY,
      baseURL,
      maxRetries: settings.maxRetries,
      ...timeouts(settings),
      ...(adapter === 'core-fetch' && {
        fetch: (input: string, init: RequestInit) => globalThis.fetch(input, init),
      }),
    });
    const options =
      settings.deadline === undefined ? {} : { signal: AbortSignal.timeout(settings.deadline) };
    if (entry === 'create')
      return outputText(await client.responses.create({ model: MODEL, input: 'Hi' }, options));
    const stream = await client.responses.create(
      { model: MODEL, input: 'Hi', stream: true },
      options,
    );
    let text = '';
    const kept: unknown[] = [];
    for await (const event of stream) {
      if (entry === 'keep') kept.push(event);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    return text;
  }
  if (adapter === 'ai-sdk') {
    const { createAPIFree } = await import('@apifree/ai-sdk-provider');
    const { generateText, streamText } = await import('ai');
    const model = createAPIFree({
      apiKey: KEY,
      baseURL,
      ...timeouts(settings),
    })(MODEL);
    if (entry === 'doStream') {
      // The provider alone, as the AI SDK drives it: its read-ahead is what is measured.
      const { stream } = await model.doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      });
      let text = '';
      for await (const part of stream) {
        if (part.type === 'text-delta') text += part.delta;
        if (part.type === 'error') throw part.error;
      }
      return text;
    }
    const common = {
      model,
      prompt: 'Hi',
      maxRetries: settings.maxRetries,
      ...(settings.deadline !== undefined && { timeout: settings.deadline }),
    };
    if (entry === 'generateText') return (await generateText(common)).text;
    const result = streamText({ ...common, onError: () => undefined });
    let text = '';
    let aborted = false;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'error') throw part.error;
      if (part.type === 'abort') aborted = true;
    }
    // An abort part carries no error; the result's promises reject with the abort's reason.
    if (aborted) await result.text;
    return text;
  }
  const { ChatAPIFree } = await import('@apifree/langchain');
  const chat = new ChatAPIFree({
    model: MODEL,
    apiKey: KEY,
    baseURL,
    maxRetries: settings.maxRetries,
    ...timeouts(settings),
  });
  const options = settings.deadline === undefined ? {} : { timeout: settings.deadline };
  if (entry === 'invoke') return (await chat.invoke('Hi', options)).text;
  let text = '';
  for await (const chunk of await chat.stream('Hi', options)) text += chunk.text;
  return text;
}

/** The kernel's high-water mark of resident memory (Linux), in bytes. */
function highWaterMark(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1]) * 1024;
}

/** Resets the high-water mark to the current RSS (Linux ≥ 4.0); false where that is not possible. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('The hostile-memory child needs --expose-gc.');

await call({ ...input.hostileCase, settings: { maxRetries: 0 } }, input.warmURL);
gc();
const baseline = process.memoryUsage().rss;
const exact = resetHighWaterMark();
let sampled = baseline;
// Samples as well, for platforms without /proc; on Linux the kernel's mark is exact.
const sampler = setInterval(() => {
  sampled = Math.max(sampled, process.memoryUsage().rss);
}, 10);
let outcome: string;
let message = '';
try {
  outcome = `complete:${await call(input.hostileCase, input.baseURL)}`;
} catch (error) {
  outcome = errorLabel(error);
  message = error instanceof Error ? error.message.slice(0, 300) : String(error);
}
clearInterval(sampler);
const peak = exact ? Math.max(highWaterMark(), sampled) : sampled;
const report: ChildReport = {
  outcome,
  message,
  baselineMebibytes: Math.round((baseline / MEBIBYTE) * 10) / 10,
  peakMebibytes: Math.round((peak / MEBIBYTE) * 10) / 10,
  peakMethod: exact ? 'VmHWM' : 'sampled',
};
process.send?.(report, () => process.exit(0));
