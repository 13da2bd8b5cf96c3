import { readFileSync } from 'node:fs';

/**
 * A large, valid Responses stream built from a real recording: its delta events repeated
 * `copies` times between its first and last events, sequence numbers renumbered so the
 * stream stays well-formed. The terminal response is kept as recorded.
 */
export function largeStream(copies = 10, recording = 'openai-reasoning-summary-o3-mini.sse') {
  const text = readFileSync(
    new URL(`../../fixtures/responses/sse/${recording}`, import.meta.url),
    'utf8',
  );
  const events = text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data:') + 5)));
  const isDelta = (event) => event.type.endsWith('.delta');
  const head = events.slice(0, events.findIndex(isDelta));
  const deltas = events.filter(isDelta);
  const tail = events.slice(events.findLastIndex(isDelta) + 1);
  const all = [...head, ...Array.from({ length: copies }, () => deltas).flat(), ...tail];
  const body = all.map((event, index) => {
    const renumbered = { ...event, sequence_number: index };
    return `event: ${event.type}\ndata: ${JSON.stringify(renumbered)}\n\n`;
  });
  return { bytes: Buffer.from(body.join('')), events: all.length, deltas: deltas.length * copies };
}
