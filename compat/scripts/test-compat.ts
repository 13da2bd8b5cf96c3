// `pnpm test:compat`: checks that the compat lockfile is current, installs the compat
// workspace from it, type-checks it, runs every suite, and writes the compatibility
// tables from that run into the root README (between the compat markers). The run's
// counts and timings go to compat/results/summary.md, which git ignores, so a passing
// run leaves the tree as it was.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compatibilityTables } from './compatibility-tables.ts';
import { lockfileDrift } from './lockfile-drift.ts';
import { RESULTS_DIR, runSuites } from './run-suites.ts';

const compat = join(import.meta.dirname, '..');
const readme = join(compat, '..', 'README.md');
const START = '<!-- compat:start (written by pnpm test:compat from its run; do not edit) -->';
const END = '<!-- compat:end -->';

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

// A stale lockfile would still install under --frozen-lockfile (see lockfile-drift.ts),
// with the dependencies a repository package used to have; it fails here instead.
const drift = lockfileDrift();
if (drift !== '') {
  console.error(drift);
  console.error(
    'compat: compat/pnpm-lock.yaml is stale (above: how it differs from what pnpm resolves from the package.json files): run `cd compat && npx -y pnpm@12.4.2 install --fix-lockfile` and commit it',
  );
  process.exit(1);
}

const installStarted = performance.now();
const install = spawnSync('npx', ['-y', 'pnpm@12.4.2', 'install', '--frozen-lockfile'], {
  cwd: compat,
  stdio: 'inherit',
});
if (install.status !== 0) {
  console.error('compat: pnpm install --frozen-lockfile failed (its output is above)');
  process.exit(1);
}
const installSeconds = seconds(installStarted);

// The suites run type-stripped; tsc checks them (and the calls into each framework).
const typecheck = spawnSync(join(compat, 'node_modules', '.bin', 'tsc'), ['-p', compat], {
  stdio: 'inherit',
});
if (typecheck.status !== 0) {
  console.error('compat: tsc found errors in the compat suite');
  process.exit(1);
}

const runStarted = performance.now();
const { results, failedSuites } = await runSuites();
const runSeconds = seconds(runStarted);

const tables = compatibilityTables(results);
const before = readFileSync(readme, 'utf8');
const start = before.indexOf(START);
const end = before.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`);
const after = `${before.slice(0, start + START.length)}\n${tables}\n${before.slice(end)}`;
writeFileSync(readme, after);

const passed = results.filter((result) => result.passed).length;
const failed = results.length - passed;
const summary = join(RESULTS_DIR, 'summary.md');
writeFileSync(
  summary,
  [
    "# Compatibility suite: this machine's last run",
    '',
    `Written by \`pnpm test:compat\` (compat/scripts/test-compat.ts). ${passed} passed, ${failed} failed.`,
    `Install (\`pnpm install --frozen-lockfile\` in compat/): ${installSeconds} s. Suites: ${runSeconds} s.`,
    '',
    tables,
    '',
  ].join('\n'),
);

console.log(`\ncompat: install ${installSeconds} s, suites ${runSeconds} s (${summary})`);
let exitCode = failed > 0 || failedSuites.length > 0 ? 1 : 0;
if (failedSuites.length > 0)
  console.error(`compat: suites that failed: ${failedSuites.join(', ')}`);
if (process.env.CI === 'true' && after !== before) {
  console.error(
    'compat: the README compatibility table differs from this run: run pnpm test:compat and commit README.md',
  );
  exitCode = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
