import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelCatalogue, type Simulator, startSimulator } from '../src/index';
import { post } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    pace: false,
    models: ['o9-preview', 'house-model', { id: 'gpt-5-plain', reasoning: false }],
  });
});
afterAll(() => sim.close());

describe("the simulator's own model table", () => {
  it('classifies the documented models', () => {
    const catalogue = modelCatalogue();
    expect([...catalogue.values()]).toEqual([
      { id: 'gpt-5.4', reasoning: true },
      { id: 'gpt-5.4-mini', reasoning: true },
      { id: 'gpt-5.4-nano', reasoning: true },
      { id: 'gpt-5.2', reasoning: true },
      { id: 'gpt-5', reasoning: true },
      { id: 'gpt-5-mini', reasoning: true },
      { id: 'gpt-5-nano', reasoning: true },
      { id: 'gpt-4.1', reasoning: false },
      { id: 'gpt-4.1-mini', reasoning: false },
      { id: 'gpt-4o', reasoning: false },
      { id: 'gpt-4o-mini', reasoning: false },
    ]);
  });

  it('judges an added id by its family and takes spelled-out capabilities as given', async () => {
    const reasoner = await post(sim, { model: 'o9-preview', input: 'Hi', temperature: 0.3 });
    expect(reasoner.status).toBe(400);
    expect((await reasoner.json()).error.param).toBe('temperature');

    const plain = await post(sim, { model: 'gpt-5-plain', input: 'Hi', temperature: 0.3 });
    expect(plain.status).toBe(200);
    const body = await plain.json();
    expect(body.output.map((item: { type: string }) => item.type)).toEqual(['message']);
    expect(body.reasoning).toEqual({ effort: null, summary: null });

    const house = await post(sim, { model: 'house-model', input: 'Hi', temperature: 0.3 });
    expect(house.status).toBe(200);
  });

  it('lists the added models', async () => {
    const response = await fetch(`${sim.baseURL}/models`, {
      headers: { authorization: 'Bearer sk-test-0123456789abcdef' },
    });
    const ids = (await response.json()).data.map((model: { id: string }) => model.id);
    expect(ids.slice(-3)).toEqual(['o9-preview', 'house-model', 'gpt-5-plain']);
  });

  it("imports nothing but types from @apifree/core, so a client's judgement never decides", () => {
    const sourceDir = join(import.meta.dirname, '../src');
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    const valueImports = files.flatMap((file) => {
      const source = readFileSync(join(sourceDir, file), 'utf8');
      return [...source.matchAll(/^import\s+(?!type\b)([^;]*?)from\s+'@apifree\/core[^']*';/gms)]
        .filter((match) => !/^\{\s*(type\s+\w+\s*,?\s*)+\}\s*$/.test(match[1]!.trim()))
        .map(() => file);
    });
    expect(valueImports).toEqual([]);
  });
});
