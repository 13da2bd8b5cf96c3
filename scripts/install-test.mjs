// Proves what users do works: pack every public package, install the tarballs with npm in
// a fresh project outside the workspace, then import and use each one from ESM and from
// CommonJS — on this Node and on the oldest supported Node (installed from the npm registry)
// — and run every README code block there (scripts/readme-snippets.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usageScripts } from './install-test-usage.mjs';
import { collectSnippets, runSnippets } from './readme-snippets.mjs';

const OLDEST_NODE = '22.19.0';
/** A Node older than the packages support: importing them must fail at once, naming both versions. */
const TOO_OLD_NODE = '20.20.2';
const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const publicPackages = readdirSync(packagesDir)
  .map((dir) => ({
    dir: join(packagesDir, dir),
    manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')),
  }))
  .filter(({ manifest }) => !manifest.private);

/** The version the workspace pins for `name` (what its tests use), else the registry's latest. */
function workspaceVersion(name) {
  const manifests = [
    join(root, 'package.json'),
    ...publicPackages.map(({ dir }) => join(dir, 'package.json')),
  ].map((path) => JSON.parse(readFileSync(path, 'utf8')));
  for (const manifest of manifests) {
    const version = manifest.devDependencies?.[name] ?? manifest.dependencies?.[name];
    if (version && /^\d/.test(version)) return `${name}@${version}`;
  }
  return name;
}

/** `@scope/name@1.2.3` → `@scope/name`. */
function packageName(spec) {
  return spec.replace(/(.)@[^@/]*$/, '$1');
}

const snippets = collectSnippets();
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
    JSON.stringify({ name: 'install-test', private: true, type: 'module' }),
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
  // What the README install lines name, plus the compiler the snippets are checked with.
  const peerNames = new Set(peers.map(packageName));
  const snippetPackages = [...new Set([...snippets.packages, 'typescript', '@types/node'])]
    .filter((name) => !peerNames.has(name))
    .map(workspaceVersion);
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...files,
      ...peers,
      ...snippetPackages,
      `node@${OLDEST_NODE}`,
      `node-too-old@npm:node@${TOO_OLD_NODE}`,
    ],
    { cwd: project },
  );
  console.log(
    `installed ${files.length} tarballs with npm (+ ${[...peers, ...snippetPackages].join(', ')}, node@${OLDEST_NODE}, node@${TOO_OLD_NODE})`,
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

  const tooOld = join(project, 'node_modules', 'node-too-old', 'bin', 'node');
  for (const name of ['@apifree/core', '@apifree/ai-sdk-provider', '@apifree/langchain']) {
    for (const [format, source] of [
      [
        'ESM',
        `import('${name}').then(() => console.log('imported'), (error) => console.log(error.name + ': ' + error.message));`,
      ],
      [
        'CJS',
        `try { require('${name}'); console.log('imported'); } catch (error) { console.log(error.name + ': ' + error.message); }`,
      ],
    ]) {
      const output = run(
        tooOld,
        ['--input-type', format === 'ESM' ? 'module' : 'commonjs', '-e', source],
        { cwd: project },
      ).trim();
      const expected = `APIFreeUnsupportedRuntimeError: @apifree/core needs Node ${OLDEST_NODE} or newer (undici 8, its HTTP client, needs it); this is Node ${TOO_OLD_NODE}.`;
      if (!output.startsWith(expected))
        throw new Error(`${name} (${format}) on Node ${TOO_OLD_NODE} printed: ${output}`);
      console.log(
        `✓ ${name} (${format}) on Node ${TOO_OLD_NODE} fails at import, naming both versions`,
      );
      passed++;
    }
  }
  console.log(`\n${passed} install checks passed\n`);
  const result = await runSnippets({ project, snippets: snippets.snippets });
  console.log(
    `\n${result.ran} README snippets ran, ${result.checked} type-checked, ${result.excerpts} excerpts matched their files`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
