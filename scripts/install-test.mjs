// Proves what users do works: pack every public package, install the tarballs with npm in
// a fresh project outside the workspace, then import and use each one from ESM and from
// CommonJS — on this Node and on the oldest supported Node (installed from the npm registry).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usageScripts } from './install-test-usage.mjs';

const OLDEST_NODE = '22.19.0';
const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const publicPackages = readdirSync(packagesDir)
  .map((dir) => ({
    dir: join(packagesDir, dir),
    manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private);

const work = mkdtempSync(join(tmpdir(), 'apifree-install-'));
const run = (command, args, options = {}) =>
  execFileSync(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    ...options,
  });

try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const { dir, manifest } of publicPackages) {
    run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir });
    console.log(`packed ${manifest.name}`);
  }
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'install-test', private: true }),
  );
  // Optional peers (vitest for the simulator's test helper) are for users who have them already.
  const peers = publicPackages.flatMap(({ manifest }) =>
    Object.keys(manifest.peerDependencies ?? {})
      .filter((name) => manifest.peerDependenciesMeta?.[name]?.optional !== true)
      .map(
        (name) => `${name}@${manifest.devDependencies?.[name] ?? manifest.peerDependencies[name]}`,
      ),
  );
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...files,
      ...peers,
      `node@${OLDEST_NODE}`,
    ],
    { cwd: project },
  );
  console.log(
    `installed ${files.length} tarballs with npm (+ ${peers.join(', ') || 'no peers'}, node@${OLDEST_NODE})`,
  );

  const installed = new Set(publicPackages.map(({ manifest }) => manifest.name));
  const scripts = usageScripts().filter((script) =>
    script.packages.every((name) => installed.has(name)),
  );
  const runtimes = [
    ['this Node', process.execPath],
    [`Node ${OLDEST_NODE}`, join(project, 'node_modules', 'node', 'bin', 'node')],
  ];
  let passed = 0;
  for (const script of scripts) {
    writeFileSync(join(project, script.file), script.source);
    for (const [label, node] of runtimes) {
      const output = run(node, [script.file], { cwd: project }).trim();
      if (!output.endsWith('ok')) throw new Error(`${script.file} on ${label} printed: ${output}`);
      console.log(`✓ ${script.file} on ${label} (${run(node, ['--version']).trim()}): ${output}`);
      passed++;
    }
  }
  const covered = new Set(scripts.flatMap((script) => script.packages));
  const missing = [...installed].filter((name) => !covered.has(name));
  if (missing.length)
    throw new Error(
      `No install-test usage for ${missing.join(', ')}: add it to scripts/install-test-usage.mjs`,
    );
  console.log(`\n${passed} passed, 0 failed`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
