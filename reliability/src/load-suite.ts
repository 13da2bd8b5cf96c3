import { expect, it } from 'vitest';
import type { AdapterName } from './adapters';
import { recordFigures } from './figures';
import { type LoadReport, runLoad } from './load-run';

/** Concurrent streams per load run (1,000 unless RELIABILITY_REQUESTS says otherwise). */
export const LOAD_REQUESTS = Number(process.env.RELIABILITY_REQUESTS ?? 1000);
const DEADLINE_MS = 60_000;
const IDLE_TIMEOUT_MS = 8_000;
const MAX_RETRIES = 2;

/**
 * The two load runs of one adapter: every fault by header with exact expectations, then
 * the simulator's seeded random mix. Each run must end every request in a complete
 * answer or a typed error within the deadline, match the retry policy at the simulator,
 * and leave no socket, timer or open stream behind.
 */
export function defineLoadRuns(adapter: AdapterName): void {
  for (const mode of ['deterministic', 'mix'] as const) {
    it(`${mode}: ${LOAD_REQUESTS} concurrent streams end complete or typed, retry per policy, leak nothing`, async () => {
      const report = await runLoad({
        adapter,
        mode,
        requests: LOAD_REQUESTS,
        deadlineMs: DEADLINE_MS,
        maxRetries: MAX_RETRIES,
        idleTimeout: IDLE_TIMEOUT_MS,
        seed: 20_261_124,
      });
      recordFigures(['load', adapter, mode], report);
      console.log(describeReport(report));
      expect(report.problems).toEqual([]);
      expect(report.hung).toBe(0);
      expect(report.untypedErrors).toBe(0);
      expect(report.policyViolations).toBe(0);
      expect(report.attemptMismatches).toBe(0);
      expect(report.completed + report.typedErrors).toBe(LOAD_REQUESTS);
      expect(report.unhandledRejections).toBe(0);
      expect(report.settleMs.max).toBeLessThan(DEADLINE_MS);
      expect(report.leakedResources).toEqual({});
      expect(report.serverConnectionsAfter).toBe(0);
    });
  }
}

function describeReport(report: LoadReport): string {
  const lines = [
    `[load ${report.adapter} ${report.mode}] ${report.requests} streams in ${report.durationMs} ms: ${report.completed} complete, ${report.typedErrors} typed errors, ${report.untypedErrors} untyped, ${report.hung} hung`,
    `  attempts ${report.attempts} (retries ${report.retries}), policy violations ${report.policyViolations}, attempt mismatches ${report.attemptMismatches}`,
    `  faults at the simulator: ${JSON.stringify(report.attemptsByKind)}`,
    `  outcomes: ${JSON.stringify(report.outcomes)}`,
    `  settle ms p50 ${report.settleMs.p50} p95 ${report.settleMs.p95} max ${report.settleMs.max} (deadline ${report.settleMs.deadline})`,
    `  at end: ${report.inUseAtEnd} streams in use, ${report.idleSocketsAtEnd} idle keep-alive sockets; drained after ${report.drainedAfterMs} ms; leaked ${JSON.stringify(report.leakedResources)}; server connections ${report.serverConnectionsAfter}; unhandled rejections ${report.unhandledRejections}`,
    ...report.problems.map((problem) => `  ! ${problem}`),
  ];
  return lines.join('\n');
}
