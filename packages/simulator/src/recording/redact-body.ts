import type { BodyLine } from './body-line';
import { REDACTED, type Redactor } from './redactor';

function redactLine(line: BodyLine, redactor: Redactor): BodyLine {
  if ('base64' in line) {
    // Bytes that are not UTF-8 are searched as Latin-1, where each byte is one character.
    const text = Buffer.from(line.base64, 'base64').toString('latin1');
    return { ...line, base64: Buffer.from(redactor.text(text), 'latin1').toString('base64') };
  }
  if ('sse' in line) return { ...line, sse: redactor.text(line.sse) };
  if ('text' in line) return { ...line, text: redactor.text(line.text) };
  if ('json' in line) return { ...line, json: redactor.json(line.json) };
  if ('event' in line)
    return { ...line, event: redactor.text(line.event), data: redactor.json(line.data) };
  return { ...line, data: redactor.json(line.data) };
}

interface DeltaPiece {
  data: Record<string, unknown>;
  start: number;
}

// A secret streamed a few characters per delta appears in no single event: find it in the
// deltas joined, and cut it out of every delta it spans.
function redactAcrossDeltas(lines: BodyLine[], redactor: Redactor): void {
  const pieces: DeltaPiece[] = [];
  let joined = '';
  for (const line of lines) {
    if (!('data' in line) || typeof line.data !== 'object' || line.data === null) continue;
    const data = line.data as Record<string, unknown>;
    if (typeof data.delta !== 'string') continue;
    pieces.push({ data, start: joined.length });
    joined += data.delta;
  }
  const cuts: Array<[number, number]> = [];
  for (const secret of redactor.secrets) {
    for (let index = joined.indexOf(secret); index >= 0; index = joined.indexOf(secret, index + 1))
      cuts.push([index, index + secret.length]);
  }
  if (cuts.length === 0) return;
  for (const piece of pieces) {
    const text = piece.data.delta as string;
    const end = piece.start + text.length;
    let result = '';
    for (let position = piece.start; position < end; position++) {
      const cut = cuts.find(([from, to]) => position >= from && position < to);
      if (cut === undefined) result += text[position - piece.start];
      else if (position === cut[0]) result += REDACTED;
    }
    piece.data.delta = result;
  }
}

/**
 * The body lines with every secret removed: in each line (plain or encoded), and across
 * the deltas of a stream when a secret was split between events.
 *
 * @example
 * redactBody([{ ms: 0, json: { echo: 'sk-live-0123456789' } }], createRedactor(['sk-live-0123456789']));
 * // [{ ms: 0, json: { echo: '[redacted]' } }]
 */
export function redactBody(lines: readonly BodyLine[], redactor: Redactor): BodyLine[] {
  const redacted = lines.map((line) => redactLine(line, redactor));
  redactAcrossDeltas(redacted, redactor);
  return redacted;
}
