import { createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFree } from '@apifree/core';
import { ChatAPIFree } from '@apifree/langchain';
import type { AIMessageChunk } from '@langchain/core/messages';
import { streamText } from 'ai';

export type AdapterName = 'core' | 'ai-sdk' | 'langchain';
export const ADAPTERS: AdapterName[] = ['core', 'ai-sdk', 'langchain'];

export const MODEL = 'gpt-4.1-mini';

/** One streamed request of the drill. */
export interface DrillRequest {
  /** Sent as `x-drill-id`: the simulator counts attempts by it. */
  id: string;
  prompt: string;
  headers: Record<string, string>;
}

/** A stream that ended in a complete answer. */
export interface Completion {
  text: string;
  /** `completed` (core), `stop` (AI SDK, LangChain). */
  finishReason: string;
  totalTokens: number;
}

/** Client settings shared by the three adapters. */
export interface AdapterSettings {
  apiKey: string;
  baseURL: string;
  /** Retries of the adapter's own retry mechanism (core's, the AI SDK's, AsyncCaller's). */
  maxRetries: number;
  /** Milliseconds a stream (or, for LangChain, a request) may stay silent. */
  idleTimeout: number;
}

/** Streams one request to completion; throws the adapter's error otherwise. */
export type StreamOnce = (request: DrillRequest, signal: AbortSignal) => Promise<Completion>;

/**
 * The three ways users stream: `@apifree/core` directly, `streamText` of `ai@7` over
 * `@apifree/ai-sdk-provider`, and `ChatAPIFree.stream` of `@apifree/langchain`. Each
 * uses its own retry mechanism and idle timeout.
 */
export function createAdapter(name: AdapterName, settings: AdapterSettings): StreamOnce {
  switch (name) {
    case 'core':
      return coreAdapter(settings);
    case 'ai-sdk':
      return aiSdkAdapter(settings);
    case 'langchain':
      return langchainAdapter(settings);
  }
}

function coreAdapter(settings: AdapterSettings): StreamOnce {
  const client = new APIFree({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: settings.maxRetries,
    timeout: 30_000,
    streamIdleTimeout: settings.idleTimeout,
  });
  return async (request, signal) => {
    const stream = await client.responses.create(
      { model: MODEL, input: request.prompt, stream: true },
      { headers: { ...request.headers, 'x-drill-id': request.id }, signal },
    );
    let text = '';
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    return { text, finishReason: final.status, totalTokens: final.usage?.total_tokens ?? 0 };
  };
}

function aiSdkAdapter(settings: AdapterSettings): StreamOnce {
  const apifree = createAPIFree({ apiKey: settings.apiKey, baseURL: settings.baseURL });
  const model = apifree(MODEL);
  return async (request, signal) => {
    const result = streamText({
      model,
      prompt: request.prompt,
      maxRetries: settings.maxRetries,
      headers: { ...request.headers, 'x-drill-id': request.id },
      abortSignal: signal,
      // The AI SDK's own idle timeouts: before the first text chunk, then between chunks.
      timeout: { firstChunkMs: settings.idleTimeout, chunkMs: settings.idleTimeout },
      onError: () => {},
    });
    let text = '';
    let finishReason = '';
    let totalTokens = 0;
    let failure: { error: unknown } | undefined;
    let aborted = false;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.text;
      else if (part.type === 'error') failure ??= { error: part.error };
      else if (part.type === 'abort') aborted = true;
      else if (part.type === 'finish') {
        finishReason = part.finishReason;
        totalTokens = part.totalUsage.totalTokens ?? 0;
      }
    }
    if (failure) throw failure.error;
    // An abort part carries only a description; the result's promises reject with the
    // abort's error (a TimeoutError for the chunk timeouts).
    if (aborted) await result.text;
    return { text, finishReason, totalTokens };
  };
}

function langchainAdapter(settings: AdapterSettings): StreamOnce {
  const chat = new ChatAPIFree({
    model: MODEL,
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: settings.maxRetries,
    timeout: settings.idleTimeout,
  });
  return async (request, signal) => {
    const stream = await chat.stream(request.prompt, {
      headers: { ...request.headers, 'x-drill-id': request.id },
      signal,
    });
    let message: AIMessageChunk | undefined;
    for await (const chunk of stream)
      message = message === undefined ? chunk : message.concat(chunk);
    return {
      text: message?.text ?? '',
      finishReason: String(message?.response_metadata.finish_reason ?? ''),
      totalTokens: message?.usage_metadata?.total_tokens ?? 0,
    };
  };
}
