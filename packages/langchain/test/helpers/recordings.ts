import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response, ResponseStreamEvent } from '@apifree/core';

/** The recorded streams of the repo (`fixtures/responses`). */
export const FIXTURES = join(import.meta.dirname, '../../../../fixtures/responses');

export interface Recording {
  name: string;
  /** The exact bytes to replay as an SSE body. */
  body: string;
  /** The events, parsed here in the test only (production code never parses SSE). */
  events: ResponseStreamEvent[];
}

/** Every stream recording: `sse/*.sse` byte for byte, `chunks/*.txt` re-framed as SSE. */
export function loadRecordings(): Recording[] {
  const sse = readdirSync(join(FIXTURES, 'sse')).map((file) => {
    const body = readFileSync(join(FIXTURES, 'sse', file), 'utf8');
    return { name: `sse/${file}`, body, events: parseSSE(body) };
  });
  const chunks = readdirSync(join(FIXTURES, 'chunks')).map((file) => {
    const lines = readFileSync(join(FIXTURES, 'chunks', file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const events = lines.map((line) => JSON.parse(line) as ResponseStreamEvent);
    const body = lines
      .map((line, index) => `event: ${events[index]?.type}\ndata: ${line}\n\n`)
      .join('');
    return { name: `chunks/${file}`, body, events };
  });
  return [...sse, ...chunks];
}

function parseSSE(body: string): ResponseStreamEvent[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as ResponseStreamEvent);
}

/** The terminal response of a recording, the source of truth the tests compare with. */
export function terminalResponse(recording: Recording): Response | undefined {
  const last = recording.events.at(-1) as { type: string; response?: Response } | undefined;
  return last?.type === 'response.completed' || last?.type === 'response.incomplete'
    ? last.response
    : undefined;
}

/**
 * The text a streaming client sees, per part: the deltas, or the `*.done` value when a
 * part had no deltas. Equal to the terminal response's text except in the anonymised
 * Azure recording, whose deltas were replaced by placeholder characters.
 */
export function streamedText(recording: Recording, kind: 'text' | 'reasoning'): string {
  const deltaTypes =
    kind === 'text'
      ? ['response.output_text.delta']
      : [
          'response.reasoning_summary_text.delta',
          'response.reasoning_text.delta',
          'response.reasoning.delta',
        ];
  const doneTypes =
    kind === 'text'
      ? ['response.output_text.done']
      : [
          'response.reasoning_summary_text.done',
          'response.reasoning_text.done',
          'response.reasoning.done',
        ];
  const parts = new Map<string, { deltas: string; done?: string }>();
  for (const event of recording.events as unknown as Array<Record<string, unknown>>) {
    const type = event.type as string;
    if (!deltaTypes.includes(type) && !doneTypes.includes(type)) continue;
    const key = `${event.output_index}:${event.summary_index ?? event.content_index}:${type.includes('summary')}`;
    const part = parts.get(key) ?? { deltas: '' };
    if (deltaTypes.includes(type)) part.deltas += event.delta as string;
    else part.done = event.text as string;
    parts.set(key, part);
  }
  return [...parts.values()]
    .map((part) => (part.deltas !== '' ? part.deltas : (part.done ?? '')))
    .join('');
}

/** What the terminal response says the merged message must hold. */
export function expectedFromResponse(response: Response) {
  const items = response.output as unknown as Array<Record<string, unknown>>;
  const text = items
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content as Array<{ type: string; text?: string }>)
    .filter((part) => part.type === 'output_text')
    .map((part) => part.text)
    .join('');
  const reasoning = items
    .filter((item) => item.type === 'reasoning')
    .flatMap((item) => [
      ...((item.summary as Array<{ text: string }> | undefined) ?? []),
      ...((item.content as Array<{ text: string }> | undefined) ?? []),
    ])
    .map((part) => part.text)
    .join('');
  const toolCalls = items
    .filter((item) => item.type === 'function_call')
    .map((item) => ({
      id: item.call_id,
      name: item.name,
      args: item.arguments === '' ? {} : JSON.parse(item.arguments as string),
    }));
  return { text, reasoning, toolCalls, usage: response.usage };
}
