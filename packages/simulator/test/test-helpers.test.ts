import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PLACEHOLDER_API_KEY,
  type Simulator,
  startSimulator,
  startTestSimulator,
} from '../src/index';
import { deferredSimulator } from '../src/testing/deferred-simulator';
import { useSimulator } from '../src/vitest';

const simulator = useSimulator();

describe('useSimulator for vitest', () => {
  it('points APIFREE_BASE_URL at a simulator started for this file, with a placeholder key', async () => {
    expect(process.env.APIFREE_BASE_URL).toBe(simulator.baseURL);
    expect(process.env.APIFREE_API_KEY).toBe(PLACEHOLDER_API_KEY);
    const response = await fetch(`${process.env.APIFREE_BASE_URL}/responses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${process.env.APIFREE_API_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'gpt-4.1-mini', input: 'Say "from the helper"' }),
    });
    expect((await response.json()).output[0].content[0].text).toBe('from the helper');
    expect(simulator.requests.map((request) => request.path)).toEqual(['/v1/responses']);
  });

  it('says when it is used before its hook started it', () => {
    const early = deferredSimulator(() => undefined, 'beforeAll');
    expect(() => early.baseURL).toThrow(
      'The simulator starts in beforeAll: use it inside tests and hooks, not while the file loads.',
    );
  });
});

describe('startTestSimulator', () => {
  let saved: NodeJS.ProcessEnv;
  let dir: string;
  let upstream: Simulator;
  beforeEach(async () => {
    saved = { ...process.env };
    dir = mkdtempSync(join(tmpdir(), 'apifree-helper-'));
    upstream = await startSimulator({ pace: false, apiKeys: ['sk-real-key-for-recording'] });
  });
  afterEach(async () => {
    await upstream.close();
    for (const name of ['APIFREE_BASE_URL', 'APIFREE_API_KEY', 'APIFREE_RECORD']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (input: string) =>
    fetch(`${process.env.APIFREE_BASE_URL}/responses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${process.env.APIFREE_API_KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'gpt-4.1-mini', input }),
    });

  it('records with APIFREE_RECORD=missing and the real key, replays without, and restores the environment', async () => {
    process.env.APIFREE_BASE_URL = upstream.baseURL;
    process.env.APIFREE_API_KEY = 'sk-real-key-for-recording';
    process.env.APIFREE_RECORD = 'missing';
    const recording = await startTestSimulator({ recordings: pathToFileURL(`${dir}/`) });
    expect(process.env.APIFREE_BASE_URL).toBe(recording.simulator.baseURL);
    const recorded = await (await ask('Say "recorded once"')).json();
    await recording.stop();
    expect(process.env.APIFREE_BASE_URL).toBe(upstream.baseURL);
    expect(process.env.APIFREE_API_KEY).toBe('sk-real-key-for-recording');
    expect(readdirSync(dir)).toHaveLength(1);
    expect(upstream.requests).toHaveLength(1);

    delete process.env.APIFREE_RECORD;
    delete process.env.APIFREE_API_KEY;
    await upstream.close();
    const replaying = await startTestSimulator({ recordings: dir });
    expect(process.env.APIFREE_API_KEY).toBe(PLACEHOLDER_API_KEY);
    expect(await (await ask('Say "recorded once"')).json()).toEqual(recorded);
    expect((await ask('Something new')).status).toBe(404);
    await replaying.stop();
    expect(process.env.APIFREE_API_KEY).toBe(undefined);
  });

  it('refuses to record without a real key, and an unknown APIFREE_RECORD', async () => {
    delete process.env.APIFREE_API_KEY;
    process.env.APIFREE_RECORD = 'missing';
    await expect(startTestSimulator({ recordings: dir })).rejects.toThrow(
      'APIFREE_RECORD=missing records from the real service: set APIFREE_API_KEY to a real key.',
    );
    process.env.APIFREE_RECORD = 'yes';
    await expect(startTestSimulator({ recordings: dir })).rejects.toThrow(
      "APIFREE_RECORD must be 'missing' (record what has no recording) or 'all' (record everything again), got 'yes'.",
    );
  });
});

describe('useSimulator for node:test', () => {
  it('starts one simulator for the file in before and stops it in after', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'apifree-node-test-'));
    const helper = pathToFileURL(join(import.meta.dirname, '../dist/node-test.js')).href;
    const file = join(folder, 'usage.test.mjs');
    writeFileSync(
      file,
      `import assert from 'node:assert/strict';
import { it } from 'node:test';
import { useSimulator } from '${helper}';

const simulator = useSimulator();

it('answers at APIFREE_BASE_URL', async () => {
  assert.equal(process.env.APIFREE_BASE_URL, simulator.baseURL);
  const response = await fetch(process.env.APIFREE_BASE_URL + '/responses', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + process.env.APIFREE_API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4.1-mini', input: 'Say "node test"' }),
  });
  assert.equal((await response.json()).output[0].content[0].text, 'node test');
});

it('keeps the same simulator for the whole file', () => {
  assert.equal(simulator.requests.length, 1);
});
`,
    );
    try {
      const env = { ...process.env };
      delete env.APIFREE_BASE_URL;
      delete env.APIFREE_API_KEY;
      const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file], { env });
      try {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
        });
        const [code] = (await once(child, 'close')) as [number | null];
        expect(output).toContain('# pass 2');
        expect(output).toContain('# fail 0');
        expect(code).toBe(0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
