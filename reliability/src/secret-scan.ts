import { inspect } from 'node:util';

/**
 * Everything a user or an operator could see of a run — error messages, stacks,
 * `util.inspect` output, JSON, console output, traces — searched for a secret. Finds
 * the whole key and any 12-character piece of its random part, so a key cut short or
 * masked too little is caught too (the masked form `sk-d****abcd` is fine).
 */
export class SecretScan {
  readonly #pieces: string[];
  readonly #leaks: string[] = [];
  artifacts = 0;
  bytes = 0;

  constructor(secret: string, randomPart: string) {
    this.#pieces = [secret];
    for (let start = 0; start + 12 <= randomPart.length; start += 6)
      this.#pieces.push(randomPart.slice(start, start + 12));
  }

  /** Adds one artifact, described by `source` (e.g. `core / drop / error.stack`). */
  add(source: string, text: string | undefined): void {
    if (text === undefined) return;
    this.artifacts++;
    this.bytes += text.length;
    const piece = this.#pieces.find((candidate) => text.includes(candidate));
    if (piece !== undefined) {
      const at = text.indexOf(piece);
      this.#leaks.push(`${source}: …${text.slice(Math.max(0, at - 60), at + piece.length + 20)}…`);
    }
  }

  /** Adds what anyone could print of `value`: inspect (plain and with hidden fields) and JSON. */
  addValue(source: string, value: unknown): void {
    this.add(`${source} util.inspect`, inspect(value, { depth: 10 }));
    this.add(`${source} util.inspect(showHidden)`, inspect(value, { depth: 10, showHidden: true }));
    this.add(`${source} JSON.stringify`, safeJson(value));
  }

  /** Adds an error: message, stack, String(), inspect and JSON, and its cause chain. */
  addError(source: string, error: unknown): void {
    if (error instanceof Error) {
      this.add(`${source} message`, error.message);
      this.add(`${source} stack`, error.stack);
      this.add(`${source} String()`, String(error));
    }
    this.addValue(source, error);
  }

  /** Every artifact that contained the secret: `source: …context…`. */
  leaks(): string[] {
    return [...this.#leaks];
  }

  /** The leaks grouped by scenario: `scenario → where (count)`, one line each. */
  leakSummary(): string[] {
    const groups = new Map<string, Set<string>>();
    for (const leak of this.#leaks) {
      const source = leak.slice(0, leak.indexOf(': …'));
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
