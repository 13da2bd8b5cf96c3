import { describe, expect, it } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIFREE_MODEL_IDS,
  APIUserAbortError,
  abortError,
  getModelInfo,
  isKnownStreamEventType,
  isReasoningModel,
  isTerminalEvent,
  maskSecret,
  outputText,
  redactSecret,
  retryDelay,
  shouldRetryResponse,
} from '../src/index';
import { createRedactor } from '../src/secret/redactor';

describe('retryDelay', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it('prefers retry-after-ms, then Retry-After seconds or date, within 0–60 s', () => {
    expect(retryDelay(0, headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryDelay(0, headers({ 'retry-after': '2' }))).toBe(2000);
    const date = new Date(Date.now() + 10_000).toUTCString();
    expect(retryDelay(0, headers({ 'retry-after': date }))).toBeGreaterThan(8000);
    expect(retryDelay(0, headers({ 'retry-after': '600' }), () => 0)).toBe(500);
  });
  it('backs off exponentially to 8 s with at most 25 % jitter', () => {
    expect(retryDelay(0, undefined, () => 0)).toBe(500);
    expect(retryDelay(1, undefined, () => 0)).toBe(1000);
    expect(retryDelay(10, undefined, () => 0)).toBe(8000);
    expect(retryDelay(2, undefined, () => 1)).toBe(1500);
  });
  it('retries 408/409/429/5xx, never insufficient_quota', () => {
    const none = new Headers();
    expect([408, 409, 429, 500, 503].map((status) => shouldRetryResponse(status, none))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 422].map((status) => shouldRetryResponse(status, none))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(shouldRetryResponse(429, none, 'insufficient_quota')).toBe(false);
  });
});

describe('model catalogue', () => {
  it('knows the documented models and which reason', () => {
    expect(APIFREE_MODEL_IDS).toContain('gpt-4.1-mini');
    expect(isReasoningModel('gpt-5-mini')).toBe(true);
    expect(isReasoningModel('gpt-5.4')).toBe(true);
    expect(isReasoningModel('gpt-4.1')).toBe(false);
    expect(isReasoningModel('o3-mini')).toBe(true);
    expect(isReasoningModel('my-custom-model')).toBe(false);
    expect(getModelInfo('gpt-4o')).toMatchObject({
      reasoning: false,
      imageInput: true,
      contextWindow: 128_000,
    });
    expect(getModelInfo('unknown')).toBeUndefined();
  });
});

describe('abortError', () => {
  it('a timeout is APIConnectionTimeoutError, any other abort APIUserAbortError, the reason kept as cause', () => {
    const timedOut = AbortSignal.abort(new DOMException('late', 'TimeoutError'));
    expect(abortError(timedOut)).toBeInstanceOf(APIConnectionTimeoutError);
    expect(abortError(timedOut).cause).toBe(timedOut.reason);
    const stopped = AbortSignal.abort();
    expect(abortError(stopped)).toBeInstanceOf(APIUserAbortError);
    expect(abortError(stopped).cause).toBe(stopped.reason);
  });

  it('a reason that is already one of those errors is the error itself', () => {
    const timeout = new APIConnectionTimeoutError('stopped by the framework’s timeout');
    expect(abortError(AbortSignal.abort(timeout))).toBe(timeout);
    const abort = new APIUserAbortError();
    expect(abortError(AbortSignal.abort(abort))).toBe(abort);
  });
});

describe('helpers', () => {
  it('outputText joins every output_text part of every message', () => {
    const response = {
      output: [
        { type: 'reasoning', id: 'r', summary: [] },
        {
          type: 'message',
          id: 'm',
          role: 'assistant',
          status: 'completed',
          content: [
            { type: 'output_text', text: 'Hello ', annotations: [] },
            { type: 'refusal', refusal: 'no' },
            { type: 'output_text', text: 'world', annotations: [] },
          ],
        },
      ],
    } as const;
    expect(outputText(response as never)).toBe('Hello world');
  });
  it('classifies events', () => {
    expect(isTerminalEvent({ type: 'response.incomplete' })).toBe(true);
    expect(isKnownStreamEventType('response.web_search_call.searching')).toBe(true);
    expect(isKnownStreamEventType('response.future')).toBe(false);
  });
  it('masks secrets', () => {
    expect(maskSecret('sk-abcdefghijklmnopq')).toBe('sk-a****nopq');
    expect(maskSecret('sk-abcdefghijkl')).toBe('****');
    expect(maskSecret('short')).toBe('****');
    expect(
      redactSecret('key sk-abcdefghijklmnopq and sk-abcdefghijklmnopq', 'sk-abcdefghijklmnopq'),
    ).toBe('key sk-a****nopq and sk-a****nopq');
  });
});

describe('the redactor', () => {
  const key = 'sk-live-0123456789abcdefghij';
  const masked = 'sk-l****ghij';

  it('masks a short key where it stands whole, not inside other words', () => {
    const redactor = createRedactor('sk-ab12');
    expect(redactor.text('Bearer sk-ab12 rejected; "sk-ab12", xsk-ab12y')).toBe(
      'Bearer **** rejected; "****", xsk-ab12y',
    );
  });

  it('masks the key upper-cased, and every one of many echoes in one pass', () => {
    expect(redactSecret(`AUTH: ${key.toUpperCase()}`, key)).toBe(`AUTH: ${masked}`);
    const echoes = Array.from({ length: 5000 }, (_, index) => `${index}:${key}`).join(' ');
    const expected = Array.from({ length: 5000 }, (_, index) => `${index}:${masked}`).join(' ');
    expect(redactSecret(echoes, key)).toBe(expected);
  });

  it('echoes that touch become one mask', () => {
    // A server that echoed a cut piece of the key, then the whole key.
    expect(redactSecret(`${key.slice(0, 20)}${key}`, key)).toBe(masked);
  });

  it('preview masks a key cut by the preview and reads no more than it needs', () => {
    const text = `${'x'.repeat(190)}${key}${'y'.repeat(1_000_000)}`;
    const preview = createRedactor(key).preview(text, 200);
    // 190 x's, then the first 10 characters of the mask, then the ellipsis.
    expect(preview).toBe(`${'x'.repeat(190)}${masked.slice(0, 10)}…`);
    expect(preview).not.toContain(key.slice(0, 10));
  });

  it('JSON nested deeper than it walks is replaced, not a stack overflow', () => {
    let deep: unknown = key;
    for (let level = 0; level < 50_000; level++) deep = [deep];
    const safe = createRedactor(key).value(deep);
    let inner: unknown = safe;
    for (let level = 0; level < 128; level++) inner = (inner as unknown[])[0];
    expect(inner).toBe('[nested too deep to show]');
  });

  it('an error kept as a cause is always a masked copy with its code', () => {
    const original = Object.assign(new Error(`connect failed for ${key}`), {
      code: 'ECONNREFUSED',
      errno: -111,
      secretHolder: { key },
    });
    const copy = createRedactor(key).cause(original) as Error & Record<string, unknown>;
    expect(copy).not.toBe(original);
    expect(copy).toMatchObject({
      message: `connect failed for ${masked}`,
      code: 'ECONNREFUSED',
      errno: -111,
    });
    expect(copy.secretHolder).toBeUndefined();
    const clean = createRedactor(key).cause(new TypeError('fetch failed')) as Error;
    expect(clean).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});
