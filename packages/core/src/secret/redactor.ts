import { maskSecret } from './mask-secret';

/**
 * Masks a secret (the API key) in everything that leaves the client: text, parsed JSON
 * (keys and values), headers (names and values) and errors from elsewhere kept as causes.
 * A server that echoes the key may encode or cut it, so besides the key itself it finds:
 * any piece of it at least 14 characters long, the key with `/` escaped as JSON allows,
 * lower-cased (as header names are) or upper-cased, its secret part without the `sk-`-style prefix,
 * its base64 and base64url forms at every byte alignment (so the key inside a larger
 * encoded blob, such as base64 of `Bearer <key>`, is found too), its hex forms, and
 * text with `\u` escapes or `%` encoding that decodes to any of them. A key shorter than
 * 12 characters is masked only where it stands whole. Masking takes one pass over the
 * text, however many echoes it holds; JSON deeper than 128 levels is not walked.
 */
export interface Redactor {
  /** `text` with every form of the secret masked. */
  text(text: string): string;
  /** The first `length` characters of `text`, masked (and `…` when cut); cheap on huge texts. */
  preview(text: string, length: number): string;
  /** A copy of a JSON-like value with every string (keys included) masked; the value itself when clean. */
  value<T>(value: T): T;
  /** The headers with names and values masked (the same object when clean). */
  headers(headers: Headers): Headers;
  /**
   * An error from outside this package (a transport's, a custom `fetch`'s) fit to keep as
   * a `cause`: a plain copy with its name, message, stack, `code`, `errno`, `syscall` and
   * `status` masked, and its own cause (and `errors`) treated the same way.
   */
  cause(error: unknown): unknown;
}

const ENCODED_MASK = '****';

/** Secret parts shorter than this are not looked for on their own: too likely by chance. */
const MIN_PART_LENGTH = 12;
/** A run of this many characters of the key counts as the key (a server may cut an echo short). */
const WINDOW = 12;
const WINDOW_STEP = 3;
/** JSON nested deeper than this is not walked (a hostile body could overflow the stack). */
const MAX_DEPTH = 128;
const TOO_DEEP = '[nested too deep to show]';

interface Run {
  start: number;
  end: number;
  mask: string;
}

/** Where to look for a piece of `form`: windows every few characters, and the last one. */
function windows(form: string): Array<{ start: number; piece: string }> {
  const starts = new Set<number>();
  for (let start = 0; start + WINDOW <= form.length; start += WINDOW_STEP) starts.add(start);
  if (form.length >= WINDOW) starts.add(form.length - WINDOW);
  return [...starts].map((start) => ({ start, piece: form.slice(start, start + WINDOW) }));
}

/**
 * The runs of `text` that match `form` over at least a window (so the whole key, or a
 * piece of it at least a window long, wherever a server cut it).
 */
function findRuns(text: string, form: string, mask: string, runs: Run[]): void {
  for (const { start, piece } of windows(form)) {
    let at = text.indexOf(piece);
    while (at !== -1) {
      let left = at;
      let formLeft = start;
      while (left > 0 && formLeft > 0 && text[left - 1] === form[formLeft - 1]) {
        left--;
        formLeft--;
      }
      let right = at + WINDOW;
      let formRight = start + WINDOW;
      while (right < text.length && formRight < form.length && text[right] === form[formRight]) {
        right++;
        formRight++;
      }
      runs.push({ start: left, end: right, mask });
      at = text.indexOf(piece, right);
    }
  }
}

const isWordCharacter = (character: string | undefined) =>
  character !== undefined && /[A-Za-z0-9]/.test(character);

/** A key shorter than a window: masked where it stands whole (not inside a longer word). */
function findWhole(text: string, form: string, mask: string, runs: Run[]): void {
  let at = text.indexOf(form);
  while (at !== -1) {
    const end = at + form.length;
    if (!isWordCharacter(text[at - 1]) && !isWordCharacter(text[end]))
      runs.push({ start: at, end, mask });
    at = text.indexOf(form, at + 1);
  }
}

/** `text` with the runs masked, overlapping runs as one: one pass, whatever their number. */
function applyRuns(text: string, runs: Run[]): string {
  if (runs.length === 0) return text;
  runs.sort((a, b) => a.start - b.start);
  let result = '';
  let position = 0;
  let current = runs[0] as Run;
  const flush = () => {
    result += text.slice(position, current.start) + current.mask;
    position = current.end;
  };
  for (const run of runs.slice(1)) {
    if (run.start <= current.end) {
      // A plain-text mask (which shows the key's ends) is not mixed with an encoded one.
      current = {
        start: current.start,
        end: Math.max(current.end, run.end),
        mask: current.mask === run.mask ? current.mask : ENCODED_MASK,
      };
    } else {
      flush();
      current = run;
    }
  }
  flush();
  return result + text.slice(position);
}

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
      preview: (text, length) => cut(text, length),
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
        // JSON may escape `/`; header names (and some logs) are lower-cased, some upper-cased.
        .flatMap((form) => [
          form,
          form.replaceAll('/', '\\/'),
          form.toLowerCase(),
          form.toUpperCase(),
        ]),
    ),
  ];
  const encoded = encodedForms(secret).filter((form) => form.length >= WINDOW);
  const pieces = [...plain, ...encoded].flatMap((form) =>
    form.length < WINDOW ? [form] : windows(form).map(({ piece }) => piece),
  );
  const found = (text: string) => pieces.some((piece) => text.includes(piece));
  // The longest text a form of the key can take (`\u`-escaped: 6 characters each).
  const margin = secret.length * 6 + WINDOW;

  const maskForms = (text: string): string => {
    const runs: Run[] = [];
    for (const form of plain)
      if (form.length < WINDOW) findWhole(text, form, mask, runs);
      else findRuns(text, form, mask, runs);
    for (const form of encoded) findRuns(text, form, ENCODED_MASK, runs);
    return applyRuns(text, runs);
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

  const value = <T>(input: T, seen = new WeakMap<object, unknown>(), depth = 0): T => {
    if (typeof input === 'string') return text(input) as T;
    if (typeof input !== 'object' || input === null) return input;
    if (depth >= MAX_DEPTH) return TOO_DEEP as T;
    const known = seen.get(input);
    if (known !== undefined) return known as T;
    if (Array.isArray(input)) {
      const copy: unknown[] = [];
      seen.set(input, copy);
      let changed = false;
      for (const item of input) {
        const masked = value(item, seen, depth + 1);
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
      const masked = value(item, seen, depth + 1);
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
    if (typeof error === 'string') return text(error);
    if (typeof error !== 'object' || error === null) return error;
    if (depth > 3) return undefined;
    // Always a copy: what an error from elsewhere shows (getters, symbols, internals) cannot
    // all be checked, so only fields read here, masked, are kept.
    const source = error as Record<string, unknown>;
    const read = (field: string): unknown => {
      try {
        return source[field];
      } catch {
        return undefined;
      }
    };
    const message = read('message');
    const name = read('name');
    const copy = new Error(text(typeof message === 'string' ? message : '')) as Error &
      Record<string, unknown>;
    copy.name = text(typeof name === 'string' ? name : 'Error');
    const stack = read('stack');
    copy.stack = typeof stack === 'string' ? text(stack) : `${copy.name}: ${copy.message}`;
    for (const field of ['code', 'errno', 'syscall', 'status']) {
      const entry = read(field);
      if (typeof entry === 'string') copy[field] = text(entry);
      else if (typeof entry === 'number') copy[field] = entry;
    }
    const errors = read('errors');
    if (Array.isArray(errors))
      copy.errors = errors.slice(0, 10).map((inner) => cause(inner, depth + 1));
    const inner = read('cause');
    if (inner !== undefined) copy.cause = cause(inner, depth + 1);
    return copy;
  };

  const preview = (input: string, length: number): string =>
    // Masked before it is cut (a cut key is still found), but never more than it shows.
    cut(text(input.length > length + margin ? input.slice(0, length + margin) : input), length);

  return {
    text,
    preview,
    value: (input) => value(input),
    headers,
    cause: (error) => cause(error),
  };
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
