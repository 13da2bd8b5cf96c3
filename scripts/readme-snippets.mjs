// Every ts/js code block of the root README and of each package README, run as a user
// would: in the fresh project that installs the packed tarballs, against a simulator, with
// APIFREE_API_KEY and APIFREE_BASE_URL set. Conventions (CONTRIBUTING.md):
//   - a block runs as written: its own imports, and an `npm install …` line in the same
//     README names every package it imports;
//   - `// prints: <text>` after a statement: the output must contain <text>;
//   - `<!-- snippet: typecheck -->` before a block: it cannot run alone (a server route, a
//     test file), so it is only type-checked;
//   - `<!-- snippet: excerpt <file> -->` before a block: a quote of a repository file, so
//     its lines must appear, in order, in that file.
// Every run and typecheck-only block is type-checked with tsc.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

/** The READMEs whose blocks are checked: the root one and one per package. */
export function readmePaths() {
  const packages = readdirSync(join(root, 'packages')).map((name) =>
    join(root, 'packages', name, 'README.md'),
  );
  const apps = readdirSync(join(root, 'apps')).map((name) => join(root, 'apps', name, 'README.md'));
  return [join(root, 'README.md'), ...packages, ...apps].filter((path) => existsSync(path));
}

const RUNNABLE = new Set(['ts', 'js', 'typescript', 'javascript']);
const CHECKED = new Set([...RUNNABLE, 'tsx']);

/** The fenced blocks of one README, with the marker comment before each and its install lines. */
export function extractSnippets(readme) {
  const text = readFileSync(readme, 'utf8');
  const lines = text.split('\n');
  const snippets = [];
  const installs = new Set();
  let marker;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const comment = /^<!--\s*snippet:\s*(\S+)(?:\s+(.*?))?\s*-->$/.exec(line.trim());
    if (comment) {
      marker = { kind: comment[1], argument: comment[2] };
      continue;
    }
    const fence = /^```(\w*)/.exec(line);
    if (!fence) {
      if (line.trim() !== '') marker = undefined;
      continue;
    }
    const language = fence[1];
    const body = [];
    const start = index + 1;
    for (index++; index < lines.length && !lines[index].startsWith('```'); index++)
      body.push(lines[index]);
    if (language === 'sh' || language === 'bash') {
      for (const command of body) for (const name of installedNames(command)) installs.add(name);
    }
    if (CHECKED.has(language)) {
      const kind = marker?.kind ?? (RUNNABLE.has(language) ? 'run' : 'typecheck');
      if (!['run', 'typecheck', 'excerpt'].includes(kind))
        throw new Error(`${relative(root, readme)}:${start}: unknown snippet marker "${kind}".`);
      snippets.push({
        readme,
        line: start,
        language,
        kind,
        argument: marker?.argument,
        source: body.join('\n'),
      });
    }
    marker = undefined;
  }
  return { snippets, installs: [...installs] };
}

/** The package names of an `npm install` / `npm i` command, without versions or flags. */
function installedNames(command) {
  const match = /^\s*npm\s+(?:install|i|add)\s+(.*)$/.exec(command.replace(/\s#.*$/, ''));
  if (!match) return [];
  return match[1]
    .split(/\s+/)
    .filter((word) => word !== '' && !word.startsWith('-') && !word.startsWith('#'))
    .map((word) => word.replace(/^(@?[^@]+)@.*$/, '$1'));
}

/** The packages a snippet imports (bare specifiers, reduced to package names). */
function importedPackages(source) {
  const names = new Set();
  for (const [, specifier] of source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
    if (builtinModules.includes(specifier)) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...names];
}

function expectedOutputs(source) {
  return [...source.matchAll(/\/\/\s*prints:\s*(.+?)\s*$/gm)].map((match) => match[1]);
}

function label(snippet) {
  return `${relative(root, snippet.readme)}:${snippet.line}`;
}

/** Every README's snippets and the packages their install lines name (beyond @apifree/*). */
export function collectSnippets() {
  const all = [];
  const packages = new Set();
  for (const readme of readmePaths()) {
    const { snippets, installs } = extractSnippets(readme);
    for (const snippet of snippets) {
      if (snippet.kind === 'excerpt') continue;
      const missing = importedPackages(snippet.source).filter((name) => !installs.includes(name));
      if (missing.length > 0)
        throw new Error(
          `${label(snippet)} imports ${missing.join(', ')}, which no \`npm install\` line of ${relative(root, readme)} names.`,
        );
    }
    for (const name of installs) if (!name.startsWith('@apifree/')) packages.add(name);
    all.push(...snippets);
  }
  return { snippets: all, packages: [...packages] };
}

/** Checks each excerpt's lines appear, in order, in the file it quotes. */
export function checkExcerpts(snippets) {
  for (const snippet of snippets.filter((item) => item.kind === 'excerpt')) {
    if (!snippet.argument) throw new Error(`${label(snippet)}: an excerpt marker names its file.`);
    const file = join(dirname(snippet.readme), snippet.argument);
    if (!existsSync(file))
      throw new Error(`${label(snippet)}: ${snippet.argument} does not exist.`);
    const normalise = (line) => line.trim();
    const source = readFileSync(file, 'utf8').split('\n').map(normalise);
    let at = 0;
    for (const line of snippet.source.split('\n').map(normalise)) {
      if (line === '') continue;
      const found = source.indexOf(line, at);
      if (found === -1)
        throw new Error(
          `${label(snippet)}: the line ${JSON.stringify(line)} is not in ${snippet.argument} (after line ${at}).`,
        );
      at = found + 1;
    }
  }
}

function run(command, args, options) {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, ...options },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
}

/**
 * Writes every checked snippet into `project/snippets`, type-checks them with the
 * project's TypeScript, runs the runnable ones against a fresh simulator each, and
 * returns how many ran and how many were checked.
 */
export async function runSnippets({ project, snippets, node = process.execPath }) {
  checkExcerpts(snippets);
  const directory = join(project, 'snippets');
  mkdirSync(directory, { recursive: true });
  const files = [];
  for (const [index, snippet] of snippets.entries()) {
    if (snippet.kind === 'excerpt') continue;
    const name = `${relative(root, snippet.readme).replaceAll('/', '-').replace(/\.md$/, '')}-${snippet.line}.${snippet.language === 'tsx' ? 'tsx' : 'ts'}`;
    // `export {}` makes every file a module, so blocks that declare the same names do not clash.
    writeFileSync(join(directory, name), `${snippet.source}\nexport {};\n`);
    files.push({ ...snippet, index, file: join(directory, name) });
  }
  writeFileSync(
    join(directory, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        jsx: 'react-jsx',
      },
      include: ['*.ts', '*.tsx'],
    }),
  );
  const typecheck = await run(
    node,
    [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', directory],
    { cwd: project },
  );
  if (typecheck.error) {
    throw new Error(`README snippets do not type-check:\n${typecheck.stdout}${typecheck.stderr}`);
  }
  console.log(`✓ ${files.length} README snippets type-check`);

  const { startSimulator } = await import(
    pathToFileURL(join(project, 'node_modules', '@apifree', 'simulator', 'dist', 'index.js')).href
  );
  let ran = 0;
  for (const snippet of files.filter((item) => item.kind === 'run')) {
    const simulator = await startSimulator({ port: 0, pace: false });
    try {
      const result = await run(node, [snippet.file], {
        cwd: project,
        timeout: 120_000,
        env: {
          ...process.env,
          APIFREE_API_KEY: 'sk-readme-snippet-0123456789abcdef',
          APIFREE_BASE_URL: simulator.baseURL,
        },
      });
      const output = `${result.stdout}${result.stderr}`;
      if (result.error) {
        throw new Error(
          `${label(snippet)} failed (${result.error.killed ? 'timed out' : `exit ${result.error.code}`}):\n${output}`,
        );
      }
      const missing = expectedOutputs(snippet.source).filter(
        (text) => !result.stdout.includes(text),
      );
      if (missing.length > 0) {
        throw new Error(
          `${label(snippet)} did not print ${missing.map((text) => JSON.stringify(text)).join(', ')}. It printed:\n${output}`,
        );
      }
      ran++;
      console.log(
        `✓ ${label(snippet)} runs${expectedOutputs(snippet.source).length > 0 ? ' and prints what it says' : ''}`,
      );
    } finally {
      await simulator.close();
    }
  }
  return { ran, checked: files.length, excerpts: snippets.length - files.length };
}
