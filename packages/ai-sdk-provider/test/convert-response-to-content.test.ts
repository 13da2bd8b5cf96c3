import { type Response, readResponse } from '@apifree/core';
import { describe, expect, it } from 'vitest';
import { convertResponseToContent as convertContent } from '../src/convert-response-to-content';
import { mapFinishReason } from '../src/map-finish-reason';
import { readJSONFixture } from './support/recordings';

/** Core reads the response; the provider translates what core read. */
function convertResponseToContent(response: Response, providerName: string) {
  const output = readResponse(response);
  return {
    content: convertContent(output, providerName),
    finishReason: mapFinishReason(output.finish),
  };
}

describe('convertResponseToContent', () => {
  it('keeps every output_text part of a recorded message', () => {
    const response = readJSONFixture('openai-multiple-output-text-parts.json') as Response;
    const { content, finishReason } = convertResponseToContent(response, 'apifree');
    const texts = response.output.flatMap((item) =>
      item.type === 'message'
        ? (item as { content: Array<{ text: string }> }).content.map((part) => part.text)
        : [],
    );
    expect(content.filter((part) => part.type === 'text').map((part) => part.text)).toEqual(texts);
    expect(finishReason.unified).toBe('stop');
  });

  it('converts a recorded LM Studio response', () => {
    const response = readJSONFixture('lmstudio-text.json') as Response;
    const { content } = convertResponseToContent(response, 'apifree');
    expect(content).toEqual([
      {
        type: 'reasoning',
        text: 'reasoning content',
        providerMetadata: {
          apifree: { itemId: 'rs_3l1z5wpifxkwxhj459ya7', reasoningEncryptedContent: null },
        },
      },
      {
        type: 'text',
        text: 'text content',
        providerMetadata: { apifree: { itemId: 'msg_p1y190hl7hj1xyfqr1cir' } },
      },
    ]);
  });

  it('orders reasoning, text and tool calls and finishes with tool-calls', () => {
    const response = {
      id: 'resp_1',
      status: 'completed',
      incomplete_details: null,
      output: [
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'Plan.' }],
          encrypted_content: 'enc',
        },
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Checking.', annotations: [] }],
        },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'now', arguments: '' },
      ],
    } as unknown as Response;
    expect(convertResponseToContent(response, 'apifree')).toEqual({
      content: [
        {
          type: 'reasoning',
          text: 'Plan.',
          providerMetadata: { apifree: { itemId: 'rs_1', reasoningEncryptedContent: 'enc' } },
        },
        { type: 'text', text: 'Checking.', providerMetadata: { apifree: { itemId: 'msg_1' } } },
        {
          type: 'tool-call',
          toolCallId: 'call_1',
          toolName: 'now',
          input: '{}',
          providerMetadata: { apifree: { itemId: 'fc_1' } },
        },
      ],
      finishReason: { unified: 'tool-calls', raw: 'completed' },
    });
  });

  it('maps a refusal to text and content-filter, and a length limit to length', () => {
    const refusal = {
      status: 'completed',
      incomplete_details: null,
      output: [
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'refusal', refusal: 'No.' }],
        },
      ],
    } as unknown as Response;
    expect(convertResponseToContent(refusal, 'apifree').finishReason.unified).toBe(
      'content-filter',
    );
    const length = {
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [],
    } as unknown as Response;
    expect(convertResponseToContent(length, 'apifree').finishReason).toEqual({
      unified: 'length',
      raw: 'max_output_tokens',
    });
  });
});
