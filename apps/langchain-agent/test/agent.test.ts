import { type Simulator, startSimulator } from '@apifree/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runExample } from './run-example';

const KEY = 'sk-agent-test-7f3a9c';
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, pace: false, apiKeys: [KEY] });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

const againstSimulator = () => ({ APIFREE_API_KEY: KEY, APIFREE_BASE_URL: simulator.baseURL });

describe('src/agent.ts', () => {
  it('without a key, starts its own simulator, calls both tools and streams the answer', async () => {
    const run = await runExample('agent.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Using a local APIFree simulator');
    expect(run.stdout).toContain('→ calling getWeather({"city":"Paris"})');
    expect(run.stdout).toContain('→ calling getLocalTime({"city":"Tokyo"})');
    const weather = run.stdout.match(/← getWeather: (Paris: .+)/)?.[1];
    expect(weather).toMatch(/^Paris: -?\d+°C, /);
    // The final answer comes after the tool results and is built from them.
    const answer = run.stdout.slice(run.stdout.indexOf('Agent: '));
    expect(answer).toContain(weather);
    expect(answer).toMatch(/Tokyo: \w+ \d\d:\d\d \(Asia\/Tokyo\)/);
    // Paced like a real model: the answer reaches the terminal a few tokens at a time.
    const answerReads = run.stdoutReads.slice(
      run.stdoutReads.findIndex((read) => read.includes('Agent: ')),
    );
    expect(answerReads.length).toBeGreaterThanOrEqual(3);
  });

  it('with APIFREE_API_KEY, sends the tools, then their results, to the configured server', async () => {
    const run = await runExample('agent.ts', {
      args: ['What', 'is', 'the', 'weather', 'in', 'Berlin?'],
      env: againstSimulator(),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('simulator');
    expect(run.stdout).toContain('You: What is the weather in Berlin?');
    expect(run.stdout).toContain('→ calling getWeather({"city":"Berlin"})');
    expect(run.stdout).toMatch(/Agent: [\s\S]*Berlin: -?\d+°C/);

    const [first, second] = simulator.requests.map((request) => request.body as never);
    expect(first).toMatchObject({
      model: 'gpt-4.1-mini',
      stream: true,
      tools: [{ name: 'getWeather' }, { name: 'getLocalTime' }],
    });
    expect(JSON.stringify(second)).toContain('"type":"function_call_output"');
  });

  it('prints a failure and exits non-zero, without the key', async () => {
    simulator.failNext('insufficient_quota');
    const run = await runExample('agent.ts', { env: againstSimulator() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/RateLimitError: .*quota/);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});

describe('src/chain.ts', () => {
  const planIn = (stdout: string) =>
    JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1));

  it('prints an object that matches the schema, every field filled from the notes', async () => {
    const run = await runExample('chain.ts', { env: againstSimulator() });
    expect(run.code).toBe(0);
    // The default notes: 'A 4 day trip to Lisbon in May with a budget of 900 euros; I love food and old trams.'
    expect(planIn(run.stdout)).toEqual({
      destination: 'Lisbon',
      days: 4,
      budgetEUR: 900,
      highlights: ['food', 'old trams'],
    });
    expect(run.stdout).toContain('4 days in Lisbon for €900.');
    // Structured output through a forced tool call named after the schema.
    expect(simulator.requests[0]?.body).toMatchObject({
      tools: [{ name: 'trip_plan' }],
      tool_choice: { type: 'function', name: 'trip_plan' },
    });
  });

  it('other notes give another plan, drawn from them', async () => {
    const notes =
      'Budget: 1200 euros. We stay 6 days in Porto and want wine cellars, river cruises and tiles.';
    const run = await runExample('chain.ts', { args: [notes], env: againstSimulator() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Notes: ${notes}`);
    expect(planIn(run.stdout)).toEqual({
      destination: 'Porto',
      days: 6,
      budgetEUR: 1200,
      highlights: ['wine cellars', 'river cruises', 'tiles'],
    });
    expect(run.stdout).toContain('6 days in Porto for €1200.');
  });
});
