import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReport, HostileCase } from './hostile-case';

const CHILD = fileURLToPath(new URL('./hostile-memory-child.ts', import.meta.url));

/**
 * Runs one hostile case in a child process of its own and resolves with what it measured,
 * or with `hung` if the child has not answered after `deadlineMs` (it is killed then).
 * The deadline only keeps a broken client from stalling the drill; no case comes near it.
 *
 * @example
 * const report = await runHostileChild(hostileCase, server.baseURL('json-body'), server.baseURL('healthy'));
 */
export async function runHostileChild(
  hostileCase: HostileCase,
  baseURL: string,
  warmURL: string,
  deadlineMs = 90_000,
): Promise<ChildReport | 'hung'> {
  const child = fork(CHILD, [JSON.stringify({ hostileCase, baseURL, warmURL })], {
    execArgv: ['--expose-gc', '--disable-warning=ExperimentalWarning'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<ChildReport | 'hung'>((resolve, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, deadlineMs);
      child.once('message', (report: ChildReport) => resolve(report));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`hostile child exited with ${code}`)));
    });
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));
  }
}
