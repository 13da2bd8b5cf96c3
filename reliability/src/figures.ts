import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the drill writes its figures (gitignored); RELIABILITY.md quotes a run of it. */
export const RESULTS_FILE = fileURLToPath(new URL('../results.json', import.meta.url));

type Figures = Record<string, unknown>;

/** Reads the figures written so far in this run. */
export function readFigures(): Figures {
  if (!existsSync(RESULTS_FILE)) return {};
  return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Figures;
}

/**
 * Stores `value` under `path` (e.g. `['load', 'core', 'deterministic']`) in results.json.
 * Test files run one after another, so read-modify-write is safe.
 */
export function recordFigures(path: string[], value: unknown): void {
  const figures = readFigures();
  let node = figures;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Figures;
  }
  node[path.at(-1) as string] = value;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(figures, null, 2)}\n`);
}

/** Increments `counts[key]`. */
export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
