import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree, normalizeEvents, readResponse } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { generateText, jsonSchema, streamText, type Tool, tool } from 'ai';
import {
  FINISH_FROM_AI_SDK,
  FINISH_FROM_LANGCHAIN,
  finishOfError,
  parseArguments,
  type Summary,
} from './summary';

/** Where the simulator serves the case, and which file it serves. */
export interface Target {
  baseURL: string;
  file: string;
  /** Tool names the answer calls (the AI SDK needs them declared). */
  toolNames: string[];
}

const KEY = 'sk-conformance-0123456789abcdef';
const MODEL = 'gpt-4.1-mini';
const headers = (target: Target) => ({ 'x-simulator-replay': target.file });

function errorName(error: unknown): string {
  // The AI SDK wraps core's error in an APICallError; the class that matters is core's.
  const cause = (error as { cause?: unknown }).cause;
  const source =
    cause instanceof Error && (error as Error).name === 'AI_APICallError' ? cause : error;
  return (source as Error).name;
}

function usageOf(
  input: number | undefined,
  output: number | undefined,
  total: number | undefined,
): Summary['usage'] {
  if (input === undefined || output === undefined) return undefined;
  return { input, output, total: total ?? input + output };
}

export async function coreStream(target: Target): Promise<Summary> {
  const client = new APIFree({ apiKey: KEY, baseURL: target.baseURL, maxRetries: 0 });
  const summary: Summary = {
    text: '',
    reasoning: '',
    toolCalls: [],
    finish: undefined,
    usage: undefined,
    error: undefined,
  };
  const stream = await client.responses.create(
    { model: MODEL, input: 'x', stream: true },
    { headers: headers(target) },
  );
  for await (const event of normalizeEvents(stream)) {
    switch (event.type) {
      case 'text-delta':
      case 'refusal-delta':
        summary.text += event.delta;
        break;
      case 'reasoning-delta':
        summary.reasoning += event.delta;
        break;
      case 'tool-call-end':
        if (!event.partial)
          summary.toolCalls.push({
            id: event.callId,
            name: event.name,
            args: parseArguments(event.arguments),
          });
        break;
      case 'finish':
        summary.finish = event.finish.kind;
        summary.usage = usageOf(
          event.usage?.inputTokens,
          event.usage?.outputTokens,
          event.usage?.totalTokens,
        );
        break;
      case 'failure':
        summary.finish = event.finish.kind;
        summary.error = errorName(event.error);
        break;
    }
  }
  return summary;
}

export async function coreJson(target: Target): Promise<Summary> {
  const client = new APIFree({ apiKey: KEY, baseURL: target.baseURL, maxRetries: 0 });
  try {
    const output = readResponse(
      await client.responses.create({ model: MODEL, input: 'x' }, { headers: headers(target) }),
    );
    const summary: Summary = {
      text: '',
      reasoning: '',
      toolCalls: [],
      finish: output.finish.kind,
      usage: usageOf(
        output.usage?.inputTokens,
        output.usage?.outputTokens,
        output.usage?.totalTokens,
      ),
      error: undefined,
    };
    for (const part of output.parts) {
      if (part.type === 'text') summary.text += part.text;
      if (part.type === 'refusal') summary.text += part.refusal;
      if (part.type === 'reasoning') summary.reasoning += part.text;
      if (part.type === 'tool-call')
        summary.toolCalls.push({
          id: part.callId,
          name: part.name,
          args: parseArguments(part.arguments),
        });
    }
    return summary;
  } catch (error) {
    return failed(errorName(error));
  }
}

function failed(error: string): Summary {
  return {
    text: '',
    reasoning: '',
    toolCalls: [],
    finish: finishOfError(error),
    usage: undefined,
    error,
  };
}

/** The tools an answer calls, declared without `execute`: the step ends with the calls. */
function tools(names: string[]): Record<string, Tool> {
  return Object.fromEntries(
    names.map((name) => [name, tool({ inputSchema: jsonSchema({ type: 'object' }) })]),
  );
}

export async function aiSdkStream(target: Target): Promise<Summary> {
  const apifree = createAPIFree({ apiKey: KEY, baseURL: target.baseURL });
  const summary: Summary = {
    text: '',
    reasoning: '',
    toolCalls: [],
    finish: undefined,
    usage: undefined,
    error: undefined,
  };
  const result = streamText({
    model: apifree(MODEL),
    prompt: 'x',
    headers: headers(target),
    tools: tools(target.toolNames),
    maxRetries: 0,
    onError: () => undefined,
  });
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        summary.text += part.text;
        break;
      case 'reasoning-delta':
        summary.reasoning += part.text;
        break;
      case 'tool-call':
        summary.toolCalls.push({ id: part.toolCallId, name: part.toolName, args: part.input });
        break;
      case 'finish':
        summary.finish ??= FINISH_FROM_AI_SDK[part.finishReason];
        summary.usage = usageOf(
          part.totalUsage.inputTokens,
          part.totalUsage.outputTokens,
          part.totalUsage.totalTokens,
        );
        break;
      case 'error':
        summary.error = errorName(part.error);
        summary.finish = finishOfError(summary.error);
        break;
    }
  }
  return summary;
}

export async function aiSdkJson(target: Target): Promise<Summary> {
  const apifree = createAPIFree({ apiKey: KEY, baseURL: target.baseURL });
  try {
    const result = await generateText({
      model: apifree(MODEL),
      prompt: 'x',
      headers: headers(target),
      tools: tools(target.toolNames),
      maxRetries: 0,
    });
    return {
      text: result.text,
      reasoning: result.reasoningText ?? '',
      toolCalls: result.toolCalls.map((call) => ({
        id: call.toolCallId,
        name: call.toolName,
        args: call.input,
      })),
      finish: FINISH_FROM_AI_SDK[result.finishReason],
      usage: usageOf(result.usage.inputTokens, result.usage.outputTokens, result.usage.totalTokens),
      error: undefined,
    };
  } catch (error) {
    return failed(errorName(error));
  }
}

function fromMessage(message: BaseMessage | undefined, summary: Summary): void {
  if (message === undefined) return;
  for (const block of message.content as Array<Record<string, unknown>>) {
    if (block.type === 'text') summary.text += block.text as string;
    if (block.type === 'refusal') summary.text += block.refusal as string;
    if (block.type === 'reasoning') summary.reasoning += block.reasoning as string;
  }
  const chunk = message as AIMessageChunk;
  summary.toolCalls = (chunk.tool_calls ?? []).map((call) => ({
    id: call.id ?? '',
    name: call.name,
    args: call.args,
  }));
  const usage = chunk.usage_metadata;
  summary.usage = usage && {
    input: usage.input_tokens,
    output: usage.output_tokens,
    total: usage.total_tokens,
  };
  const reason = (message.response_metadata as { finish_reason?: string }).finish_reason;
  if (reason !== undefined) summary.finish = FINISH_FROM_LANGCHAIN[reason] ?? 'other';
}

function model(target: Target): ChatAPIFree {
  return new ChatAPIFree({ model: MODEL, apiKey: KEY, baseURL: target.baseURL, maxRetries: 0 });
}

export async function langchainStream(target: Target): Promise<Summary> {
  const summary: Summary = {
    text: '',
    reasoning: '',
    toolCalls: [],
    finish: undefined,
    usage: undefined,
    error: undefined,
  };
  let merged: AIMessageChunk | undefined;
  try {
    for await (const chunk of await model(target).stream('x', { headers: headers(target) }))
      merged = merged === undefined ? chunk : merged.concat(chunk);
  } catch (error) {
    summary.error = errorName(error);
  }
  fromMessage(merged, summary);
  if (summary.error !== undefined) {
    summary.finish = finishOfError(summary.error);
    summary.usage = undefined;
  }
  return summary;
}

export async function langchainJson(target: Target): Promise<Summary> {
  try {
    const summary: Summary = {
      text: '',
      reasoning: '',
      toolCalls: [],
      finish: undefined,
      usage: undefined,
      error: undefined,
    };
    fromMessage(await model(target).invoke('x', { headers: headers(target) }), summary);
    return summary;
  } catch (error) {
    return failed(errorName(error));
  }
}
