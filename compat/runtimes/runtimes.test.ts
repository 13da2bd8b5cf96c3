// The packages on every JavaScript runtime, for real: the simulator runs here in Node on
// 127.0.0.1, and each runtime under test reaches it over loopback. Node, Bun and Deno
// run probe-cli.ts as they would run an app; workerd (through miniflare) and the edge
// runtime run bundles made the way their platforms bundle.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Simulator } from '@apifree/simulator';
import { EdgeVM } from '@edge-runtime/vm';
import { Miniflare } from 'miniflare';
import { COMPAT_KEY, startCompatSimulator } from '../shared-simulator.ts';
import { bundle } from './bundle.ts';
import type { CheckName, ProbeResult } from './probe.ts';

const run = promisify(execFile);
const here = import.meta.dirname;
const bin = (name: string) => join(here, 'node_modules', '.bin', name);

/** What each check streams back: the words its prompt asks the simulator to say. */
const EXPECTED: Record<CheckName, string> = {
  core: 'core streams here',
  streamText: 'the provider streams here',
  langchain: 'langchain streams here',
};
// Hooks have no default timeout: a runtime that hangs must fail the suite, not stall CI.
const HOOK_TIMEOUT = { timeout: 180_000 };

const CHECK_TITLES: Record<CheckName, string> = {
  core: 'core streaming',
  streamText: 'streamText',
  langchain: 'ChatAPIFree.stream()',
};

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());

/** One `it` per check, each asserting the text that check streamed. */
function itChecks(checks: CheckName[], result: () => ProbeResult): void {
  for (const check of checks) {
    it(CHECK_TITLES[check], () => {
      assert.equal(result()[check], EXPECTED[check]);
    });
  }
}

/** Runs probe-cli.ts with `command` and returns its JSON line. */
async function runCli(command: string, args: string[]): Promise<ProbeResult> {
  const { stdout } = await run(command, [...args, simulator.baseURL, COMPAT_KEY], {
    cwd: here,
    // A hung runtime fails the suite instead of blocking it; not a speed check.
    timeout: 120_000,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', DO_NOT_TRACK: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ProbeResult;
}

// The Node probes get the suite's socket-level guard too: a connection they make to
// anything but loopback exits them non-zero, which fails their checks.
const nodeProbe = ['--import', join(here, '..', 'loopback-only.ts'), 'probe-cli.ts'];

const CLI_RUNTIMES = [
  {
    name: 'Node 22.19',
    command: join(here, 'node_modules', 'node22', 'bin', 'node'),
    args: nodeProbe,
  },
  { name: 'Node 24', command: process.execPath, args: nodeProbe },
  { name: 'Bun', command: bin('bun'), args: ['probe-cli.ts'] },
  {
    name: 'Deno',
    command: bin('deno'),
    // ai's gateway (@vercel/oidc) reads the host name when it loads.
    args: [
      'run',
      '--allow-net=127.0.0.1',
      '--allow-read',
      '--allow-env',
      '--allow-sys=hostname',
      'probe-cli.ts',
    ],
  },
];

for (const runtime of CLI_RUNTIMES) {
  describe(runtime.name, () => {
    let result: ProbeResult = {};
    before(async () => {
      result = await runCli(runtime.command, runtime.args);
    }, HOOK_TIMEOUT);
    it('reports its version', async () => {
      const { stdout } = await run(runtime.command, ['--version']);
      const expected = {
        'Node 22.19': /^v22\.19\.0/,
        'Node 24': /^v24\./,
        Bun: /^1\.4\.5/,
        Deno: /^deno 2\.9\.6/,
      };
      assert.match(stdout.trim(), expected[runtime.name as keyof typeof expected]);
    });
    itChecks(['core', 'streamText', 'langchain'], () => result);
  });
}

/** Runs a Worker bundled with the named checks in workerd and returns its answer. */
async function runWorker(checks: CheckName[], compatibilityFlags: string[]): Promise<ProbeResult> {
  const imports = {
    core: "import { checkCore as core } from './check-core.ts';",
    streamText: "import { checkStreamText as streamText } from './check-stream-text.ts';",
    langchain: "import { checkLangchain as langchain } from './check-langchain.ts';",
  };
  const script = await bundle(
    [
      "import { worker } from './worker.ts';",
      ...checks.map((check) => imports[check]),
      `export default worker({ ${checks.join(', ')} });`,
    ].join('\n'),
    { format: 'esm', conditions: ['workerd', 'worker', 'browser'] },
  );
  const miniflare = new Miniflare({
    // Without it miniflare fetches the `request.cf` object from workers.cloudflare.com
    // (through its own undici) and caches it; its placeholder object serves these tests.
    cf: false,
    modules: true,
    script,
    compatibilityDate: '2026-07-01',
    compatibilityFlags,
    bindings: { SIMULATOR_BASE_URL: simulator.baseURL, SIMULATOR_API_KEY: COMPAT_KEY },
  });
  try {
    const response = await miniflare.dispatchFetch('http://localhost/');
    return (await response.json()) as ProbeResult;
  } finally {
    await miniflare.dispose();
  }
}

describe('Cloudflare workerd', () => {
  let plain: ProbeResult = {};
  let nodeCompat: ProbeResult = {};
  before(async () => {
    // core and the provider need no Node built-ins, so no compatibility flag;
    // LangChain's langsmith imports node:fs and node:zlib, so it runs with nodejs_compat.
    plain = await runWorker(['core', 'streamText'], []);
    nodeCompat = await runWorker(['langchain'], ['nodejs_compat']);
  }, HOOK_TIMEOUT);
  itChecks(['core', 'streamText'], () => plain);
  itChecks(['langchain'], () => nodeCompat);
});

describe('Edge runtime', () => {
  const edgeConditions = ['edge-light', 'worker', 'browser'];
  let result: ProbeResult = {};
  before(async () => {
    const script = await bundle(
      [
        "export { probe } from './probe.ts';",
        "export { checkCore } from './check-core.ts';",
        "export { checkStreamText } from './check-stream-text.ts';",
      ].join('\n'),
      { format: 'iife', globalName: 'compat', conditions: edgeConditions },
    );
    const vm = new EdgeVM();
    vm.evaluate(script);
    result = (await vm.evaluate(
      `compat.probe({ core: compat.checkCore, streamText: compat.checkStreamText }, ${JSON.stringify({ baseURL: simulator.baseURL, apiKey: COMPAT_KEY })})`,
    )) as ProbeResult;
  }, HOOK_TIMEOUT);
  itChecks(['core', 'streamText'], () => result);
  it('unsupported: ChatAPIFree.stream() (LangChain does not load: langsmith imports node:zlib)', async () => {
    const script = await bundle("export { checkLangchain } from './check-langchain.ts';", {
      format: 'iife',
      globalName: 'compat',
      conditions: edgeConditions,
    });
    assert.throws(
      () => new EdgeVM().evaluate(script),
      /Dynamic require of "node:zlib" is not supported/,
    );
  });
});
