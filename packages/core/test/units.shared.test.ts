import { describe, expect, it } from 'vitest';
import {
  APIFREE_MODEL_IDS,
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
