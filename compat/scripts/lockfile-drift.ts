import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const compat = join(import.meta.dirname, '..');
const repository = join(compat, '..');
const DIFF_LINES = 80;

/** Copies the package.json of each folder right under `from` to the same place under `to`. */
function copyManifests(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const manifest = join(from, entry.name, 'package.json');
    if (!entry.isDirectory() || entry.name === 'node_modules' || !existsSync(manifest)) continue;
    mkdirSync(join(to, entry.name), { recursive: true });
    copyFileSync(manifest, join(to, entry.name, 'package.json'));
  }
}

/**
 * How compat/pnpm-lock.yaml differs from what pnpm resolves now from the compat
 * package.json files and from the package.json files of the repository's packages, which
 * the compat projects install as `file:` folders; an empty string when it does not.
 *
 * `pnpm install --frozen-lockfile` cannot tell: it compares the lockfile with the compat
 * manifests only, and installs a `file:` package with the dependencies the lockfile
 * recorded for it, even after the package's own package.json changed them. So this
 * resolves a copy of the manifests and the lockfile in a temporary folder with
 * `pnpm install --lockfile-only --fix-lockfile` (which re-reads the `file:` packages and
 * keeps every version the lockfile still allows) and compares the result byte for byte.
 * It reaches the npm registry only for metadata pnpm has not cached.
 *
 * @example
 * const drift = lockfileDrift();
 * if (drift !== '') throw new Error(`compat/pnpm-lock.yaml is stale:\n${drift}`);
 */
export function lockfileDrift(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'apifree-compat-lockfile-'));
  try {
    const workspace = join(scratch, 'compat');
    mkdirSync(workspace);
    for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) {
      copyFileSync(join(compat, file), join(workspace, file));
    }
    copyManifests(compat, workspace);
    copyManifests(join(repository, 'packages'), join(scratch, 'packages'));

    const resolve = spawnSync(
      'npx',
      ['-y', 'pnpm@12.4.2', 'install', '--lockfile-only', '--fix-lockfile'],
      { cwd: workspace, encoding: 'utf8' },
    );
    if (resolve.status !== 0) {
      throw new Error(
        `compat: resolving the compat workspace to check its lockfile failed:\n${resolve.stdout}${resolve.stderr}`,
      );
    }
    const committed = join(compat, 'pnpm-lock.yaml');
    const resolved = join(workspace, 'pnpm-lock.yaml');
    if (readFileSync(resolved, 'utf8') === readFileSync(committed, 'utf8')) return '';

    const diff = spawnSync(
      'git',
      ['diff', '--no-index', '--no-color', '--unified=1', committed, resolved],
      { encoding: 'utf8' },
    );
    // Without git to show the difference, the drift is still reported.
    const lines = (
      diff.stdout || 'pnpm resolves a different lockfile (git diff is unavailable)'
    ).split('\n');
    const shown = lines.slice(0, DIFF_LINES).join('\n');
    return lines.length > DIFF_LINES
      ? `${shown}\n… ${lines.length - DIFF_LINES} more lines`
      : shown;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
