import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { largeStream } from './large-stream.mjs';

/** The header that makes the simulator replay the large stream. */
export const REPLAY_HEADER = { 'x-simulator-replay': 'large.sse' };

/**
 * Starts @apifree/simulator in its own process (so the server does not share the
 * client's event loop), unpaced, with the large stream ready for replay by header.
 */
export async function startBenchSimulator(options = {}) {
  const stream = largeStream(options.copies ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'apifree-bench-'));
  writeFileSync(join(dir, 'large.sse'), stream.bytes);
  const child = fork(
    fileURLToPath(new URL('./simulator-child.mjs', import.meta.url)),
    [dir, JSON.stringify(options.pace ?? false)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  process.once('exit', () => child.kill());
  const baseURL = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return {
    ...stream,
    baseURL,
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
