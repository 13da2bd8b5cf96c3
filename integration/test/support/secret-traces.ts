/**
 * The encodings in which `secret` appears in `text`: plain, percent-encoded, JSON
 * `\u` escapes, hex, or base64 at any alignment. Computed here, apart from the
 * simulator's redactor, so the check does not share its judgement.
 */
export function secretTraces(text: string, secret: string): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  if (text.includes(secret)) found.push('plain');
  const percent = [...secret]
    .map((character) => `%${character.charCodeAt(0).toString(16)}`)
    .join('');
  if (lower.includes(percent)) found.push('percent');
  const escaped = [...secret]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
  if (lower.includes(escaped)) found.push('unicode');
  if (lower.includes(Buffer.from(secret).toString('hex'))) found.push('hex');
  for (const prefix of ['', 'x', 'xy']) {
    const inner = Buffer.from(`${prefix}${secret}`).toString('base64').slice(4, -4);
    if (text.includes(inner) || text.includes(inner.replace(/\+/g, '-').replace(/\//g, '_')))
      found.push(`base64+${prefix.length}`);
  }
  return found;
}
