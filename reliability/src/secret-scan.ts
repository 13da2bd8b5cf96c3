import { inspect } from 'node:util';

/** How long a run of the key's random part must be to count as a leak. */
const MIN_RUN = 12;
/** Anchors searched for: any run of MIN_RUN characters contains one whole block. */
const BLOCK = 6;

/**
 * Everything a user or an operator could see of a run — error messages, stacks,
 * `util.inspect` output, JSON, console output, traces, stream parts, callback payloads —
 * searched for a secret. Finds any run of 12 characters of the key's random part (so
 * the whole key, the key without its prefix, and a key cut short or masked too little;
 * the masked form `sk-d****abcd` is fine), in the text itself and in what its encoded
 * parts decode to: `\u` escapes, `%` encoding, and every base64, base64url and hex token
 * (at every alignment, so the key inside a larger encoded blob, such as base64 of
 * `Bearer <key>`, is found too).
 */
export class SecretScan {
  readonly #random: string;
  readonly #blocks: Array<{ block: string; at: number }> = [];
  readonly #leaks: Array<{ source: string; view: string; context: string }> = [];
  artifacts = 0;
  bytes = 0;

  constructor(randomPart: string) {
    this.#random = randomPart;
    for (let at = 0; at + BLOCK <= randomPart.length; at += BLOCK)
      this.#blocks.push({ block: randomPart.slice(at, at + BLOCK), at });
    if (randomPart.length % BLOCK !== 0)
      this.#blocks.push({
        block: randomPart.slice(-BLOCK),
        at: randomPart.length - BLOCK,
      });
  }

  /** Adds one artifact, described by `source` (e.g. `core / drop / error.stack`). */
  add(source: string, text: string | undefined): void {
    if (text === undefined) return;
    this.artifacts++;
    this.bytes += text.length;
    for (const [view, shown] of decodedViews(text)) {
      const found = this.#find(shown);
      if (found !== undefined) {
        const context = shown.slice(Math.max(0, found.start - 60), found.end + 20);
        this.#leaks.push({ source, view, context });
        return;
      }
    }
  }

  /** The first run of at least MIN_RUN characters of the random part in `text`. */
  #find(text: string): { start: number; end: number } | undefined {
    const random = this.#random;
    for (const { block, at } of this.#blocks) {
      for (let found = text.indexOf(block); found !== -1; found = text.indexOf(block, found + 1)) {
        let start = found;
        let left = at;
        while (start > 0 && left > 0 && text[start - 1] === random[left - 1]) {
          start--;
          left--;
        }
        let end = found + BLOCK;
        let right = at + BLOCK;
        while (end < text.length && right < random.length && text[end] === random[right]) {
          end++;
          right++;
        }
        if (end - start >= MIN_RUN) return { start, end };
      }
    }
    return undefined;
  }

  /** Adds what anyone could print of `value`: inspect (plain and with hidden fields) and JSON. */
  addValue(source: string, value: unknown): void {
    this.add(`${source} util.inspect`, inspect(value, { depth: 10 }));
    this.add(`${source} util.inspect(showHidden)`, inspect(value, { depth: 10, showHidden: true }));
    this.add(`${source} JSON.stringify`, safeJson(value));
  }

  /** Adds an error: message, stack, String(), inspect (which shows its causes) and JSON. */
  addError(source: string, error: unknown): void {
    if (error instanceof Error) {
      this.add(`${source} message`, error.message);
      this.add(`${source} stack`, error.stack);
      this.add(`${source} String()`, String(error));
    }
    this.addValue(source, error);
  }

  /** Every artifact that contained the secret: `source (view): …context…`. */
  leaks(): string[] {
    return this.#leaks.map(
      ({ source, view, context }) =>
        `${source}${view === 'text' ? '' : ` (${view})`}: …${context}…`,
    );
  }

  /** The leaks grouped by scenario: `adapter / scenario: where, where`, one line each. */
  leakSummary(): string[] {
    const groups = new Map<string, Set<string>>();
    for (const { source } of this.#leaks) {
      const [adapter = '', scenario = '', ...rest] = source.split(' / ');
      const key = `${adapter} / ${scenario}`;
      const where = rest.join(' / ');
      const set = groups.get(key) ?? new Set<string>();
      set.add(where.replace(/ (util\.inspect.*|JSON\.stringify|message|stack|String\(\))$/, ''));
      groups.set(key, set);
    }
    return [...groups].map(([key, places]) => `${key}: ${[...places].join(', ')}`);
  }
}

/**
 * The text, and what its encoded parts decode to: `\u` escapes, `%` encoding, both, and
 * the base64 (standard or url-safe, at each of the four alignments) and hex tokens of
 * each of those.
 */
function decodedViews(text: string): Array<[string, string]> {
  const views: Array<[string, string]> = [['text', text]];
  const unescaped = text.includes('\\u') ? unicodeDecoded(text) : undefined;
  const unpercented = text.includes('%') ? percentDecoded(text) : undefined;
  if (unescaped !== undefined) views.push(['\\u decoded', unescaped]);
  if (unpercented !== undefined) {
    views.push(['% decoded', unpercented]);
    if (unpercented.includes('\\u')) views.push(['% and \\u decoded', unicodeDecoded(unpercented)]);
  }
  const plainViews = [...views];
  for (const [name, view] of plainViews) {
    const base64 = base64Decoded(view);
    if (base64 !== '') views.push([`${name}, base64 tokens decoded`, base64]);
    const hex = hexDecoded(view);
    if (hex !== '') views.push([`${name}, hex tokens decoded`, hex]);
  }
  return views;
}

/** `\u` escapes decoded, also when the backslash itself was escaped (JSON of an escape). */
function unicodeDecoded(text: string): string {
  return text.replace(/\\+u([0-9a-fA-F]{4})/g, (_, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

function percentDecoded(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, code: string) =>
    String.fromCharCode(Number.parseInt(code, 16)),
  );
}

/** Every base64 or base64url token decoded from each of its first four characters. */
function base64Decoded(text: string): string {
  const decoded: string[] = [];
  for (const token of text.match(/[A-Za-z0-9+/_-]{16,}/g) ?? []) {
    const standard = token.replaceAll('-', '+').replaceAll('_', '/');
    for (let offset = 0; offset < 4; offset++)
      decoded.push(Buffer.from(standard.slice(offset), 'base64').toString('latin1'));
  }
  return decoded.join('\n');
}

/** Every hex token decoded from its first and its second character. */
function hexDecoded(text: string): string {
  const decoded: string[] = [];
  for (const token of text.match(/[0-9a-fA-F]{24,}/g) ?? [])
    for (let offset = 0; offset < 2; offset++)
      decoded.push(Buffer.from(token.slice(offset), 'hex').toString('latin1'));
  return decoded.join('\n');
}

function safeJson(value: unknown): string | undefined {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_key, entry: unknown) => {
      if (typeof entry === 'object' && entry !== null) {
        if (seen.has(entry)) return '[Circular]';
        seen.add(entry);
      }
      return typeof entry === 'bigint' ? String(entry) : entry;
    });
  } catch (error) {
    return `JSON.stringify threw: ${String(error)}`;
  }
}

/** Console and stdout/stderr output captured while a block runs. */
export interface CapturedOutput {
  text(): string;
  writes(): number;
  restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

/**
 * Captures every console call and every write to process.stdout/stderr (not passed on),
 * so log lines the packages or the frameworks print can be searched.
 */
export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const saved = CONSOLE_METHODS.map((name) => [name, console[name]] as const);
  for (const name of CONSOLE_METHODS) {
    console[name] = (...args: unknown[]) => {
      chunks.push(
        args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '),
      );
    };
  }
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join('\n'),
    writes: () => chunks.length,
    restore: () => {
      for (const [name, method] of saved) console[name] = method as never;
      streams.forEach((stream, index) => {
        stream.write = writes[index] as typeof stream.write;
      });
    },
  };
}
