import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response, ResponseStreamEvent } from '@apifree/core';
import { frameChunks } from '@apifree/simulator';

export const FIXTURES_DIR = fileURLToPath(
  new URL('../../../../fixtures/responses', import.meta.url),
);

export interface Recording {
  /** `sse/<file>` or `chunks/<file>`. */
  name: string;
  /** The bytes a server sends for it (chunk recordings framed with `event:` lines). */
  body: string;
}

/** Every streamed recording in the repository's fixtures. */
export function streamRecordings(): Recording[] {
  const sse = readdirSync(join(FIXTURES_DIR, 'sse')).map((file) => ({
    name: `sse/${file}`,
    body: readFileSync(join(FIXTURES_DIR, 'sse', file), 'utf8'),
  }));
  const chunks = readdirSync(join(FIXTURES_DIR, 'chunks')).map((file) => ({
    name: `chunks/${file}`,
    body: frameChunks(readFileSync(join(FIXTURES_DIR, 'chunks', file), 'utf8')).join(''),
  }));
  return [...sse, ...chunks];
}

export function recording(name: string): Recording {
  const found = streamRecordings().find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no recording ${name}`);
  return found;
}

/**
 * A naive decoding of a well-formed recording (split on blank lines), for feeding the
 * pure mapper in tests. Production code never parses SSE: core does.
 */
export function recordingEvents(body: string): ResponseStreamEvent[] {
  return body
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(5)) as ResponseStreamEvent);
}

export function readJSONFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'json', name), 'utf8'));
}

/** What the recording itself says the answer is: its text deltas and finished function calls. */
export function expectedAnswer(events: ResponseStreamEvent[]) {
  let text = '';
  const toolCalls: Array<{ toolCallId: string; toolName: string; input: string }> = [];
  let terminal: Response | undefined;
  for (const event of events) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.output_item.done' && event.item.type === 'function_call') {
      const item = event.item as { call_id: string; name: string; arguments: string };
      toolCalls.push({
        toolCallId: item.call_id,
        toolName: item.name,
        input: item.arguments || '{}',
      });
    }
    if (event.type === 'response.completed' || event.type === 'response.incomplete')
      terminal = event.response;
  }
  return { text, toolCalls, terminal };
}
