import type { Simulator } from '../start-simulator';

/**
 * A {@link Simulator} that forwards to the one a test file's hook starts, so it can be
 * declared at the top of the file and used in tests. Using it before the hook ran is an
 * error saying so.
 */
export function deferredSimulator(current: () => Simulator | undefined, hook: string): Simulator {
  const started = (): Simulator => {
    const simulator = current();
    if (simulator === undefined)
      throw new Error(
        `The simulator starts in ${hook}: use it inside tests and hooks, not while the file loads.`,
      );
    return simulator;
  };
  return {
    get url() {
      return started().url;
    },
    get baseURL() {
      return started().baseURL;
    },
    get port() {
      return started().port;
    },
    get requests() {
      return started().requests;
    },
    failNext: (fault, count) => started().failNext(fault, count),
    replayNext: (file) => started().replayNext(file),
    close: () => started().close(),
  };
}
