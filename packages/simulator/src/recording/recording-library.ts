import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatExchange, parseExchange, type RecordedExchange } from './recorded-exchange';
import { type KeyedRequest, requestKey } from './request-key';

/** The file extension of recordings. */
export const RECORDING_EXTENSION = '.ndjson';

interface Entry {
  file: string;
  exchange: RecordedExchange;
}

function lastUserText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const input = (body as { input?: unknown }).input;
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (const item of [...input].reverse()) {
    if (item?.role !== 'user') continue;
    if (typeof item.content === 'string') return item.content;
    if (Array.isArray(item.content))
      return item.content.map((part: { text?: unknown }) => String(part?.text ?? '')).join(' ');
  }
  return '';
}

// A readable file name: the model and the first words of the request, then the key.
function fileName(request: KeyedRequest, key: string, sequence: number): string {
  const body = request.body as { model?: unknown } | null;
  const words = `${typeof body?.model === 'string' ? body.model : ''} ${lastUserText(request.body)}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 8)
    .join('-')
    .slice(0, 60);
  const suffix = sequence > 1 ? `-${sequence}` : '';
  return `${words === '' ? 'request' : words}-${key}${suffix}${RECORDING_EXTENSION}`;
}

async function recordingFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names
    .filter((name) => name.endsWith(RECORDING_EXTENSION))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * A folder of recordings: finds the recording of a request by its key, and saves new
 * ones. Several exchanges with one key (a retry, the same question twice) are served in
 * the order they were recorded; the last one answers any further requests.
 *
 * @example
 * const library = await RecordingLibrary.open('test/recordings', []);
 * const exchange = library.next(library.keyOf({ method: 'POST', path: '/v1/responses', body }));
 */
export class RecordingLibrary {
  readonly dir: string;
  readonly #ignore: readonly string[];
  readonly #entries = new Map<string, Entry[]>();
  readonly #loadedKeys = new Set<string>();
  readonly #served = new Map<string, number>();
  readonly #recorded = new Map<string, number>();

  private constructor(dir: string, ignore: readonly string[]) {
    this.dir = dir;
    this.#ignore = ignore;
  }

  /**
   * Reads every recording in `dir` and below. With `create`, a missing folder is made;
   * without it, a missing folder is an error naming it.
   */
  static async open(
    dir: string,
    ignore: readonly string[],
    options: { create: boolean },
  ): Promise<RecordingLibrary> {
    const library = new RecordingLibrary(resolve(dir), ignore);
    if (options.create) await mkdir(library.dir, { recursive: true });
    let files: string[];
    try {
      files = await recordingFiles(library.dir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT')
        throw new Error(
          `The recordings folder ${library.dir} does not exist. Record into it first.`,
        );
      throw error;
    }
    for (const file of files) {
      const exchange = parseExchange(await readFile(file, 'utf8'), file);
      library.#add(file, exchange);
      library.#loadedKeys.add(library.keyOf(exchange.request));
    }
    return library;
  }

  /** The key of a request under this library's ignored fields. */
  keyOf(request: KeyedRequest): string {
    return requestKey(request, this.#ignore);
  }

  /** True when the folder held a recording for `key` when it was opened. */
  heldAtStart(key: string): boolean {
    return this.#loadedKeys.has(key);
  }

  /** The next recorded exchange for `key`, or `undefined` when there is none. */
  next(key: string): RecordedExchange | undefined {
    const entries = this.#entries.get(key);
    if (entries === undefined) return undefined;
    const served = this.#served.get(key) ?? 0;
    this.#served.set(key, served + 1);
    return entries[Math.min(served, entries.length - 1)]!.exchange;
  }

  /**
   * Saves an exchange under the next sequence number for its key in this session, as
   * `<model>-<first words>-<key>[-<n>].ndjson`, replacing a file of the same name.
   */
  async save(exchange: Omit<RecordedExchange, 'key' | 'sequence'>): Promise<string> {
    const key = this.keyOf(exchange.request);
    const sequence = (this.#recorded.get(key) ?? 0) + 1;
    this.#recorded.set(key, sequence);
    const complete: RecordedExchange = { key, sequence, ...exchange };
    const file = join(this.dir, fileName(exchange.request, key, sequence));
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, formatExchange(complete));
    await rename(temporary, file);
    this.#add(file, complete);
    return file;
  }

  #add(file: string, exchange: RecordedExchange): void {
    const key = this.keyOf(exchange.request);
    const entries = this.#entries.get(key) ?? [];
    const index = entries.findIndex((entry) => entry.file === file);
    if (index >= 0) entries.splice(index, 1);
    entries.push({ file, exchange });
    entries.sort((a, b) => a.exchange.sequence - b.exchange.sequence);
    this.#entries.set(key, entries);
  }
}
