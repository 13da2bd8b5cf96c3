/**
 * The forms in which the hostile server echoes the `Authorization` header it received
 * (`Bearer <key>`): verbatim, the key alone, and the encodings a proxy, a log line or a
 * token might put it in. The scan (secret-scan.ts) must find every one of them, and the
 * packages must mask every one of them.
 *
 * `json-escaped` is the key itself, written with `\u` escapes wherever it lands in a JSON
 * body or event (so the parsed field holds the plain key but the raw text does not);
 * `unicode-text` is the escaped text as the field's value (the field shows the escapes).
 */
export const ECHO_ENCODINGS = {
  verbatim: (authorization: string) => authorization,
  plain: (authorization: string) => keyOf(authorization),
  'json-escaped': (authorization: string) => keyOf(authorization),
  'unicode-text': (authorization: string) => unicodeEscaped(keyOf(authorization)),
  'without-prefix': (authorization: string) => keyOf(authorization).replace(/^sk-[a-z]+-/, ''),
  base64: (authorization: string) => Buffer.from(keyOf(authorization)).toString('base64'),
  'base64 of Bearer': (authorization: string) => Buffer.from(authorization).toString('base64'),
  base64url: (authorization: string) =>
    Buffer.from(JSON.stringify({ authorization })).toString('base64url'),
  hex: (authorization: string) => Buffer.from(keyOf(authorization)).toString('hex'),
  'percent-encoded': (authorization: string) =>
    [...Buffer.from(authorization)]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  'cut short': (authorization: string) => keyOf(authorization).slice(0, 30),
} as const satisfies Record<string, (authorization: string) => string>;

export type EchoEncoding = keyof typeof ECHO_ENCODINGS;

function keyOf(authorization: string): string {
  return authorization.replace(/^Bearer /, '');
}

/** Every character as a `\uXXXX` escape, as JSON allows. */
export function unicodeEscaped(text: string): string {
  return [...text]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('');
}
