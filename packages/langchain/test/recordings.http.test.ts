import { join } from 'node:path';
import { APIStreamError } from '@apifree/core';
import type { AIMessageChunk } from '@langchain/core/messages';
import { HumanMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { describe, expect, it } from 'vitest';
import {
  expectedFromResponse,
  FIXTURES,
  loadRecordings,
  streamedText,
  terminalResponse,
} from './helpers/recordings';
import { useSimulator } from './helpers/simulator';

const context = useSimulator();

function reasoningText(message: AIMessageChunk): string {
  return (message.content as Array<Record<string, unknown>>)
    .filter((block) => block.type === 'reasoning')
    .map((block) => block.reasoning)
    .join('');
}

describe('every recording replayed over HTTP through ChatAPIFree', () => {
  for (const recording of loadRecordings()) {
    const response = terminalResponse(recording);
    if (!response) continue;

    it(`${recording.name} via _streamResponseChunks`, async () => {
      context.simulator.replayNext(join(FIXTURES, recording.name));
      const model = context.model();
      let merged: ChatGenerationChunk | undefined;
      for await (const chunk of model._streamResponseChunks([new HumanMessage('replay')], {})) {
        merged = merged ? merged.concat(chunk) : chunk;
      }
      const message = merged!.message as AIMessageChunk;
      const expected = expectedFromResponse(response);
      expect(message.text).toBe(streamedText(recording, 'text'));
      expect(reasoningText(message)).toBe(streamedText(recording, 'reasoning'));
      expect((message.tool_calls ?? []).map(({ id, name, args }) => ({ id, name, args }))).toEqual(
        expected.toolCalls,
      );
      expect(message.usage_metadata).toMatchObject({
        input_tokens: response.usage!.input_tokens,
        output_tokens: response.usage!.output_tokens,
        total_tokens: response.usage!.total_tokens,
      });
      expect(message.response_metadata).toMatchObject({
        model_name: response.model,
        model: response.model,
        finish_reason: expected.toolCalls.length > 0 ? 'tool_calls' : 'stop',
      });
    });

    it(`${recording.name} via model.stream`, async () => {
      context.simulator.replayNext(join(FIXTURES, recording.name));
      let merged: AIMessageChunk | undefined;
      for await (const chunk of await context.model().stream('replay')) {
        merged = merged ? merged.concat(chunk) : chunk;
      }
      expect(merged!.text).toBe(streamedText(recording, 'text'));
      expect(merged!.response_metadata.model_name).toBe(response.model);
      expect(merged!.usage_metadata?.output_tokens).toBe(response.usage!.output_tokens);
    });
  }

  it('chunks/openai-error-event-then-failed: stream and invoke throw the typed stream error', async () => {
    const file = join(FIXTURES, 'chunks/openai-error-event-then-failed.chunks.txt');
    context.simulator.replayNext(file);
    const consume = async () => {
      for await (const _chunk of await context.model().stream('replay')) {
        // consumed only to reach the error
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(APIStreamError);
    context.simulator.replayNext(file);
    await expect(context.model({ streaming: true }).invoke('replay')).rejects.toMatchObject({
      name: 'APIStreamError',
      code: 'insufficient_quota',
    });
  });
});
