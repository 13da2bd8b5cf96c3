import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as it arrived, one entry per read: shows whether output streamed. */
  stdoutReads: string[];
}

const appDirectory = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs an example as a user would (`node src/<file>`), with only the given APIFree
 * settings in its environment.
 */
export async function runExample(
  file: string,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<ExampleRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (options.env?.APIFREE_API_KEY === undefined) delete env.APIFREE_API_KEY;
  if (options.env?.APIFREE_BASE_URL === undefined) delete env.APIFREE_BASE_URL;
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [`src/${file}`, ...(options.args ?? [])], {
    cwd: appDirectory,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdoutReads: string[] = [];
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdoutReads.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout: stdoutReads.join(''), stderr, stdoutReads };
}
