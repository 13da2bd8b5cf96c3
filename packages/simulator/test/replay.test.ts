import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameChunks, type Simulator, startSimulator } from '../src/index';
import { post } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/responses');

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false, replay: { dir: FIXTURES } });
});
afterAll(() => sim.close());

const files = (folder: string) =>
  readdirSync(join(FIXTURES, folder)).map((name) => `${folder}/${name}`);

describe('replay of every recording', () => {
  for (const file of files('sse')) {
    it(`serves ${file} byte for byte`, async () => {
      const response = await post(
        sim,
        { model: 'gpt-4o', input: 'x', stream: true },
        { 'x-simulator-replay': file },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(
        Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(FIXTURES, file))),
      ).toBe(true);
    });
  }

  for (const file of files('chunks')) {
    it(`serves ${file} framed as OpenAI frames it`, async () => {
      const response = await post(sim, {}, { 'x-simulator-replay': file });
      const expected = readFileSync(join(FIXTURES, file), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
        .join('');
      expect(await response.text()).toBe(expected);
    });
  }

  for (const file of files('json')) {
    it(`serves ${file} unchanged`, async () => {
      const response = await post(sim, {}, { 'x-simulator-replay': file });
      const bytes = readFileSync(join(FIXTURES, file));
      const body = JSON.parse(bytes.toString('utf8'));
      const status =
        body.error == null ? 200 : body.error.code === 'insufficient_quota' ? 429 : 400;
      expect(response.status).toBe(status);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    });
  }

  it('finds a recording by bare name', async () => {
    const response = await post(sim, {}, { 'x-simulator-replay': 'openai-text-gpt-4o-mini' });
    expect(await response.text()).toBe(
      readFileSync(join(FIXTURES, 'sse/openai-text-gpt-4o-mini.sse'), 'utf8'),
    );
  });

  it('refuses names outside the replay directory', async () => {
    const response = await post(sim, {}, { 'x-simulator-replay': '../../package.json' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('replay_not_found');
  });

  it('replays the next request from any path with replayNext', async () => {
    const file = join(FIXTURES, 'chunks/openai-text-ok-gpt-4o-mini.chunks.txt');
    sim.replayNext(file);
    const replayed = await post(sim, { model: 'gpt-4o', input: 'x', stream: true });
    expect(await replayed.text()).toBe(frameChunks(readFileSync(file, 'utf8')).join(''));
    const live = await post(sim, { model: 'gpt-4o', input: 'Say live' });
    expect((await live.json()).output[0].content[0].text).toBe('live');
  });
});
