import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

it('the apifree-simulator CLI prints its base URL, serves requests and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [
    cli,
    '--port',
    '0',
    '--unpaced',
    '--api-key',
    'sk-cli-test',
  ]);
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
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
});

it('rejects an invalid --fault-mix with a message naming it', async () => {
  const child = spawn(process.execPath, [cli, '--port', '0', '--fault-mix', 'nonsense=0.5']);
  let stderr = '';
  child.stderr.on('data', (part: Buffer) => {
    stderr += part.toString();
  });
  const [code] = await once(child, 'exit');
  expect(code).not.toBe(0);
  expect(stderr).toContain('nonsense');
});
