import { rmSync } from 'node:fs';
import { RESULTS_FILE } from '../src/figures';
import { printFigures } from '../src/print-figures';

/** Starts each drill with an empty results.json and prints the figures at the end. */
export default function setup() {
  rmSync(RESULTS_FILE, { force: true });
  return () => printFigures();
}
