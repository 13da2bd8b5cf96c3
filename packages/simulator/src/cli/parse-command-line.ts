import { parseArgs } from 'node:util';
import { isFaultName } from '../faults';
import type { SimulatorOptions } from '../start-simulator';
import { UsageError } from './usage-error';

/** The CLI's help text. */
export const USAGE = `Usage: apifree-simulator [options]

  --port <n>               port to listen on (default 8787; 0 picks a free port)
  --host <host>            interface to bind (default 127.0.0.1)
  --api-key <key>          accepted API key (repeatable; default: any non-empty key)
  --model <id>             extra model id to accept (repeatable)
  --unpaced                stream as fast as possible (tests, benchmarks)
  --tokens-per-second <n>  streaming speed when paced (default 80)
  --fault-mix <mix>        random faults, e.g. rate_limit=0.1,drop=0.05
  --seed <n>               seed for the fault mix

Recordings:
  --record <dir>           proxy POST /v1/responses to the upstream and save each exchange in <dir>
  --upstream <url>         the Responses server to record (default https://api.apifree.ai/v1)
  --replay <dir>           answer each request from its recording in <dir>; unmatched requests get 404
  --record-missing         with --record or --replay: replay what <dir> holds, record the rest
  --replay-pace            replay at the recorded pace (default: as fast as the socket takes it)
  --ignore-field <path>    request field left out of the recording key, e.g. metadata.trace_id (repeatable)
  --replay-dir <dir>       folder of named recordings for the x-simulator-replay header

  --help                   show this help`;

/** What the command line asks for: the simulator's options, or the help text. */
export type CommandLine = { help: true } | { help: false; options: SimulatorOptions };

function integer(flag: string, text: string, minimum: number, maximum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > maximum)
    throw new UsageError(
      `${flag} needs a whole number from ${minimum} to ${maximum}, got '${text}'.`,
    );
  return value;
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`${flag} needs a number above 0, got '${text}'.`);
  return value;
}

function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=');
    const probability = Number(value);
    if (!isFaultName(name) || value === '' || !Number.isFinite(probability))
      throw new UsageError(`Invalid --fault-mix entry '${pair}': expected <fault>=<probability>.`);
    mix[name] = probability;
  }
  return mix;
}

function upstreamURL(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--upstream needs an http(s) URL such as https://api.apifree.ai/v1, got '${text}'.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--upstream needs an http(s) URL, got '${text}'.`);
  return url.href;
}

/**
 * Reads the CLI's arguments into simulator options. Mistakes (unknown flags, bad values,
 * flags that do not go together) throw a {@link UsageError} naming the flag.
 *
 * @example
 * parseCommandLine(['--port', '0', '--replay', 'recordings']);
 * // { help: false, options: { port: 0, …, replay: { dir: 'recordings', unmatched: 'error' } } }
 */
export function parseCommandLine(argv: string[]): CommandLine {
  let values: ReturnType<typeof read>['values'];
  try {
    values = read(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const record = values.record;
  const replay = values.replay;
  const missing = values['record-missing'];
  if (record !== undefined && replay !== undefined)
    throw new UsageError(
      '--record and --replay do not go together; to replay what a folder holds and record the rest, pass --record <dir> --record-missing.',
    );
  if (replay !== undefined && values['replay-dir'] !== undefined)
    throw new UsageError('--replay and --replay-dir do not go together; pass one of them.');
  if (missing && record === undefined && replay === undefined)
    throw new UsageError(
      '--record-missing needs the folder: pass --record <dir> or --replay <dir>.',
    );
  const recordDir = record ?? (missing ? replay : undefined);
  if (values.upstream !== undefined && recordDir === undefined)
    throw new UsageError('--upstream is the server to record: pass it with --record <dir>.');
  const replayDir = replay ?? values['replay-dir'] ?? (missing ? record : undefined);
  if (values['replay-pace'] && replayDir === undefined)
    throw new UsageError('--replay-pace needs recordings: pass --replay <dir>.');

  const options: SimulatorOptions = {
    port: integer('--port', values.port, 0, 65535),
    host: values.host,
    pace: values.unpaced
      ? false
      : values['tokens-per-second'] === undefined
        ? {}
        : { tokensPerSecond: positive('--tokens-per-second', values['tokens-per-second']) },
  };
  if (values['api-key'] !== undefined) options.apiKeys = values['api-key'];
  if (values.model !== undefined) options.models = values.model;
  if (values['fault-mix'] !== undefined) {
    options.faults = { mix: parseMix(values['fault-mix']) };
    if (values.seed !== undefined)
      options.faults.seed = integer('--seed', values.seed, 0, 2 ** 32 - 1);
  } else if (values.seed !== undefined) {
    throw new UsageError('--seed seeds the fault mix: pass it with --fault-mix.');
  }
  if (replayDir !== undefined) {
    options.replay = {
      dir: replayDir,
      pace: values['replay-pace'],
      unmatched: values['replay-dir'] !== undefined ? 'model' : 'error',
    };
  }
  if (recordDir !== undefined) {
    options.record = {
      dir: recordDir,
      mode: missing ? 'missing' : 'all',
      ...(values.upstream === undefined ? {} : { upstream: upstreamURL(values.upstream) }),
    };
  }
  if (values['ignore-field'] !== undefined) options.match = { ignore: values['ignore-field'] };
  return { help: false, options };
}

function read(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      unpaced: { type: 'boolean', default: false },
      'tokens-per-second': { type: 'string' },
      'fault-mix': { type: 'string' },
      seed: { type: 'string' },
      record: { type: 'string' },
      upstream: { type: 'string' },
      replay: { type: 'string' },
      'record-missing': { type: 'boolean', default: false },
      'replay-pace': { type: 'boolean', default: false },
      'ignore-field': { type: 'string', multiple: true },
      'replay-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}
