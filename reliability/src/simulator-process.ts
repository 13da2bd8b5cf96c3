import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** How the simulator child is started. */
export interface SimulatorProcessOptions {
  /** Streaming pace; `false` writes as fast as the socket takes it. */
  pace: { tokensPerSecond: number; firstTokenLatencyMs: number } | false;
  /** The simulator's own random fault mix (`faults.mix`), drawn per request. */
  mix?: Record<string, number>;
  seed?: number;
  /** Accepted keys; others get 401. */
  apiKeys?: string[];
}

/** One request as the simulator saw it: the fault its bytes show, and the status. */
export interface SimulatorAttempt {
  id: string;
  kind: string;
  status: number;
}

/** The simulator's view of the run. */
export interface SimulatorTally {
  /** Requests per `x-drill-id`, counted from the simulator's own request log. */
  recorded: Record<string, number>;
  /** Every finished request in arrival-of-close order, classified from the wire. */
  attempts: SimulatorAttempt[];
  /** Responses still open (an in-use connection). */
  inFlight: number;
  served: number;
  /** Open server-side connections (in use or idle keep-alive). */
  connections: number;
}

/** A simulator running in a child process. */
export interface SimulatorProcess {
  baseURL: string;
  tally(): Promise<SimulatorTally>;
  /** Clears the request log and the attempt records. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));

/**
 * Starts the simulator in a child process (plain Node with type stripping) and resolves
 * once it listens.
 *
 * @example
 * const sim = await startSimulatorProcess({ pace: false });
 * const { recorded } = await sim.tally();
 * await sim.close();
 */
export async function startSimulatorProcess(
  options: SimulatorProcessOptions,
): Promise<SimulatorProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--disable-warning=ExperimentalWarning'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator child exited early (${code})`)));
    child.once('message', (message: { type: string; baseURL: string }) => resolve(message.baseURL));
  });
  child.removeAllListeners('exit');
  let seq = 0;
  const ask = <T>(type: string): Promise<T> => {
    const id = ++seq;
    return new Promise<T>((resolve) => {
      const onMessage = (message: { seq?: number }) => {
        if (message.seq !== id) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send({ type, seq: id });
    });
  };
  return {
    baseURL,
    tally: () => ask<SimulatorTally>('tally'),
    reset: async () => {
      await ask('reset');
    },
    close: () => closeChild(child, ask),
  };
}

async function closeChild(child: ChildProcess, ask: (type: string) => Promise<unknown>) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ask('close');
  await exited;
}
