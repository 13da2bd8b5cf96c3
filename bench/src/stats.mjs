import os from 'node:os';

/** Untimed rounds before the timed ones (BENCH_WARMUP overrides). */
export const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP ?? 5);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  return `${cpu} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/**
 * Runs every candidate once per round, in a rotating order so none always goes first,
 * and returns the median wall-clock milliseconds of each, and the median CPU
 * milliseconds this (client) process spent — the server runs in another process, so
 * client CPU is what a client library costs, whatever the server's speed.
 */
export async function sideBySide(candidates, rounds, warmupRounds = WARMUP_ROUNDS) {
  const names = Object.keys(candidates);
  const wall = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  // Warm-up rounds, not timed: a long-running app sees the code optimised, and the first
  // few runs of a 17,000-event stream are still being compiled.
  for (let round = 0; round < warmupRounds; round++) {
    for (const name of names) await candidates[name]();
  }
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, index) => names[(index + round) % names.length]);
    for (const name of order) {
      const startCpu = process.cpuUsage();
      const start = performance.now();
      await candidates[name]();
      wall[name].push(performance.now() - start);
      const used = process.cpuUsage(startCpu);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
  const result = Object.fromEntries(names.map((name) => [name, median(wall[name])]));
  Object.defineProperty(result, 'cpu', {
    value: Object.fromEntries(names.map((name) => [name, median(cpu[name])])),
  });
  return result;
}

/** A markdown table of a sideBySide result: wall time and client CPU time, as rates of `units`. */
export function rateTable(medians, units, unitName) {
  const rows = Object.entries(medians).map(([name, ms]) => {
    const count = typeof units === 'number' ? units : units[name];
    const cpu = medians.cpu[name];
    return `| ${name} | ${count.toLocaleString('en-US')} | ${ms.toFixed(1)} | ${cpu.toFixed(1)} | ${Math.round(count / (ms / 1000)).toLocaleString('en-US')} | ${Math.round(count / (cpu / 1000)).toLocaleString('en-US')} |`;
  });
  return [
    `| candidate | ${unitName} | wall ms | client CPU ms | ${unitName}/s (wall) | ${unitName} per client CPU-s |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** How many times faster `ours` is than `theirs`, by wall time and by client CPU time. */
export function speedup(medians, ours, theirs, oursUnits = 1, theirsUnits = 1) {
  const wall = oursUnits / medians[ours] / (theirsUnits / medians[theirs]);
  const cpu = oursUnits / medians.cpu[ours] / (theirsUnits / medians.cpu[theirs]);
  return `**${wall.toFixed(2)}×** by wall time, **${cpu.toFixed(2)}×** by client CPU`;
}
