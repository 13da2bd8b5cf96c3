// Starts the chat app and prints its URL. Without APIFREE_API_KEY it first starts a local
// APIFree simulator and points the app's server at it, so the demo runs offline.
// `--build` builds the packages and the app first (what `pnpm demo` does); `--dev` runs
// `next dev` instead of the production server (which needs `next build` first).
// Ctrl+C or SIGTERM stops the app and the simulator and exits with 0: stopping the demo
// is how it is meant to end.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));
const repositoryDirectory = fileURLToPath(new URL('../../..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const dev = process.argv.includes('--dev');
const host = '127.0.0.1';

let stopping = false;
let server;
// `on`, not `once`: a terminal's Ctrl+C and pnpm forwarding it arrive as two signals.
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (server === undefined) process.exit(0);
  else server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (process.argv.includes('--build')) {
  console.log('Building the packages and the chat app (the first run takes a minute)...');
  const build = spawnSync(
    'turbo',
    ['run', 'build', '--filter=nextjs-chat...', '--output-logs=errors-only'],
    { cwd: repositoryDirectory, stdio: 'inherit' },
  );
  if (stopping) process.exit(0);
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Imported after the build: the simulator package is one of the things it builds.
const { startSimulator } = await import('@apifree/simulator');

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function choosePort() {
  if (process.env.PORT) return Number(process.env.PORT);
  for (let port = 3000; port < 3020; port++) if (await portIsFree(port)) return port;
  throw new Error('Ports 3000-3019 are taken: set PORT to a free port.');
}

async function waitUntilServing(url, child) {
  while (child.exitCode === null && child.signalCode === null) {
    const response = await fetch(url).catch(() => undefined);
    if (response !== undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const port = await choosePort();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
let simulator;
if (!process.env.APIFREE_API_KEY) {
  // Default pacing streams like a real model: a short wait, then about 80 tokens a second.
  simulator = await startSimulator({ port: 0 });
  env.APIFREE_BASE_URL = simulator.baseURL;
  env.APIFREE_API_KEY = 'sk-local-simulator';
  env.APIFREE_SIMULATOR = '1';
}

// Its own process group: Ctrl+C reaches this script, which stops the server in order.
server = spawn(
  process.execPath,
  [nextBin, dev ? 'dev' : 'start', '--port', String(port), '--hostname', host],
  { cwd: appDirectory, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
);
if (stopping) server.kill('SIGTERM');
server.once('exit', async (code) => {
  await simulator?.close();
  process.exit(stopping ? 0 : (code ?? 1));
});
// If this script dies some other way, the server must not outlive it.
process.once('exit', () => {
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
});

const url = `http://${host}:${port}`;
if (await waitUntilServing(url, server)) {
  console.log(`\n  APIFree chat is running at ${url}\n`);
  console.log(
    simulator === undefined
      ? `  Model calls go to APIFree (${process.env.APIFREE_BASE_URL ?? 'https://api.apifree.ai/v1'}).`
      : `  Model calls go to a local simulator at ${simulator.baseURL}.\n  Set APIFREE_API_KEY to use APIFree instead.`,
  );
  console.log('  Press Ctrl+C to stop.\n');
} else if (!dev && !stopping) {
  console.error('The chat app did not start. Build it first: npx -y pnpm@12.4.2 demo');
}
