import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@apifree/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceCase, conformanceCases, eventsOf } from './support/conformance/cases';
import { expectedFromEvents, expectedFromJson } from './support/conformance/expected';
import {
  aiSdkJson,
  aiSdkStream,
  coreJson,
  coreStream,
  langchainJson,
  langchainStream,
  type Target,
} from './support/conformance/runners';

// One answer, three readers: core's output events, the AI SDK (streamText / generateText)
// and LangChain (ChatAPIFree.stream / invoke) must agree on the text, the reasoning, the
// tool calls, the finish, the usage and the error class, and agree with what the events
// say (./support/conformance/expected.ts reads them without the packages under test).

const cases = conformanceCases();
let directory: string | undefined;
let simulator: Simulator | undefined;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'apifree-conformance-'));
  for (const item of cases) writeFileSync(join(directory, item.file), item.body);
  simulator = await startSimulator({ port: 0, pace: false, replay: { dir: directory } });
});
afterAll(async () => {
  try {
    await simulator?.close();
  } finally {
    if (directory) rmSync(directory, { recursive: true, force: true });
  }
});

function expected(item: ConformanceCase) {
  return item.kind === 'stream'
    ? expectedFromEvents(eventsOf(item.body), item.invalid)
    : expectedFromJson(JSON.parse(item.body), item.status, item.invalid);
}

function target(item: ConformanceCase): Target {
  const summary = expected(item);
  return {
    baseURL: simulator!.baseURL,
    file: item.file,
    toolNames: [...new Set(summary.toolCalls.map((call) => call.name))],
  };
}

describe('streamed answers read the same through core, streamText and ChatAPIFree.stream', () => {
  it.each(cases.filter((item) => item.kind === 'stream').map((item) => [item.name, item] as const))(
    '%s',
    async (_name, item) => {
      const want = expected(item);
      const readers = {
        core: await coreStream(target(item)),
        'ai-sdk': await aiSdkStream(target(item)),
        langchain: await langchainStream(target(item)),
      };
      expect(readers).toEqual({ core: want, 'ai-sdk': want, langchain: want });
    },
  );
});

describe('JSON answers read the same through core, generateText and ChatAPIFree.invoke', () => {
  it.each(cases.filter((item) => item.kind === 'json').map((item) => [item.name, item] as const))(
    '%s',
    async (_name, item) => {
      const want = expected(item);
      const readers = {
        core: await coreJson(target(item)),
        'ai-sdk': await aiSdkJson(target(item)),
        langchain: await langchainJson(target(item)),
      };
      expect(readers).toEqual({ core: want, 'ai-sdk': want, langchain: want });
    },
  );
});

it('covers every recording of the repository and every crafted shape', () => {
  expect(cases.filter((item) => item.name.startsWith('recording')).length).toBe(17);
  expect(cases.length).toBe(17 + 20 + 7);
});
