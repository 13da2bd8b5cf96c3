/** What a secret is replaced with in a recording. */
export const REDACTED = '[redacted]';

/**
 * Secrets shorter than this are not searched for: they cannot be real API keys, and
 * replacing every occurrence of a short string would rewrite ordinary text.
 */
export const MIN_SECRET_LENGTH = 8;

const BASE64_RUN = /[A-Za-z0-9+/_=-]/;
const HEX_RUN = /[0-9a-fA-F]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function hexPattern(code: number, width: number): string {
  return [...code.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

// Each character as itself or in the escapes text formats use for it: percent-encoding,
// JSON and JavaScript escapes, HTML character references — mixed freely within one echo.
function escapedFormPattern(secret: string): RegExp {
  const characters = [...secret].map((character) => {
    const code = character.codePointAt(0)!;
    const forms = [escapeRegExp(character), `\\\\u${hexPattern(code, 4)}`, `&#0*${code};`];
    forms.push(`&#[xX]0*${hexPattern(code, 1).replace(/^0+(?=.)/, '')};`);
    if (code < 0x80) forms.push(`%${hexPattern(code, 2)}`, `\\\\x${hexPattern(code, 2)}`);
    else forms.push([...Buffer.from(character)].map((byte) => `%${hexPattern(byte, 2)}`).join(''));
    return `(?:${forms.join('|')})`;
  });
  // Case-insensitive: header names and some logs change a key's case.
  return new RegExp(characters.join(''), 'gi');
}

// The part of base64(prefix + secret + suffix) that depends on the secret's bytes alone,
// for each of the three alignments the secret can have: found in any base64 text that
// encodes the secret, wherever it sits.
function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const fragments = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((offset * 8) / 6);
    const last = Math.floor(((offset + bytes.length) * 8) / 6);
    const fragment = encoded.slice(first, last);
    fragments.add(fragment);
    fragments.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...fragments];
}

function replaceRuns(text: string, fragment: string, run: RegExp): string {
  let result = text;
  let index = result.indexOf(fragment);
  while (index >= 0) {
    let start = index;
    let end = index + fragment.length;
    while (start > 0 && run.test(result[start - 1]!)) start--;
    while (end < result.length && run.test(result[end]!)) end++;
    result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
    index = result.indexOf(fragment, start + REDACTED.length);
  }
  return result;
}

/** Removes secrets from text and JSON values. */
export interface Redactor {
  /** `text` with every secret removed, in any case, plain or encoded (percent, `\u`, HTML, base64, hex). */
  text(text: string): string;
  /** A copy of `value` with every string (keys too) passed through {@link Redactor.text}. */
  json<T>(value: T): T;
  /** Secrets the redactor looks for, for checks that span several strings. */
  readonly secrets: readonly string[];
}

/**
 * A redactor for `secrets` (API keys, cookies, anything the caller names). Secrets
 * shorter than {@link MIN_SECRET_LENGTH} characters are ignored.
 *
 * @example
 * const redactor = createRedactor(['sk-live-0123456789']);
 * redactor.text('key=sk-live-0123456789'); // 'key=[redacted]'
 * redactor.text(Buffer.from('Bearer sk-live-0123456789').toString('base64')); // '[redacted]'
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const kept = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const patterns = kept.map((secret) => ({
    escaped: escapedFormPattern(secret),
    base64: base64Fragments(secret),
    hex: [Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('hex').toUpperCase()],
  }));
  const text = (input: string): string => {
    let result = input;
    for (const pattern of patterns) {
      result = result.replace(pattern.escaped, REDACTED);
      for (const fragment of pattern.base64) result = replaceRuns(result, fragment, BASE64_RUN);
      for (const fragment of pattern.hex) result = replaceRuns(result, fragment, HEX_RUN);
    }
    return result;
  };
  const json = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map(json) as T;
    if (typeof value !== 'object' || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[text(key)] = json(item);
    return result as T;
  };
  return { text, json, secrets: kept };
}
