import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { FAULT_NAMES } from '@apifree/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_ENCODINGS, type EchoEncoding } from '../src/echo-encodings';
import { recordFigures } from '../src/figures';
import {
  BAD_DATA_MODES,
  ECHO_MODES,
  type HostileServer,
  startHostileServer,
} from '../src/hostile-server';
import {
  type CallerFetch,
  SECRET_RUNNERS,
  type SecretRunnerName,
  type SecretScenario,
  scanSerializedObjects,
} from '../src/secret-runners';
import { captureOutput, SecretScan } from '../src/secret-scan';
import { type SimulatorProcess, startSimulatorProcess } from '../src/simulator-process';

// A fresh key per run: nothing can have been recorded with it before.
const RANDOM = randomUUID();
const KEY = `sk-drill-${RANDOM}`;

const FAULT_PARAMETERS: Record<string, string> = {
  rate_limit: 'rate_limit;retry_after_ms=20',
  slow_headers: 'slow_headers;ms=50',
  stall: 'stall;ms=30000',
};

let sim: SimulatorProcess;
let strictSim: SimulatorProcess;
let hostile: HostileServer;
let scenarios: SecretScenario[];

beforeAll(async () => {
  sim = await startSimulatorProcess({ pace: false });
  strictSim = await startSimulatorProcess({
    pace: false,
    apiKeys: ['sk-drill-the-only-accepted-key'],
  });
  hostile = await startHostileServer();
  scenarios = [
    { name: 'healthy', baseURL: sim.baseURL, headers: {}, stream: true },
    ...FAULT_NAMES.map((fault) => ({
      name: `simulator ${fault}`,
      baseURL: sim.baseURL,
      headers: { 'x-simulator-fault': FAULT_PARAMETERS[fault] ?? fault },
      stream: true,
    })),
    {
      name: 'caller abort mid-stream',
      baseURL: sim.baseURL,
      headers: { 'x-simulator-fault': 'stall;ms=30000' },
      stream: true,
      abortAfterMs: 150,
    },
    { name: 'simulator 401 (wrong key)', baseURL: strictSim.baseURL, headers: {}, stream: true },
    { name: 'connection refused', baseURL: 'http://127.0.0.1:9/v1', headers: {}, stream: true },
    ...ECHO_MODES.flatMap((mode) =>
      (Object.keys(ECHO_ENCODINGS) as EchoEncoding[]).flatMap((encoding) =>
        [true, false].map((stream) => ({
          name: `hostile ${mode} (${encoding}${stream ? '' : ', non-streaming'})`,
          baseURL: hostile.baseURL,
          headers: { 'x-hostile-mode': mode, 'x-hostile-echo': encoding },
          stream,
        })),
      ),
    ),
    ...BAD_DATA_MODES.flatMap((mode) =>
      [true, false].map((stream) => ({
        name: `hostile ${mode}${stream ? '' : ' (non-streaming)'}`,
        baseURL: hostile.baseURL,
        headers: { 'x-hostile-mode': mode },
        stream,
      })),
    ),
    ...Object.entries(REJECTING_FETCHES).flatMap(([name, fetch]) =>
      [true, false].map((stream) => ({
        name: `custom fetch rejects ${name}${stream ? '' : ' (non-streaming)'}`,
        baseURL: sim.baseURL,
        headers: {},
        stream,
        fetch,
      })),
    ),
    ...[
      ['the key as the password', `http://drill:${KEY}@127.0.0.1:${port(sim.baseURL)}/v1`],
      ['the key as the user name', `http://${KEY}@127.0.0.1:${port(sim.baseURL)}/v1`],
    ].map(([where, baseURL]) => ({
      name: `baseURL with credentials (${where})`,
      baseURL: baseURL as string,
      headers: {},
      stream: true,
    })),
  ];
});

function port(baseURL: string): string {
  return new URL(baseURL).port;
}

/** A header bag's `Authorization`, whatever shape the transport gave it. */
function authorizationOf(init: RequestInit | undefined): string {
  return new Headers(init?.headers).get('authorization') ?? '';
}

/**
 * Custom fetches that fail the way instrumentation and proxies do: with the request they
 * were given on the error, in its message, or deep in its cause chain.
 */
const REJECTING_FETCHES: Record<string, CallerFetch> = {
  'with the request init on the error': async (input, init) => {
    throw Object.assign(new TypeError('fetch failed'), { input, init, code: 'ECONNREFUSED' });
  },
  'with the Authorization header in its message': async (_input, init) => {
    throw new Error(`proxy refused the request (authorization: ${authorizationOf(init)})`);
  },
  'with the headers in a nested cause': async (_input, init) => {
    throw new TypeError('fetch failed', {
      cause: new Error('connect ECONNREFUSED', {
        cause: Object.assign(new Error('socket closed'), {
          headers: new Headers(init?.headers),
          authorization: Buffer.from(authorizationOf(init)).toString('base64'),
        }),
      }),
    });
  },
};

afterAll(async () => {
  await Promise.all([sim.close(), strictSim.close(), hostile.close()]);
});

const RUNNERS = Object.keys(SECRET_RUNNERS) as SecretRunnerName[];

describe('the scan itself', () => {
  it('finds the key in every form the hostile server echoes, in every way an artifact shows it', () => {
    const scan = new SecretScan(RANDOM);
    const forms = Object.entries(ECHO_ENCODINGS).map(
      ([name, encode]) => [name, encode(`Bearer ${KEY}`)] as const,
    );
    for (const [name, form] of forms) {
      scan.add(`${name} / text`, `echoed: ${form}.`);
      scan.add(`${name} / JSON`, JSON.stringify({ error: { code: form } }));
      scan.add(`${name} / inspect`, inspect(new Error(`failed for ${form}`), { depth: 10 }));
    }
    scan.add(
      'unicode escapes on the wire',
      `{"code":"${[...KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`,
    );
    scan.add(
      'the key in hex, in a header name',
      `x-echo-${Buffer.from(KEY).toString('hex')}: echo`,
    );
    expect(scan.leaks()).toHaveLength(forms.length * 3 + 2);
  });

  it('sees the key in the raw answer of every hostile echo scenario (each has something to hide)', async () => {
    const echoes = scenarios.filter((scenario) => 'x-hostile-echo' in scenario.headers);
    const scan = new SecretScan(RANDOM);
    for (const scenario of echoes) {
      const answer = await fetch(`${scenario.baseURL}/responses`, {
        method: 'POST',
        headers: { ...scenario.headers, authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ model: 'gpt-4.1-mini', input: 'x', stream: scenario.stream }),
      });
      scan.add(scenario.name, `${[...answer.headers].join('\n')}\n${await answer.text()}`);
    }
    expect(echoes).toHaveLength(ECHO_MODES.length * Object.keys(ECHO_ENCODINGS).length * 2);
    expect(scan.leaks()).toHaveLength(echoes.length);
  });

  it('passes the masked key (sk-d****abcd) and pieces shorter than 12 characters', () => {
    const scan = new SecretScan(RANDOM);
    scan.add('masked', `Incorrect API key provided: ${KEY.slice(0, 4)}****${KEY.slice(-4)}`);
    scan.add('short piece', `…${RANDOM.slice(3, 14)}…`);
    expect(scan.leaks()).toEqual([]);
  });
});

describe(`a random key (sk-drill-<uuid>) never appears in errors, logs, traces, stream parts or serialized objects`, () => {
  for (const runner of RUNNERS) {
    it(`${runner}: every failure kind, every hostile echo in every encoding, custom fetch causes, baseURL credentials, the serialized objects`, async () => {
      const scan = new SecretScan(RANDOM);
      const output = captureOutput();
      try {
        for (const scenario of scenarios) await SECRET_RUNNERS[runner](KEY, scenario, scan);
        scanSerializedObjects(runner, KEY, sim.baseURL, scan);
      } finally {
        output.restore();
      }
      scan.add(`${runner} / console, stdout and stderr / output`, output.text());
      const leaks = scan.leaks();
      const summary = scan.leakSummary();
      recordFigures(['secrets', runner], {
        scenarios: scenarios.length,
        artifactsScanned: scan.artifacts,
        charactersScanned: scan.bytes,
        consoleWrites: output.writes(),
        leaks: leaks.length,
        leakSummary: summary,
        firstLeak: leaks[0] ?? null,
      });
      console.log(
        `[secrets ${runner}] ${scenarios.length} scenarios, ${scan.artifacts} artifacts (${scan.bytes} characters, ${output.writes()} console writes) scanned: ${leaks.length} leaks`,
      );
      expect(summary).toEqual([]);
    });
  }
});
