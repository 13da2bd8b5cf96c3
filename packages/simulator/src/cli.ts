#!/usr/bin/env node
import { describeStartFailure } from './cli/describe-start-failure';
import { parseCommandLine, USAGE } from './cli/parse-command-line';
import { UsageError } from './cli/usage-error';
import { type Simulator, startSimulator } from './start-simulator';

async function main(): Promise<number | undefined> {
  let commandLine: ReturnType<typeof parseCommandLine>;
  try {
    commandLine = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`apifree-simulator: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (commandLine.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { options } = commandLine;
  let sim: Simulator;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    const where = { port: options.port ?? 0, host: options.host ?? '127.0.0.1' };
    process.stderr.write(`apifree-simulator: ${describeStartFailure(error, where)}\n`);
    return 1;
  }
  process.stdout.write(`${sim.baseURL}\n`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `apifree-simulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
