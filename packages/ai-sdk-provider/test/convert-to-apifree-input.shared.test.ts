import {
  type LanguageModelV4ToolResultOutput,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertToAPIFreeInput } from '../src/convert-to-apifree-input';

const convert = (
  prompt: Parameters<typeof convertToAPIFreeInput>[0]['prompt'],
  extra: { instructionsOverride?: string; store?: boolean } = {},
) =>
  convertToAPIFreeInput({
    prompt,
    providerName: 'apifree',
    instructionsOverride: extra.instructionsOverride,
    store: extra.store,
  });

describe('convertToAPIFreeInput', () => {
  it('joins system messages into instructions and sends user text as a typed message', () => {
    const result = convert([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(result.instructions).toBe('Be brief.\n\nAnswer in French.');
    expect(result.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps system messages in the input when instructions are given as a provider option', () => {
    const result = convert(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      { instructionsOverride: 'Be kind.' },
    );
    expect(result.instructions).toBe('Be kind.');
    expect(result.input[0]).toEqual({ type: 'message', role: 'system', content: 'Be brief.' });
  });

  it('sends images by URL, bytes and base64, and PDFs as files', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const result = convert([
      {
        role: 'user',
        content: [
          {
            type: 'file',
            mediaType: 'image/png',
            data: { type: 'url', url: new URL('https://example.com/cat.png') },
          },
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: bytes } },
          {
            type: 'file',
            mediaType: 'image',
            data: { type: 'data', data: 'iVBORw0KGgoAAAAA' },
            providerOptions: { apifree: { imageDetail: 'low' } },
          },
          {
            type: 'file',
            mediaType: 'application/pdf',
            filename: 'a.pdf',
            data: { type: 'data', data: 'JVBERi0=' },
          },
          {
            type: 'file',
            mediaType: 'application/pdf',
            data: { type: 'url', url: new URL('https://example.com/a.pdf') },
          },
          {
            type: 'file',
            mediaType: 'image/png',
            data: { type: 'reference', reference: { apifree: 'file_1' } },
          },
        ],
      },
    ]);
    expect(result.input[0]).toEqual({
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_image', image_url: 'https://example.com/cat.png' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgoAAAAA' },
        { type: 'input_image', detail: 'low', image_url: 'data:image/png;base64,iVBORw0KGgoAAAAA' },
        {
          type: 'input_file',
          filename: 'a.pdf',
          file_data: 'data:application/pdf;base64,JVBERi0=',
        },
        { type: 'input_file', file_url: 'https://example.com/a.pdf' },
        { type: 'input_image', file_id: 'file_1' },
      ],
    });
  });

  it('rejects file types the API cannot take', () => {
    expect(() =>
      convert([
        {
          role: 'user',
          content: [{ type: 'file', mediaType: 'audio/wav', data: { type: 'data', data: 'AAAA' } }],
        },
      ]),
    ).toThrow(UnsupportedFunctionalityError);
  });

  it('replays assistant text, reasoning and tool calls with their item ids', () => {
    const result = convert([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'Need the tool.',
            providerOptions: { apifree: { itemId: 'rs_1', reasoningEncryptedContent: 'enc' } },
          },
          {
            type: 'reasoning',
            text: 'Second summary.',
            providerOptions: { apifree: { itemId: 'rs_1' } },
          },
          {
            type: 'text',
            text: 'Let me check.',
            providerOptions: { apifree: { itemId: 'msg_1' } },
          },
          {
            type: 'tool-call',
            toolCallId: 'call_1',
            toolName: 'weather',
            input: { city: 'Paris' },
            providerOptions: { apifree: { itemId: 'fc_1' } },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'weather',
            output: { type: 'json', value: { temp: 21 } },
          },
        ],
      },
    ]);
    expect(result.input.slice(1)).toEqual([
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [
          { type: 'summary_text', text: 'Need the tool.' },
          { type: 'summary_text', text: 'Second summary.' },
        ],
        encrypted_content: 'enc',
      },
      {
        type: 'message',
        role: 'assistant',
        id: 'msg_1',
        content: [{ type: 'output_text', text: 'Let me check.' }],
      },
      {
        type: 'function_call',
        call_id: 'call_1',
        name: 'weather',
        arguments: '{"city":"Paris"}',
        id: 'fc_1',
      },
      { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
    ]);
  });

  it('skips reasoning it cannot replay, with a warning', () => {
    const foreign = convert([
      { role: 'assistant', content: [{ type: 'reasoning', text: 'thinking' }] },
    ]);
    expect(foreign.input).toEqual([]);
    expect(foreign.warnings).toHaveLength(1);
    const unstored = convert(
      [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'x', providerOptions: { apifree: { itemId: 'rs_1' } } },
          ],
        },
      ],
      { store: false },
    );
    expect(unstored.input).toEqual([]);
    expect(unstored.warnings[0]).toMatchObject({ type: 'other' });
  });

  it('converts every tool-result output kind to function_call_output', () => {
    const outputs: LanguageModelV4ToolResultOutput[] = [
      { type: 'text', value: 'sunny' },
      { type: 'json', value: { ok: true } },
      { type: 'error-text', value: 'failed' },
      { type: 'error-json', value: { error: 'x' } },
      { type: 'execution-denied', reason: 'not allowed' },
      { type: 'execution-denied' },
      {
        type: 'content',
        value: [
          { type: 'text', text: 'chart:' },
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBORw0KGgo=' } },
        ],
      },
    ];
    const result = convert([
      {
        role: 'tool',
        content: outputs.map((output, index) => ({
          type: 'tool-result' as const,
          toolCallId: `call_${index}`,
          toolName: 'tool',
          output,
        })),
      },
    ]);
    expect(
      result.input.map((item) => (item.type === 'function_call_output' ? item.output : undefined)),
    ).toEqual([
      'sunny',
      '{"ok":true}',
      'failed',
      '{"error":"x"}',
      'not allowed',
      'The user denied running this tool.',
      [
        { type: 'input_text', text: 'chart:' },
        { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      ],
    ]);
    expect(result.input.every((item) => item.type === 'function_call_output')).toBe(true);
  });
});
