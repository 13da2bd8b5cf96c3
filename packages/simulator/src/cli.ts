#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isFaultName } from './faults';
import { startSimulator } from './start-simulator';

const USAGE = `Usage: apifree-simulator [options]

  --port <n>         port to listen on (default 8787; 0 picks a free port)
  --host <host>      interface to bind (default 127.0.0.1)
  --api-key <key>    accepted API key (repeatable; default: any non-empty key)
  --model <id>       extra model id to accept (repeatable)
  --unpaced          stream as fast as possible (benchmarks)
  --tokens-per-second <n>  streaming speed when paced (default 80)
  --fault-mix <mix>  random faults, e.g. rate_limit=0.1,drop=0.05
  --seed <n>         seed for the fault mix
  --replay-dir <dir> folder of recordings for the x-simulator-replay header
  --help             show this help`;

function parseMix(text: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const [name = '', value = ''] = pair.split('=');
    const probability = Number(value);
    if (!isFaultName(name) || !Number.isFinite(probability))
      throw new Error(`Invalid --fault-mix entry '${pair}'.`);
    mix[name] = probability;
  }
  return mix;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', multiple: true },
      model: { type: 'string', multiple: true },
      unpaced: { type: 'boolean', default: false },
      'tokens-per-second': { type: 'string' },
      'fault-mix': { type: 'string' },
      seed: { type: 'string' },
      'replay-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sim = await startSimulator({
    port: Number(values.port),
    host: values.host,
    ...(values['api-key'] === undefined ? {} : { apiKeys: values['api-key'] }),
    ...(values.model === undefined ? {} : { models: values.model }),
    pace: values.unpaced
      ? false
      : values['tokens-per-second'] === undefined
        ? {}
        : { tokensPerSecond: Number(values['tokens-per-second']) },
    ...(values['fault-mix'] === undefined
      ? {}
      : {
          faults: {
            mix: parseMix(values['fault-mix']),
            ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
          },
        }),
    ...(values['replay-dir'] === undefined ? {} : { replay: { dir: values['replay-dir'] } }),
  });
  process.stdout.write(`${sim.baseURL}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `apifree-simulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`,
  );
  process.exit(1);
});
