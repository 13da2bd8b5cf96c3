import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// `pnpm demo` runs scripts/start.mjs (after a build, which the test task has done): it must
// serve the app against its own simulator, then stop cleanly on Ctrl+C or SIGTERM.
const script = fileURLToPath(new URL('../scripts/start.mjs', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const started = new Set<ChildProcess>();
// A test that fails part-way must not leave the script (or the server it started) running.
afterEach(() => {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        // SIGTERM: the script stops the server it started (in a group of its own) first.
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // The group is already gone.
      }
    }
  }
  started.clear();
});

async function startDemo(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const { APIFREE_API_KEY: _key, APIFREE_BASE_URL: _url, ...inherited } = process.env;
  const environment = { ...inherited, PORT: String(port) };
  // Its own process group, like a terminal's foreground job, so Ctrl+C can be sent to all of it.
  const child = spawn(process.execPath, [script], {
    env: environment,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(`APIFree chat is running at ${url}`)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe('the demo start script', () => {
  it('serves the chat and its icon against its own simulator, and Ctrl+C exits with 0', async () => {
    const demo = await startDemo();
    const page = await fetch(demo.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/icon.svg');
    expect((await fetch(`${demo.url}/icon.svg`)).status).toBe(200);
    expect(demo.output()).toContain('Model calls go to a local simulator at http://127.0.0.1:');
    const exited = once(demo.child, 'exit');
    process.kill(-demo.child.pid!, 'SIGINT');
    expect(await exited).toEqual([0, null]);
    expect(demo.output()).not.toMatch(/error/i);
  });

  it('SIGTERM to the script stops the server with it and exits with 0', async () => {
    const demo = await startDemo();
    const exited = once(demo.child, 'exit');
    demo.child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    // The server went down with the script: nothing answers on its port any more.
    await expect(fetch(demo.url)).rejects.toThrow();
  });
});
