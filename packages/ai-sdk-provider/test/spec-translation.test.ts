import type {
  LanguageModelV2Prompt,
  LanguageModelV3Prompt,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertV2CallOptionsToV4 } from '../src/spec-translation/v2-call-options-to-v4';
import { convertV3PromptToV4 } from '../src/spec-translation/v3-prompt-to-v4';
import { convertV4FinishReasonToV2 } from '../src/spec-translation/v4-finish-reason-to-v2';
import { convertV4FinishReasonToV3 } from '../src/spec-translation/v4-finish-reason-to-v3';
import { convertV4GenerateResultToV2 } from '../src/spec-translation/v4-generate-result-to-v2';
import { convertV4GenerateResultToV3 } from '../src/spec-translation/v4-generate-result-to-v3';
import { convertV4StreamPartToV2 } from '../src/spec-translation/v4-stream-part-to-v2';
import { convertV4StreamPartToV3 } from '../src/spec-translation/v4-stream-part-to-v3';
import { convertV4UsageToV2 } from '../src/spec-translation/v4-usage-to-v2';
import { convertV4WarningToV2 } from '../src/spec-translation/v4-warning-to-v2';
import { convertV4WarningToV3 } from '../src/spec-translation/v4-warning-to-v3';

const usage: LanguageModelV4Usage = {
  inputTokens: { total: 1200, noCache: 176, cacheRead: 1024, cacheWrite: undefined },
  outputTokens: { total: 300, text: 100, reasoning: 200 },
  raw: { input_tokens: 1200, output_tokens: 300 },
};
const source = { type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com' } as const;

describe('call options and prompts into V4', () => {
  it('V3 files and tool-result contents become V4 tagged files; a plain file id is this provider`s', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const prompt: LanguageModelV3Prompt = [
      {
        role: 'user',
        content: [
          { type: 'file', mediaType: 'image/png', data: new URL('https://example.com/a.png') },
          { type: 'file', mediaType: 'application/pdf', data: bytes },
          { type: 'file', mediaType: 'image/png', data: 'AAEC' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'look',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'seen' },
                { type: 'image-url', url: 'https://example.com/b.png' },
                { type: 'file-id', fileId: 'file_1' },
                { type: 'file-url', url: 'https://example.com/c.pdf' },
                { type: 'image-data', data: 'AAEC', mediaType: 'image/png' },
              ],
            },
          },
        ],
      },
    ];
    expect(convertV3PromptToV4(prompt, 'apifree')).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'file',
            mediaType: 'image/png',
            data: { type: 'url', url: new URL('https://example.com/a.png') },
          },
          { type: 'file', mediaType: 'application/pdf', data: { type: 'data', data: bytes } },
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAEC' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'look',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'seen' },
                {
                  type: 'file',
                  mediaType: 'image',
                  data: { type: 'url', url: new URL('https://example.com/b.png') },
                },
                {
                  type: 'file',
                  mediaType: 'application/pdf',
                  data: { type: 'reference', reference: { apifree: 'file_1' } },
                },
                {
                  type: 'file',
                  mediaType: 'application/pdf',
                  data: { type: 'url', url: new URL('https://example.com/c.pdf') },
                },
                { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAEC' } },
              ],
            },
          },
        ],
      },
    ]);
  });

  it('V2 provider-defined tools become V4 provider tools and media results V4 files', () => {
    const prompt: LanguageModelV2Prompt = [
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'look',
            output: {
              type: 'content',
              value: [{ type: 'media', data: 'AAEC', mediaType: 'image/png' }],
            },
          },
        ],
      },
    ];
    expect(
      convertV2CallOptionsToV4({
        prompt,
        temperature: 0.5,
        tools: [
          { type: 'function', name: 'look', inputSchema: { type: 'object' } },
          { type: 'provider-defined', id: 'openai.web_search', name: 'web_search', args: {} },
        ],
        providerOptions: { apifree: { store: false } },
      }),
    ).toEqual({
      prompt: [
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_1',
              toolName: 'look',
              output: {
                type: 'content',
                value: [
                  { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'AAEC' } },
                ],
              },
            },
          ],
        },
      ],
      temperature: 0.5,
      tools: [
        { type: 'function', name: 'look', inputSchema: { type: 'object' } },
        { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
      ],
      providerOptions: { apifree: { store: false } },
    });
  });
});

describe('results out of V4', () => {
  it('finish reasons: interrupted is other (raw interrupted) on V3 and unknown on V2', () => {
    expect(convertV4FinishReasonToV3({ unified: 'interrupted', raw: undefined })).toEqual({
      unified: 'other',
      raw: 'interrupted',
    });
    expect(convertV4FinishReasonToV3({ unified: 'tool-calls', raw: 'completed' })).toEqual({
      unified: 'tool-calls',
      raw: 'completed',
    });
    expect(convertV4FinishReasonToV2({ unified: 'interrupted', raw: undefined })).toBe('unknown');
    expect(convertV4FinishReasonToV2({ unified: 'length', raw: 'max_output_tokens' })).toBe(
      'length',
    );
  });

  it('V2 usage keeps totals, cached input and reasoning tokens', () => {
    expect(convertV4UsageToV2(usage)).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
      totalTokens: 1500,
      reasoningTokens: 200,
      cachedInputTokens: 1024,
    });
  });

  it('warnings: deprecations become other; unsupported settings stay settings on V2', () => {
    expect(
      convertV4WarningToV3({
        type: 'deprecated',
        setting: 'maxTokens',
        message: 'Use maxOutputTokens.',
      }),
    ).toEqual({
      type: 'other',
      message: 'maxTokens is deprecated. Use maxOutputTokens.',
    });
    expect(convertV4WarningToV2({ type: 'unsupported', feature: 'topK' })).toEqual({
      type: 'unsupported-setting',
      setting: 'topK',
    });
    expect(
      convertV4WarningToV2({
        type: 'unsupported',
        feature: 'provider tool openai.web_search',
        details: 'APIFree runs function tools only; this tool was not sent.',
      }),
    ).toEqual({
      type: 'other',
      message:
        'provider tool openai.web_search is not supported. APIFree runs function tools only; this tool was not sent.',
    });
  });

  it('stream parts: citations, inputEncoding and ping are left out; finish is translated', () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: 'ping' },
      {
        type: 'text-end',
        id: 'msg_1',
        citations: [{ source }],
        providerMetadata: { apifree: { itemId: 'msg_1', gone: undefined } },
      },
      {
        type: 'tool-input-start',
        id: 'call_1',
        toolName: 'look',
        inputEncoding: 'json',
        dynamic: true,
      },
      {
        type: 'finish',
        usage,
        finishReason: { unified: 'interrupted', raw: undefined },
        providerMetadata: { apifree: { responseId: 'resp_1' } },
      },
    ];
    expect(parts.map(convertV4StreamPartToV3)).toEqual([
      undefined,
      {
        type: 'text-end',
        id: 'msg_1',
        providerMetadata: { apifree: { itemId: 'msg_1', gone: undefined } },
      },
      { type: 'tool-input-start', id: 'call_1', toolName: 'look', dynamic: true },
      {
        type: 'finish',
        usage,
        finishReason: { unified: 'other', raw: 'interrupted' },
        providerMetadata: { apifree: { responseId: 'resp_1' } },
      },
    ]);
    expect(parts.map(convertV4StreamPartToV2)).toEqual([
      undefined,
      { type: 'text-end', id: 'msg_1', providerMetadata: { apifree: { itemId: 'msg_1' } } },
      { type: 'tool-input-start', id: 'call_1', toolName: 'look' },
      {
        type: 'finish',
        usage: convertV4UsageToV2(usage),
        finishReason: 'unknown',
        providerMetadata: { apifree: { responseId: 'resp_1' } },
      },
    ]);
  });

  it('generate results: what the older spec cannot hold is dropped with one warning per feature', () => {
    const result: LanguageModelV4GenerateResult = {
      content: [
        { type: 'text', text: 'See the source.', citations: [{ source }] },
        { type: 'custom', kind: 'apifree.note' },
        { type: 'tool-approval-request', approvalId: 'a1', toolCallId: 'call_1' },
      ],
      finishReason: { unified: 'stop', raw: 'completed' },
      usage,
      warnings: [],
    };
    expect(convertV4GenerateResultToV3(result)).toEqual({
      content: [
        { type: 'text', text: 'See the source.' },
        { type: 'tool-approval-request', approvalId: 'a1', toolCallId: 'call_1' },
      ],
      finishReason: { unified: 'stop', raw: 'completed' },
      usage,
      warnings: [
        {
          type: 'other',
          message:
            'LanguageModelV3 (ai@6) cannot express text citations; they were dropped from the result. ai@7 with the default entry point keeps them.',
        },
        {
          type: 'other',
          message:
            'LanguageModelV3 (ai@6) cannot express custom content; they were dropped from the result. ai@7 with the default entry point keeps them.',
        },
      ],
    });
    expect(convertV4GenerateResultToV2(result).content).toEqual([
      { type: 'text', text: 'See the source.' },
    ]);
    expect(
      convertV4GenerateResultToV2(result).warnings.map(
        (warning) => warning.type === 'other' && warning.message,
      ),
    ).toEqual([
      'LanguageModelV2 (ai@5) cannot express text citations; they were dropped from the result. ai@7 with the default entry point keeps them.',
      'LanguageModelV2 (ai@5) cannot express custom content; they were dropped from the result. ai@7 with the default entry point keeps them.',
      'LanguageModelV2 (ai@5) cannot express tool approval requests; they were dropped from the result. ai@7 with the default entry point keeps them.',
    ]);
  });
});
