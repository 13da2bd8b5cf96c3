import { setTimeout as sleep } from 'node:timers/promises';

/** Counts of the resources keeping the event loop alive, by type (`TCPSocketWrap`, `Timeout`, …). */
export type ResourceCounts = Record<string, number>;

/** `process.getActiveResourcesInfo()` as counts. Unref'd timers are not listed by Node. */
export function activeResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** The resource types of which there are more now than at `baseline`, with the excess. */
export function excessOver(baseline: ResourceCounts, now: ResourceCounts): ResourceCounts {
  const excess: ResourceCounts = {};
  for (const [type, count] of Object.entries(now)) {
    const extra = count - (baseline[type] ?? 0);
    if (extra > 0) excess[type] = extra;
  }
  return excess;
}

/**
 * Polls until nothing is left above `baseline` and `extraCheck` holds, or `limitMs` passes.
 * Idle keep-alive sockets of core's undici pool close once the server's keep-alive
 * timeout (5 s for Node's HTTP server) ends them, so a few seconds of waiting is normal;
 * a socket or timer still there after `limitMs` is a leak.
 */
export async function settleResources(
  baseline: ResourceCounts,
  limitMs: number,
  extraCheck: () => Promise<boolean> = async () => true,
): Promise<{ excess: ResourceCounts; waitedMs: number; extraOk: boolean }> {
  const started = performance.now();
  for (;;) {
    const excess = excessOver(baseline, activeResources());
    const extraOk = await extraCheck();
    const waitedMs = Math.round(performance.now() - started);
    if ((Object.keys(excess).length === 0 && extraOk) || waitedMs >= limitMs)
      return { excess, waitedMs, extraOk };
    await sleep(250);
  }
}
