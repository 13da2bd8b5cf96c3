// The chat app in a real browser: Debian's Chromium driven by playwright-core against
// `next build` + `next start`, with a simulator this process owns (so it can make it fail).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@apifree/simulator';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHAT_ERROR_MESSAGES } from '../src/lib/describe-chat-error.ts';
import { appDirectory, buildApp, type RunningApp, readTree, startApp } from './app-server.ts';
import { type ConnectionRelay, startRelay } from './connection-relay.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../../artifacts/e2e/', import.meta.url));
// Distinctive, so finding it anywhere in the client bundle cannot be a coincidence.
const SECRET_KEY = `sk-e2e-${randomBytes(18).toString('hex')}`;
const WAIT = { timeout: 30_000 };

let simulator: Simulator;
let relay: ConnectionRelay;
let app: RunningApp;
let browser: Browser;
let page: Page;
const browserRequests: string[] = [];
/** Requests the app answered with an error status, and errors the page logged. */
const browserFailures: string[] = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  // The key is in the build's environment too: nothing may carry it into the bundle.
  await buildApp({ ...process.env, APIFREE_API_KEY: SECRET_KEY });
  simulator = await startSimulator({
    port: 0,
    apiKeys: [SECRET_KEY],
    // Slow enough that a reply visibly grows, fast enough to keep the run short.
    pace: { tokensPerSecond: 40, firstTokenLatencyMs: 300 },
  });
  relay = await startRelay(simulator.port);
  app = await startApp({
    ...process.env,
    APIFREE_API_KEY: SECRET_KEY,
    APIFREE_BASE_URL: relay.baseURL,
    APIFREE_SIMULATOR: '1',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 960, height: 720 } });
  page.on('request', (request) => browserRequests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) browserFailures.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') browserFailures.push(`console: ${message.text()}`);
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await relay?.close();
  await simulator?.close();
});

async function openChat(): Promise<void> {
  await page.goto(app.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor(WAIT);
}

async function ask(text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
}

async function waitUntilIdle(): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).waitFor(WAIT);
}

const lastAssistant = () => page.locator('[data-role="assistant"]').last();
// Next.js has a route announcer with role="alert" too.
const chatError = () => page.locator('.chat-error[role="alert"]');

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT.timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

test('a reply streams in, growing over several renders', async () => {
  await openChat();
  await ask('Explain why streaming makes a chat feel faster');
  await page.getByRole('button', { name: 'Stop' }).waitFor(WAIT);
  // Read the reply once per rendered frame until the chat is idle again.
  const lengths = await page.evaluate(
    (timeout) =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const giveUp = Date.now() + timeout;
        const frame = () => {
          const replies = document.querySelectorAll('[data-role="assistant"]');
          const length = replies[replies.length - 1]?.textContent?.length ?? 0;
          if (length > 0 && length !== seen[seen.length - 1]) seen.push(length);
          const idle = document.querySelector('.composer button[type="submit"]') !== null;
          if (idle || Date.now() > giveUp) resolve(seen);
          else requestAnimationFrame(frame);
        };
        frame();
      }),
    WAIT.timeout,
  );
  const growths = lengths.filter((length, index) => index > 0 && length > lengths[index - 1]!);
  assert.ok(growths.length >= 3, `the reply grew ${growths.length} times: ${lengths.join(', ')}`);
  assert.ok((await lastAssistant().textContent())!.trim().length > 40);
  await screenshot('01-streamed-reply');
});

test('asking for the weather shows the tool call as a weather card', async () => {
  await openChat();
  await ask("What's the weather in Paris?");
  const card = page.locator('section.weather');
  await card.waitFor(WAIT);
  assert.equal(await card.locator('.weather-city').textContent(), 'Paris');
  const temperature = (await card.locator('.weather-temperature').textContent())!;
  assert.match(temperature, /^-?\d+°C$/);
  assert.equal(await card.locator('.weather-forecast li').count(), 3);
  await waitUntilIdle();
  // The model answered from the tool's output in a second step, below the card.
  const answer = (await lastAssistant().locator('.message-text').last().textContent())!;
  assert.ok(answer.includes(temperature), `the answer quotes ${temperature}: ${answer}`);
  await screenshot('02-weather-card');
});

test('an upstream failure shows a readable message, and Retry recovers', async () => {
  await openChat();
  // The route retries twice (the AI SDK's default), so fail all three attempts.
  simulator.failNext('server_error', 3);
  await ask('Tell me a fun fact about otters');
  const alert = chatError();
  await alert.waitFor(WAIT);
  assert.equal(await alert.locator('span').textContent(), CHAT_ERROR_MESSAGES.upstreamFailed);
  await screenshot('03-upstream-error');

  await alert.getByRole('button', { name: 'Retry' }).click();
  await alert.waitFor({ state: 'detached', ...WAIT });
  await waitUntilIdle();
  assert.ok((await lastAssistant().textContent())!.includes('otters'));
});

test('a rate limit shows a readable message', async () => {
  await openChat();
  simulator.failNext({ name: 'rate_limit', retryAfterMs: 50 }, 3);
  await ask('What is 12 * 3?');
  const alert = chatError();
  await alert.waitFor(WAIT);
  assert.equal(await alert.locator('span').textContent(), CHAT_ERROR_MESSAGES.rateLimited);
  await screenshot('04-rate-limited');
});

test('Stop ends the reply mid-stream and the chat carries on', async () => {
  await openChat();
  await ask('Write 300 words about rivers');
  await page.waitForFunction(
    () => (document.querySelector('[data-role="assistant"]')?.textContent?.length ?? 0) > 60,
    undefined,
    WAIT,
  );
  await screenshot('05-streaming');
  const cutBefore = relay.cutStreams();
  await page.getByRole('button', { name: 'Stop' }).click();
  await waitUntilIdle();
  await lastAssistant().getByText('Stopped').waitFor(WAIT);
  const stopped = (await lastAssistant().locator('.message-text').textContent())!;
  const words = stopped.trim().split(/\s+/).length;
  assert.ok(words < 300, `stopped after ${words} of 300 words`);
  await screenshot('06-stopped');
  // The app hung up on the model service too, instead of letting the answer run on.
  await until(() => relay.cutStreams() > cutBefore, 'the app closed the upstream stream');

  await ask('Say "done"');
  await page.locator('[data-role="assistant"]').nth(1).waitFor(WAIT);
  await waitUntilIdle();
  const first = page.locator('[data-role="assistant"]').first();
  assert.equal(await first.locator('.message-text').textContent(), stopped);
  assert.match((await lastAssistant().textContent())!, /done/);
});

test('a reasoning model shows its reasoning, collapsed until opened', async () => {
  await openChat();
  await page.getByLabel('Model').selectOption('gpt-5-mini');
  await ask('Why is the sky blue?');
  const reasoning = page.getByTestId('reasoning');
  await reasoning.waitFor(WAIT);
  await waitUntilIdle();
  await reasoning.locator('summary').click();
  assert.ok((await reasoning.locator('p').textContent())!.length > 20);
  const lastRequest = simulator.requests.at(-1)?.body as { model?: string };
  assert.equal(lastRequest.model, 'gpt-5-mini');
  await screenshot('07-reasoning');
});

test('the API key never reaches the browser', async () => {
  const bundle = await readTree(join(appDirectory, '.next/static'));
  assert.ok(
    bundle.some((file) => file.text.includes('Local simulator')),
    'scanned the chat code',
  );
  const leaks = bundle.filter((file) => file.text.includes(SECRET_KEY)).map((file) => file.path);
  assert.deepEqual(leaks, []);

  const html = await (await fetch(app.url)).text();
  assert.ok(html.includes('APIFree chat'));
  assert.ok(!html.includes(SECRET_KEY));
  // The browser only ever talked to the app; the app talked to the model service with the key.
  assert.ok(browserRequests.length > 0);
  assert.deepEqual(
    browserRequests.filter((url) => !url.startsWith(app.url)),
    [],
  );
  assert.ok(simulator.requests.length > 0);
});

test('the browser saw no failed request and no console error (favicon included)', async () => {
  await openChat();
  assert.ok(
    browserRequests.some((url) => url.includes('/icon.svg')),
    'the page links its icon',
  );
  assert.deepEqual(browserFailures, []);
});
