import { type Response, type ResponseOutput, readResponse } from '@apifree/core';
import { AIMessage, type InvalidToolCall, type ToolCall } from '@langchain/core/messages';
import { toLangChainAnnotation } from './annotations';
import { toResponseMetadata, toUsageMetadata } from './response-metadata';

type Block = Record<string, unknown>;

/**
 * Converts a complete (non-streamed) response to an `AIMessage` with the same shape a
 * merged stream has: content blocks for reasoning, text and refusals, parsed
 * `tool_calls` (arguments that are not valid JSON go to `invalid_tool_calls`; a
 * parameterless call gets `{}`), usage, metadata and replayable reasoning items. Core
 * reads the response (a `failed` one throws its `APIResponseFailedError`).
 *
 * @example
 * const message = responseToMessage(await client.responses.create({ model, input }));
 */
export function responseToMessage(
  response: Response,
  options: { requestId?: string | undefined; requestWarnings?: string[] } = {},
): AIMessage {
  return outputToMessage(readResponse(response), options);
}

/** The message for core's reading of a response. */
export function outputToMessage(
  output: ResponseOutput,
  options: { requestId?: string | undefined; requestWarnings?: string[] } = {},
): AIMessage {
  const content: Block[] = [];
  const toolCalls: ToolCall[] = [];
  const invalidToolCalls: InvalidToolCall[] = [];
  const reasoningItems: unknown[] = [];
  const toolOutputs: unknown[] = [];
  for (const part of output.parts) {
    switch (part.type) {
      case 'text': {
        const block: Block = { type: 'text', text: part.text, index: content.length };
        if (part.annotations.length > 0)
          block.annotations = part.annotations.map((annotation) =>
            toLangChainAnnotation(annotation),
          );
        content.push(block);
        break;
      }
      case 'refusal':
        content.push({ type: 'refusal', refusal: part.refusal, index: content.length });
        break;
      case 'reasoning':
        content.push({ type: 'reasoning', reasoning: part.text, index: content.length });
        break;
      case 'reasoning-item':
        reasoningItems.push(part.item);
        break;
      case 'tool-call':
        parseToolCall(part.callId, part.name, part.arguments, toolCalls, invalidToolCalls);
        break;
      case 'item':
        toolOutputs.push(part.item);
        break;
    }
  }
  const additionalKwargs: Record<string, unknown> = {};
  if (reasoningItems.length > 0) additionalKwargs.reasoning_items = reasoningItems;
  if (toolOutputs.length > 0) additionalKwargs.tool_outputs = toolOutputs;
  return new AIMessage({
    id: output.response.id,
    content: content as AIMessage['content'],
    tool_calls: toolCalls,
    invalid_tool_calls: invalidToolCalls,
    additional_kwargs: additionalKwargs,
    usage_metadata: toUsageMetadata(output.usage),
    response_metadata: toResponseMetadata(output.response, output.finish, {
      requestId: options.requestId,
      warnings: [...(options.requestWarnings ?? []), ...output.warnings],
    }),
  });
}

function parseToolCall(
  id: string,
  name: string,
  text: string,
  toolCalls: ToolCall[],
  invalidToolCalls: InvalidToolCall[],
): void {
  const raw = text.trim();
  if (raw === '') {
    toolCalls.push({ type: 'tool_call', id, name, args: {} });
    return;
  }
  try {
    const args: unknown = JSON.parse(raw);
    if (typeof args === 'object' && args !== null && !Array.isArray(args)) {
      toolCalls.push({ type: 'tool_call', id, name, args: args as Record<string, unknown> });
      return;
    }
    invalidToolCalls.push({
      type: 'invalid_tool_call',
      id,
      name,
      args: raw,
      error: 'The arguments are not a JSON object.',
    });
  } catch (error) {
    invalidToolCalls.push({
      type: 'invalid_tool_call',
      id,
      name,
      args: raw,
      error: `The arguments are not valid JSON: ${(error as Error).message}`,
    });
  }
}
