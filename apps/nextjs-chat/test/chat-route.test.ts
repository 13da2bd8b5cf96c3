import { type Simulator, startSimulator } from '@apifree/simulator';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { startRelay } from '../e2e/connection-relay';
import { CHAT_ERROR_MESSAGES } from '../src/lib/describe-chat-error';
import { describeWeather, forecastFor } from '../src/lib/weather';
import { readUIStream, streamedText } from './read-ui-stream';

const KEY = 'sk-route-test';
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, pace: false, apiKeys: [KEY] });
});
afterAll(() => simulator.close());
// The route logs each failure for the operator; the tests read that log instead of printing it.
let serverLog: MockInstance<typeof console.error>;
beforeEach(() => {
  simulator.requests.length = 0;
  serverLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  serverLog.mockRestore();
});

// The route reads its settings when the module loads, as in a fresh server process.
async function loadRoute(apiKey = KEY, baseURL = simulator.baseURL) {
  vi.stubEnv('APIFREE_API_KEY', apiKey);
  vi.stubEnv('APIFREE_BASE_URL', baseURL);
  vi.resetModules();
  return import('../src/app/api/chat/route');
}

function chatRequest(text: string, model: unknown = 'gpt-4.1-mini', signal?: AbortSignal): Request {
  return new Request('http://localhost/api/chat', {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'chat-1',
      trigger: 'submit-message',
      model,
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
    }),
  });
}

function errorText(chunks: Array<{ type: string; errorText?: unknown }>): unknown {
  return chunks.find((chunk) => chunk.type === 'error')?.errorText;
}

describe('POST /api/chat', () => {
  it('streams the answer of the model picked in the request', async () => {
    const { POST } = await loadRoute();
    const response = await POST(chatRequest('Say "hello from the route"', 'gpt-4o-mini'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const chunks = await readUIStream(response);
    expect(streamedText(chunks)).toBe('hello from the route');
    expect(simulator.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
  });

  it('runs getWeather, sends its output to the model and streams the answer', async () => {
    const { POST } = await loadRoute();
    const chunks = await readUIStream(await POST(chatRequest("What's the weather in Paris?")));
    const output = chunks.find((chunk) => chunk.type === 'tool-output-available');
    expect(output?.output).toEqual(forecastFor('Paris'));
    expect(chunks.find((chunk) => chunk.type === 'tool-input-available')?.input).toEqual({
      city: 'Paris',
    });
    // The model reads one line of text, not the card's JSON.
    const secondCall = JSON.stringify(simulator.requests[1]?.body);
    expect(secondCall).toContain(
      JSON.stringify(describeWeather(forecastFor('Paris'))).slice(1, -1),
    );
    expect(streamedText(chunks)).toContain(`${forecastFor('Paris').temperatureC}°C`);
  });

  it('shows reasoning for reasoning models', async () => {
    const { POST } = await loadRoute();
    const chunks = await readUIStream(
      await POST(chatRequest('Why is the sky blue?', 'gpt-5-mini')),
    );
    const reasoning = chunks.filter((chunk) => chunk.type === 'reasoning-delta');
    expect(reasoning.map((chunk) => chunk.delta).join('')).toContain('sky');
    expect(simulator.requests[0]?.body).toMatchObject({ reasoning: { summary: 'auto' } });
  });

  it('stops the request to APIFree when the browser aborts', async () => {
    // A TCP relay in front of the simulator shows when the route lets go of the connection.
    const relay = await startRelay(simulator.port);
    // The answer stalls after its first deltas, so only the route can end this request.
    simulator.failNext({ name: 'stall', after: 8, ms: 600_000 });
    try {
      const { POST } = await loadRoute(KEY, relay.baseURL);
      const browser = new AbortController();
      const response = await POST(
        chatRequest('Write 300 words about rivers', undefined, browser.signal),
      );
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = '';
      while (!received.includes('"text-delta"')) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`The route ended before any text: ${received}`);
        received += decoder.decode(value, { stream: true });
      }
      const cut = relay.nextCut();
      browser.abort();
      await cut;
      expect(relay.forwarded()).toContain('response.output_text.delta');
      expect(relay.forwarded()).not.toContain('response.completed');
      expect(relay.cutStreams()).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('refuses a model that is not in the picker before calling APIFree', async () => {
    const { POST } = await loadRoute();
    const response = await POST(chatRequest('Hi', 'gpt-imaginary'));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Pick one of the listed models.');
    expect(simulator.requests).toHaveLength(0);
  });

  it('says the key was rejected, without showing it', async () => {
    const { POST } = await loadRoute('sk-wrong-key-123456');
    const chunks = await readUIStream(await POST(chatRequest('Hi')));
    expect(errorText(chunks)).toBe(CHAT_ERROR_MESSAGES.rejectedKey);
    expect(JSON.stringify(chunks)).not.toContain('sk-wrong-key-123456');
    const logged = serverLog.mock.calls.flat().join('\n');
    expect(logged).toContain('HTTP 401');
    expect(logged).not.toContain('sk-wrong-key-123456');
  });

  it('says the account is out of credit (not retried)', async () => {
    const { POST } = await loadRoute();
    simulator.failNext('insufficient_quota');
    const chunks = await readUIStream(await POST(chatRequest('Hi')));
    expect(errorText(chunks)).toBe(CHAT_ERROR_MESSAGES.noCredit);
    expect(simulator.requests).toHaveLength(1);
  });

  it('retries a rate limit, then says so when it persists', async () => {
    const { POST } = await loadRoute();
    simulator.failNext({ name: 'rate_limit', retryAfterMs: 10 }, 3);
    const chunks = await readUIStream(await POST(chatRequest('Hi')));
    expect(errorText(chunks)).toBe(CHAT_ERROR_MESSAGES.rateLimited);
    expect(simulator.requests).toHaveLength(3);
  });

  it('recovers from one rate limit without bothering the person', async () => {
    const { POST } = await loadRoute();
    simulator.failNext({ name: 'rate_limit', retryAfterMs: 10 });
    const chunks = await readUIStream(await POST(chatRequest('Say "second try"')));
    expect(errorText(chunks)).toBeUndefined();
    expect(streamedText(chunks)).toContain('second try');
  });

  it('keeps the text already streamed when the model fails midway', async () => {
    const { POST } = await loadRoute();
    simulator.failNext({ name: 'error_event', after: 10 });
    const chunks = await readUIStream(await POST(chatRequest('Explain rivers in detail')));
    // The answer the simulator gives to this request, without the fault.
    const complete = await fetch(`${simulator.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...(simulator.requests[0]?.body as object), stream: false }),
    }).then(
      (response) =>
        response.json() as Promise<{ output: Array<{ content?: Array<{ text: string }> }> }>,
    );
    const fullText = complete.output
      .flatMap((item) => item.content ?? [])
      .map((part) => part.text)
      .join('');
    const streamed = streamedText(chunks);
    expect(streamed).not.toBe('');
    expect(fullText.startsWith(streamed)).toBe(true);
    expect(streamed).not.toBe(fullText);
    expect(errorText(chunks)).toBe(CHAT_ERROR_MESSAGES.upstreamFailed);
  });
});
