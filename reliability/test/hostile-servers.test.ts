import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../src/figures';
import {
  ERROR_BODY_BYTES,
  type FloodServer,
  GZIP_INFLATED_BYTES,
  JSON_BODY_BYTES,
  startFloodServer,
  UNKNOWN_EVENT_BYTES,
} from '../src/flood-server';
import type { HostileCase } from '../src/hostile-case';
import { runHostileChild } from '../src/hostile-memory-process';

const MEBIBYTE = 2 ** 20;

/**
 * Peak RSS growth allowed per kind of case: what the packages' own bounds let them hold,
 * plus headroom for the runtime (even the drip cases, where almost nothing arrives, grow
 * by about 21 MiB after the GC that precedes the baseline). Each bound is far below what
 * the server offers, so a client that kept what it was sent would break it; the control
 * case shows that it does.
 */
const HEADROOM = 64;
const ERROR_BODY = {
  mebibytes: HEADROOM,
  because: 'an error body is kept up to 64 KiB and the rest is not read; 200 MiB offered',
};
const JSON_BODY = {
  mebibytes: HEADROOM + 3 * 32,
  because:
    'a JSON answer is read up to maxResponseSize (32 MiB): chunks, decoded text and one copy; 600 MiB offered (1 GiB inflated for the gzip bomb)',
};
const EVENTS = {
  mebibytes: 2 * HEADROOM,
  because:
    'events are read one at a time and the provider reads ahead at most 1 MiB; 200 MiB flow, with more garbage than a single answer',
};
const DRIP = { mebibytes: HEADROOM, because: 'a few hundred bytes arrive' };

/** Small settings, so every drip ends by them; the server drips far longer than they allow. */
const IDLE = 100;
const TIMEOUT = 1_000;

const CASES: HostileCase[] = [
  ...(['core stream', 'core-fetch stream', 'ai-sdk streamText', 'langchain stream'] as const).map(
    (call): HostileCase => ({
      call,
      mode: 'error-body',
      settings: { maxRetries: 2 },
      expected: call.startsWith('ai-sdk')
        ? 'APICallError>BadRequestError:400'
        : 'BadRequestError:400',
      requests: 1,
      bound: ERROR_BODY,
    }),
  ),
  ...(['core create', 'core-fetch create', 'ai-sdk generateText', 'langchain invoke'] as const).map(
    (call): HostileCase => ({
      call,
      mode: 'json-body',
      settings: { maxRetries: 2 },
      expected: call.startsWith('ai-sdk')
        ? 'APICallError>APIStreamError:response_too_large'
        : 'APIStreamError:response_too_large',
      requests: 1,
      bound: JSON_BODY,
    }),
  ),
  {
    call: 'core create',
    mode: 'gzip-bomb',
    settings: { maxRetries: 2 },
    expected: 'APIStreamError:invalid_response',
    requests: 1,
    bound: JSON_BODY,
  },
  {
    call: 'core-fetch create',
    mode: 'gzip-bomb',
    settings: { maxRetries: 2 },
    expected: 'APIStreamError:response_too_large',
    requests: 1,
    bound: JSON_BODY,
  },
  ...(
    [
      'core stream',
      'core-fetch stream',
      'ai-sdk doStream',
      'ai-sdk streamText',
      'langchain stream',
    ] as const
  ).map(
    (call): HostileCase => ({
      call,
      mode: 'unknown-events',
      settings: { maxRetries: 0 },
      expected: 'complete:done',
      requests: 1,
      bound: EVENTS,
    }),
  ),
  {
    call: 'core keep',
    mode: 'unknown-events',
    settings: { maxRetries: 0 },
    expected: 'complete:done',
    requests: 1,
    bound: EVENTS,
    control: true,
  },
  ...(['core stream', 'core-fetch stream', 'ai-sdk streamText', 'langchain stream'] as const).map(
    (call): HostileCase => ({
      call,
      mode: 'drip-stream',
      settings: { maxRetries: 0, streamIdleTimeout: IDLE },
      expected: call.startsWith('ai-sdk')
        ? 'APICallError>APIConnectionTimeoutError'
        : 'APIConnectionTimeoutError',
      requests: 1,
      bound: DRIP,
    }),
  ),
  ...(['core stream', 'ai-sdk streamText', 'langchain stream'] as const).map(
    (call): HostileCase => ({
      call,
      mode: 'drip-stream-fast',
      // Bytes keep coming, so no idle timeout fires: only the caller's deadline ends it.
      settings: { maxRetries: 0, streamIdleTimeout: 30_000, deadline: TIMEOUT },
      expected: call.startsWith('ai-sdk') ? 'TimeoutError' : 'APIConnectionTimeoutError',
      requests: 1,
      bound: DRIP,
    }),
  ),
  ...(['core create', 'core-fetch create', 'ai-sdk generateText', 'langchain invoke'] as const).map(
    (call): HostileCase => ({
      call,
      mode: 'drip-json',
      settings: { maxRetries: 0, timeout: TIMEOUT },
      expected: call.startsWith('ai-sdk')
        ? 'APICallError>APIConnectionTimeoutError'
        : 'APIConnectionTimeoutError',
      requests: 1,
      bound: DRIP,
    }),
  ),
];

/** What the server offers in each mode, for the figures. */
const OFFERED: Record<string, number> = {
  'error-body': ERROR_BODY_BYTES,
  'json-body': JSON_BODY_BYTES,
  'gzip-bomb': GZIP_INFLATED_BYTES,
  'unknown-events': UNKNOWN_EVENT_BYTES,
};

let server: FloodServer;
beforeAll(async () => {
  server = await startFloodServer();
});
afterAll(async () => {
  await server.close();
});

/** Waits until the server has logged `count` requests of `mode` (their sockets close after the child's). */
async function requestsOf(mode: string, from: number, count: number) {
  for (let waited = 0; ; waited += 50) {
    const seen = server
      .requests()
      .slice(from)
      .filter((request) => request.mode === mode);
    if (seen.length >= count || waited >= 5_000) return seen;
    await sleep(50);
  }
}

describe('hostile servers: memory stays bounded (peak RSS of a child process) and every failure is typed', () => {
  for (const hostileCase of CASES) {
    const name = `${hostileCase.call} / ${hostileCase.mode}`;
    const limit = `${hostileCase.control ? '>' : '<'} ${hostileCase.bound.mebibytes} MiB`;
    it(`${name} → ${hostileCase.expected}, peak RSS growth ${limit}`, async () => {
      const from = server.requests().length;
      const report = await runHostileChild(
        hostileCase,
        server.baseURL(hostileCase.mode),
        server.baseURL('healthy'),
      );
      expect(report, 'the child did not answer').not.toBe('hung');
      if (report === 'hung') return;
      const requests = await requestsOf(hostileCase.mode, from, hostileCase.requests);
      const growth = Math.round((report.peakMebibytes - report.baselineMebibytes) * 10) / 10;
      const written = requests.reduce((sum, request) => sum + request.bytesWritten, 0);
      recordFigures(['hostile', name], {
        outcome: report.outcome,
        message: report.message,
        requests: requests.length,
        offeredMebibytes: OFFERED[hostileCase.mode] ? OFFERED[hostileCase.mode]! / MEBIBYTE : null,
        writtenMebibytes: Math.round((written / MEBIBYTE) * 10) / 10,
        baselineMebibytes: report.baselineMebibytes,
        peakMebibytes: report.peakMebibytes,
        growthMebibytes: growth,
        boundMebibytes: hostileCase.bound.mebibytes,
        bound: hostileCase.bound.because,
        control: hostileCase.control === true,
        peakMethod: report.peakMethod,
      });
      console.log(
        `[hostile ${name}] ${report.outcome}; ${requests.length} request(s), ${(written / MEBIBYTE).toFixed(1)} MiB written; RSS ${report.baselineMebibytes} → peak ${report.peakMebibytes} MiB (+${growth}, bound ${hostileCase.bound.mebibytes}, ${report.peakMethod}) — ${report.message.slice(0, 160)}`,
      );
      expect(report.outcome).toBe(hostileCase.expected);
      expect(requests).toHaveLength(hostileCase.requests);
      if (hostileCase.control) expect(growth).toBeGreaterThan(hostileCase.bound.mebibytes);
      else expect(growth).toBeLessThan(hostileCase.bound.mebibytes);
    });
  }
});
