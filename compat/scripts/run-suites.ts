import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestResult } from './results-reporter.ts';
import { SUITES } from './suites.ts';

const compat = join(import.meta.dirname, '..');
export const RESULTS_DIR = join(compat, 'results');

/** Every suite's results, and whether each suite's process exited cleanly. */
export interface SuiteRun {
  results: TestResult[];
  failedSuites: string[];
}

function runSuite(name: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: join(compat, name),
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}

/**
 * Runs each suite with node's test runner (spec output to the terminal, one JSON line
 * per test to results/<suite>.jsonl), one suite after another, and reads the results.
 *
 * @example
 * const { results, failedSuites } = await runSuites();
 */
export async function runSuites(): Promise<SuiteRun> {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR);
  const failedSuites: string[] = [];
  const results: TestResult[] = [];
  for (const suite of SUITES) {
    const resultsFile = join(RESULTS_DIR, `${suite.name}.jsonl`);
    console.log(`\n--- ${suite.name}`);
    const code = await runSuite(
      suite.name,
      [
        '--import',
        join(compat, 'loopback-only.ts'),
        '--test',
        // A hung test fails instead of blocking CI; this bounds time, it measures nothing.
        '--test-timeout=180000',
        ...(suite.forceExit === true ? ['--test-force-exit'] : []),
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        `--test-reporter=${join(import.meta.dirname, 'results-reporter.ts')}`,
        `--test-reporter-destination=${resultsFile}`,
        ...suite.files,
      ],
      suite.env ?? {},
    );
    if (code !== 0) failedSuites.push(suite.name);
    const lines = readFileSync(resultsFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    results.push(...lines.map((line) => JSON.parse(line) as TestResult));
  }
  return { results, failedSuites };
}
