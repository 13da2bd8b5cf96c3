import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli/parse-command-line';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

async function run(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (part: Buffer) => {
    stdout += part.toString();
  });
  child.stderr.on('data', (part: Buffer) => {
    stderr += part.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

it('the apifree-simulator CLI prints its base URL, serves requests and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [
    cli,
    '--port',
    '0',
    '--unpaced',
    '--api-key',
    'sk-cli-test',
  ]);
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const baseURL = line.toString().trim();
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const response = await fetch(`${baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-cli-test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-mini', input: 'Say hello' }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).status).toBe('completed');
    const rejected = await fetch(`${baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-mini', input: 'x' }),
    });
    expect(rejected.status).toBe(401);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  } finally {
    // A failed assertion above must not leave the server running.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

describe('start failures', () => {
  it('reports a busy port in one line with what to do, without the usage text', async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as { port: number };
    try {
      const result = await run(['--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `apifree-simulator: port ${port} is in use; pass --port 0 for a free port or choose another with --port <n>\n`,
      );
    } finally {
      holder.close();
    }
  });

  it('reports a recordings folder that does not exist in one line', async () => {
    const result = await run(['--port', '0', '--replay', '/nonexistent/recordings']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'apifree-simulator: could not start: The recordings folder /nonexistent/recordings does not exist. Record into it first.\n',
    );
  });
});

describe('usage mistakes', () => {
  it('names the mistake, then prints the usage, and exits 2', async () => {
    const result = await run(['--port', '0', '--fault-mix', 'nonsense=0.5']);
    expect(result.code).toBe(2);
    const [first, blank, usage] = result.stderr.split('\n');
    expect(first).toBe(
      "apifree-simulator: Invalid --fault-mix entry 'nonsense=0.5': expected <fault>=<probability>.",
    );
    expect(blank).toBe('');
    expect(usage).toBe('Usage: apifree-simulator [options]');
  });

  it.each([
    [['--port', 'eighty'], "--port needs a whole number from 0 to 65535, got 'eighty'."],
    [['--port', '70000'], "--port needs a whole number from 0 to 65535, got '70000'."],
    [['--tokens-per-second', '0'], "--tokens-per-second needs a number above 0, got '0'."],
    [['--seed', '4'], '--seed seeds the fault mix: pass it with --fault-mix.'],
    [
      ['--upstream', 'http://127.0.0.1:9'],
      '--upstream is the server to record: pass it with --record <dir>.',
    ],
    [['--record', 'a', '--upstream', 'ftp://x'], "--upstream needs an http(s) URL, got 'ftp://x'."],
    [
      ['--record-missing'],
      '--record-missing needs the folder: pass --record <dir> or --replay <dir>.',
    ],
    [['--replay-pace'], '--replay-pace needs recordings: pass --replay <dir>.'],
    [
      ['--record', 'a', '--replay', 'b'],
      '--record and --replay do not go together; to replay what a folder holds and record the rest, pass --record <dir> --record-missing.',
    ],
    [
      ['--replay', 'a', '--replay-dir', 'b'],
      '--replay and --replay-dir do not go together; pass one of them.',
    ],
  ])('%j: %s', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it('rejects unknown flags', () => {
    expect(() => parseCommandLine(['--recrod', 'a'])).toThrow("Unknown option '--recrod'");
  });
});

describe('recording flags', () => {
  it('--record with --upstream records everything from that server', () => {
    expect(
      parseCommandLine([
        '--record',
        'rec',
        '--upstream',
        'http://127.0.0.1:9/v1',
        '--ignore-field',
        'metadata.trace',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 8787,
        host: '127.0.0.1',
        pace: {},
        record: { dir: 'rec', mode: 'all', upstream: 'http://127.0.0.1:9/v1' },
        match: { ignore: ['metadata.trace'] },
      },
    });
  });

  it('--replay answers from recordings only; with --record-missing it records the rest', () => {
    expect(parseCommandLine(['--replay', 'rec', '--replay-pace'])).toMatchObject({
      options: { replay: { dir: 'rec', pace: true, unmatched: 'error' } },
    });
    const missing = parseCommandLine(['--replay', 'rec', '--record-missing']);
    expect(missing).toMatchObject({
      options: {
        replay: { dir: 'rec', unmatched: 'error' },
        record: { dir: 'rec', mode: 'missing' },
      },
    });
  });

  it('--replay-dir keeps serving named recordings and leaves other requests to the model', () => {
    expect(parseCommandLine(['--replay-dir', 'fixtures'])).toMatchObject({
      options: { replay: { dir: 'fixtures', pace: false, unmatched: 'model' } },
    });
  });
});
