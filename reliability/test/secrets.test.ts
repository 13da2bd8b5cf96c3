import { randomUUID } from 'node:crypto';
import { FAULT_NAMES } from '@apifree/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/adapters';
import { recordFigures } from '../src/figures';
import { HOSTILE_MODES, type HostileServer, startHostileServer } from '../src/hostile-server';
import { SECRET_RUNNERS, type SecretScenario, scanSerializedObjects } from '../src/secret-runners';
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
    ...HOSTILE_MODES.flatMap((mode) =>
      [true, false].map((stream) => ({
        name: `hostile ${mode}${stream ? '' : ' (non-streaming)'}`,
        baseURL: hostile.baseURL,
        headers: { 'x-hostile-mode': mode },
        stream,
      })),
    ),
  ];
});

afterAll(async () => {
  await Promise.all([sim.close(), strictSim.close(), hostile.close()]);
});

describe(`a random key (sk-drill-<uuid>) never appears in errors, logs, traces or serialized objects`, () => {
  for (const adapter of ADAPTERS) {
    it(`${adapter}: every failure kind, the hostile echoes, and the serialized objects`, async () => {
      const scan = new SecretScan(KEY, RANDOM);
      const output = captureOutput();
      try {
        for (const scenario of scenarios) await SECRET_RUNNERS[adapter](KEY, scenario, scan);
        scanSerializedObjects(adapter, KEY, sim.baseURL, scan);
      } finally {
        output.restore();
      }
      scan.add(`${adapter} / console, stdout and stderr / output`, output.text());
      const leaks = scan.leaks();
      const summary = scan.leakSummary();
      recordFigures(['secrets', adapter], {
        scenarios: scenarios.length,
        artifactsScanned: scan.artifacts,
        charactersScanned: scan.bytes,
        consoleWrites: output.writes(),
        leaks: leaks.length,
        leakSummary: summary,
        firstLeak: leaks[0] ?? null,
      });
      console.log(
        `[secrets ${adapter}] ${scenarios.length} scenarios, ${scan.artifacts} artifacts (${scan.bytes} characters, ${output.writes()} console writes) scanned: ${leaks.length} leaks`,
      );
      expect(summary).toEqual([]);
    });
  }
});
