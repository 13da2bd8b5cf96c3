import { describeValue } from './describe-value';
import { maskSecret } from './mask-secret';

/**
 * Masks a secret (the API key) in everything that leaves the client: text, parsed JSON
 * (keys and values), headers (names and values) and errors from elsewhere kept as causes.
 * A server that echoes the key may encode or cut it, so besides the key itself it finds:
 * any piece of it at least 15 characters long, the key with `/` escaped as JSON allows or
 * lower-cased (as header names are), its secret part without the `sk-`-style prefix,
 * its base64 and base64url forms at every byte alignment (so the key inside a larger
 * encoded blob, such as base64 of `Bearer <key>`, is found too), its hex forms, and
 * text with `\u` escapes or `%` encoding that decodes to any of them.
 */
export interface Redactor {
  /** `text` with every form of the secret masked. */
  text(text: string): string;
  /** A copy of a JSON-like value with every string (keys included) masked; the value itself when clean. */
  value<T>(value: T): T;
  /** The headers with names and values masked (the same object when clean). */
  headers(headers: Headers): Headers;
  /**
   * An error from outside this package (a transport's, a custom `fetch`'s) fit to keep as
   * a `cause`: itself when nothing it shows holds the secret, else a plain copy with its
   * name, code, message and stack masked and its own cause treated the same way.
   */
  cause(error: unknown): unknown;
}

/** Secret parts shorter than this are not looked for on their own: too likely by chance. */
const MIN_PART_LENGTH = 12;
/** A run of this many characters of the key counts as the key (a server may cut an echo short). */
const WINDOW = 12;
const WINDOW_STEP = 3;

/** Where to look for a piece of `form`: windows every few characters, and the last one. */
function windows(form: string): Array<{ start: number; piece: string }> {
  const starts = new Set<number>();
  for (let start = 0; start + WINDOW <= form.length; start += WINDOW_STEP) starts.add(start);
  if (form.length >= WINDOW) starts.add(form.length - WINDOW);
  return [...starts].map((start) => ({ start, piece: form.slice(start, start + WINDOW) }));
}

/**
 * Masks every run of `text` that matches `form` over at least a window (so the whole key,
 * or a piece of it at least a window long plus a step, wherever a server cut it).
 */
function maskRuns(text: string, form: string, mask: string): string {
  let result = text;
  for (const { start, piece } of windows(form)) {
    let at = result.indexOf(piece);
    while (at !== -1) {
      let left = at;
      let formLeft = start;
      while (left > 0 && formLeft > 0 && result[left - 1] === form[formLeft - 1]) {
        left--;
        formLeft--;
      }
      let right = at + WINDOW;
      let formRight = start + WINDOW;
      while (
        right < result.length &&
        formRight < form.length &&
        result[right] === form[formRight]
      ) {
        right++;
        formRight++;
      }
      result = result.slice(0, left) + mask + result.slice(right);
      at = result.indexOf(piece, left + mask.length);
    }
  }
  return result;
}
const ENCODED_MASK = '****';

function encodedForms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = btoa(String.fromCharCode(...padded)).replace(/=+$/, '');
    // Characters that mix in the bytes before and after the secret differ by context.
    const core = encoded.slice(
      [0, 2, 3][offset],
      (offset + bytes.length) % 3 === 0 ? undefined : -2,
    );
    if (core.length >= MIN_PART_LENGTH) {
      forms.add(core);
      forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  forms.add(hex);
  forms.add(hex.toUpperCase());
  return [...forms];
}

/** The part after a `sk-` / `sk-proj-` / `apf_`-style prefix, when long enough to be telling. */
function secretPart(secret: string): string | undefined {
  const match = /^(?:[A-Za-z]{1,10}[-_]){1,2}(.+)$/.exec(secret);
  const rest = match?.[1];
  return rest !== undefined && rest.length >= MIN_PART_LENGTH ? rest : undefined;
}

function decodeJsonEscapes(text: string): string {
  return text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, code: string) =>
      String.fromCharCode(Number.parseInt(code, 16)),
    )
    .replaceAll('\\/', '/');
}

function decodePercent(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

/**
 * A redactor for `secret` (no-op when there is none).
 *
 * @example
 * const redactor = createRedactor('sk-live-0123456789abcdef');
 * redactor.text('Bad key sk-live-0123456789abcdef'); // 'Bad key sk-l****cdef'
 */
export function createRedactor(secret: string | undefined): Redactor {
  if (!secret) {
    return {
      text: (text) => text,
      value: (value) => value,
      headers: (headers) => headers,
      cause: (error) => error,
    };
  }
  const mask = maskSecret(secret);
  const part = secretPart(secret);
  const plain = [
    ...new Set(
      [secret, part]
        .filter((form): form is string => form !== undefined)
        // JSON may escape `/`; header names (and some logs) are lower-cased.
        .flatMap((form) => [form, form.replaceAll('/', '\\/'), form.toLowerCase()]),
    ),
  ];
  const encoded = encodedForms(secret);
  const pieces = [...plain, ...encoded].flatMap((form) => windows(form).map(({ piece }) => piece));
  const found = (text: string) => pieces.some((piece) => text.includes(piece));

  const maskForms = (text: string): string => {
    let result = text;
    for (const form of plain) result = maskRuns(result, form, mask);
    for (const form of encoded) result = maskRuns(result, form, ENCODED_MASK);
    return result;
  };

  const text = (value: string): string => {
    let result = maskForms(value);
    // Escaped or percent-encoded forms: when the decoded text reveals the secret, the
    // decoded text (masked) replaces the original.
    if (result.includes('\\')) {
      const decoded = decodeJsonEscapes(result);
      if (found(decoded)) result = maskForms(decoded);
    }
    if (result.includes('%')) {
      const decoded = decodePercent(result);
      if (found(decoded)) result = maskForms(decoded);
    }
    return result;
  };

  const value = <T>(input: T, seen = new WeakMap<object, unknown>()): T => {
    if (typeof input === 'string') return text(input) as T;
    if (typeof input !== 'object' || input === null) return input;
    const known = seen.get(input);
    if (known !== undefined) return known as T;
    if (Array.isArray(input)) {
      const copy: unknown[] = [];
      seen.set(input, copy);
      let changed = false;
      for (const item of input) {
        const masked = value(item, seen);
        changed ||= masked !== item;
        copy.push(masked);
      }
      return (changed ? copy : input) as T;
    }
    const copy: Record<string, unknown> = {};
    seen.set(input, copy);
    let changed = false;
    for (const [key, item] of Object.entries(input)) {
      const maskedKey = text(key);
      const masked = value(item, seen);
      changed ||= maskedKey !== key || masked !== item;
      copy[maskedKey] = masked;
    }
    return (changed ? copy : input) as T;
  };

  const headers = (input: Headers): Headers => {
    let echoed = false;
    for (const [name, entry] of input)
      if (text(name) !== name || text(entry) !== entry) echoed = true;
    if (!echoed) return input;
    const safe = new Headers();
    for (const [name, entry] of input) safe.append(text(name), text(entry));
    return safe;
  };

  const cause = (error: unknown, depth = 0): unknown => {
    if (
      !found(describeValue(error)) &&
      !found(decodeJsonEscapes(decodePercent(describeValue(error))))
    )
      return error;
    if (depth > 3 || typeof error !== 'object' || error === null) return undefined;
    const source = error as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      stack?: unknown;
      cause?: unknown;
    };
    const copy = new Error(text(typeof source.message === 'string' ? source.message : ''));
    copy.name = text(typeof source.name === 'string' ? source.name : 'Error');
    copy.stack =
      typeof source.stack === 'string' ? text(source.stack) : `${copy.name}: ${copy.message}`;
    if (typeof source.code === 'string')
      (copy as Error & { code?: string }).code = text(source.code);
    if (source.cause !== undefined) copy.cause = cause(source.cause, depth + 1);
    return copy;
  };

  return { text, value: (input) => value(input), headers, cause: (error) => cause(error) };
}
