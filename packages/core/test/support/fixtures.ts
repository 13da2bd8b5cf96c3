import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(
  new URL('../../../../fixtures/responses', import.meta.url),
);

export interface Recording {
  name: string;
  /** The bytes a server sends, framed as OpenAI frames them. */
  bytes: Uint8Array;
}

/** Every streamed recording: `.sse` as-is, `.chunks.txt` framed with `event:` lines. */
export function streamRecordings(): Recording[] {
  const sse = readdirSync(join(FIXTURES_DIR, 'sse')).map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(FIXTURES_DIR, 'sse', name))),
  }));
  const chunks = readdirSync(join(FIXTURES_DIR, 'chunks')).map((name) => ({
    name,
    bytes: new TextEncoder().encode(
      frameChunks(readFileSync(join(FIXTURES_DIR, 'chunks', name), 'utf8')),
    ),
  }));
  return [...sse, ...chunks];
}

/** Frames one-JSON-per-line recordings the way OpenAI sends them. */
export function frameChunks(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
    .join('');
}

/** A deliberately naive reference decoding of well-formed recordings: split on blank lines. */
export function referenceEvents(
  bytes: Uint8Array,
): Array<Record<string, unknown> & { type: string }> {
  return new TextDecoder()
    .decode(bytes)
    .split('\n\n')
    .map((block) => block.split('\n').find((line) => line.startsWith('data:')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(5)));
}

export function readJSONFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'json', name), 'utf8'));
}
