import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

function runNext(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: appDirectory,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return { child, output: () => output };
}

/** `next build` with the given environment (the e2e passes its secret key to prove it stays out). */
export async function buildApp(env: NodeJS.ProcessEnv): Promise<void> {
  const { child, output } = runNext(['build'], env);
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`next build failed:\n${output()}`);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('No port assigned');
  return address.port;
}

export interface RunningApp {
  url: string;
  /** Everything the server printed (its error log shows why a step failed). */
  logs(): string;
  close(): Promise<void>;
}

/** `next start` on a free loopback port; resolves once the page answers. */
export async function startApp(env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const port = await freePort();
  const { child, output } = runNext(
    ['start', '--port', String(port), '--hostname', '127.0.0.1'],
    env,
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output()}`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    logs: output,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Every file under `directory`, with its text. */
export async function readTree(directory: string): Promise<Array<{ path: string; text: string }>> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { path, text: await readFile(path, 'latin1') };
      }),
  );
}
