import type { Response } from '@apifree/core';
import { AIMessage, type InvalidToolCall, type ToolCall } from '@langchain/core/messages';
import { toLangChainAnnotation } from './annotations';
import { failedResponseError } from './events-to-chunks';
import type { StoredReasoningItem } from './messages-to-input';
import { toResponseMetadata, toUsageMetadata } from './response-metadata';

type Block = Record<string, unknown>;

/**
 * Converts a complete (non-streamed) response to an `AIMessage` with the same shape a
 * merged stream has: content blocks for reasoning, text and refusals, parsed
 * `tool_calls` (arguments that are not valid JSON go to `invalid_tool_calls`; a
 * parameterless call gets `{}`), usage, metadata and replayable reasoning items. A
 * `failed` response throws {@link APIStreamError}.
 *
 * @example
 * const message = responseToMessage(await client.responses.create({ model, input }));
 */
export function responseToMessage(
  response: Response,
  options: { requestId?: string | undefined } = {},
): AIMessage {
  if (response.status === 'failed') throw failedResponseError(response);
  const content: Block[] = [];
  const toolCalls: ToolCall[] = [];
  const invalidToolCalls: InvalidToolCall[] = [];
  const reasoningItems: StoredReasoningItem[] = [];
  const toolOutputs: Block[] = [];
  for (const item of response.output as unknown as Block[]) {
    switch (item.type) {
      case 'message':
        for (const part of (item.content as Block[] | undefined) ?? []) {
          if (part.type === 'output_text') {
            const block: Block = { type: 'text', text: part.text, index: content.length };
            const annotations = (part.annotations as Block[] | undefined) ?? [];
            if (annotations.length > 0)
              block.annotations = annotations.map((annotation) =>
                toLangChainAnnotation(annotation as never),
              );
            content.push(block);
          } else if (part.type === 'refusal') {
            content.push({ type: 'refusal', refusal: part.refusal, index: content.length });
          }
        }
        break;
      case 'reasoning': {
        const reasoning = item as unknown as StoredReasoningItem;
        for (const part of [...(reasoning.summary ?? []), ...(reasoning.content ?? [])]) {
          content.push({ type: 'reasoning', reasoning: part.text, index: content.length });
        }
        const stored: StoredReasoningItem = {
          type: 'reasoning',
          id: reasoning.id,
          summary: reasoning.summary ?? [],
        };
        if (reasoning.content && reasoning.content.length > 0) stored.content = reasoning.content;
        if (typeof reasoning.encrypted_content === 'string')
          stored.encrypted_content = reasoning.encrypted_content;
        reasoningItems.push(stored);
        break;
      }
      case 'function_call':
        parseToolCall(item, toolCalls, invalidToolCalls);
        break;
      default:
        toolOutputs.push(item);
    }
  }
  const additionalKwargs: Record<string, unknown> = {};
  if (reasoningItems.length > 0) additionalKwargs.reasoning_items = reasoningItems;
  if (toolOutputs.length > 0) additionalKwargs.tool_outputs = toolOutputs;
  return new AIMessage({
    id: response.id,
    content: content as AIMessage['content'],
    tool_calls: toolCalls,
    invalid_tool_calls: invalidToolCalls,
    additional_kwargs: additionalKwargs,
    usage_metadata: toUsageMetadata(response.usage),
    response_metadata: toResponseMetadata(response, {
      hasToolCalls: toolCalls.length + invalidToolCalls.length > 0,
      requestId: options.requestId,
    }),
  });
}

function parseToolCall(
  item: Block,
  toolCalls: ToolCall[],
  invalidToolCalls: InvalidToolCall[],
): void {
  const id = item.call_id as string;
  const name = item.name as string;
  const raw = typeof item.arguments === 'string' ? item.arguments.trim() : '';
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
