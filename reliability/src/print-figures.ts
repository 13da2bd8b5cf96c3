import { existsSync } from 'node:fs';
import { bump, RESULTS_FILE, readFigures } from './figures';
import type { LoadReport } from './load-run';
import type { SoakReport } from './soak';

interface SecretsFigures {
  scenarios: number;
  artifactsScanned: number;
  charactersScanned: number;
  leaks: number;
  leakSummary: string[];
}

interface HostileFigures {
  outcome: string;
  requests: number;
  offeredMebibytes: number | null;
  writtenMebibytes: number;
  baselineMebibytes: number;
  peakMebibytes: number;
  growthMebibytes: number;
  boundMebibytes: number;
  peakMethod: string;
  control: boolean;
}

interface BadInputFigures {
  tried: number;
  handled: number;
  notHandled: string[];
}

/** The run's figures (results.json) as the tables RELIABILITY.md quotes. */
export function formatFigures(): string {
  const figures = readFigures() as {
    load?: Record<string, Record<string, LoadReport>>;
    soak?: SoakReport;
    secrets?: Record<string, SecretsFigures>;
    badInput?: Record<string, BadInputFigures>;
    hostile?: Record<string, HostileFigures>;
  };
  const lines: string[] = ['', `Reliability drill figures (${RESULTS_FILE})`];
  if (figures.load) {
    lines.push(
      '',
      'Load: concurrent streams per run against the simulator child, deadline per request',
      row([
        'adapter',
        'run',
        'streams',
        'complete',
        'typed err',
        'untyped',
        'hung',
        'attempts',
        'retries',
        'policy ✗',
        'max settle',
        'in use→0',
        'leaks',
      ]),
    );
    const faults: Record<string, number> = {};
    for (const [adapter, runs] of Object.entries(figures.load)) {
      for (const [mode, report] of Object.entries(runs)) {
        for (const [kind, count] of Object.entries(report.attemptsByKind))
          if (kind !== 'ok') bump(faults, kind, count);
        lines.push(
          row([
            adapter,
            mode,
            report.requests,
            report.completed,
            report.typedErrors,
            report.untypedErrors,
            report.hung,
            report.attempts,
            report.retries,
            report.policyViolations + report.attemptMismatches,
            `${report.settleMs.max}/${report.settleMs.deadline} ms`,
            `${report.inUseAtEnd}→${report.serverConnectionsAfter} in ${report.drainedAfterMs} ms`,
            Object.keys(report.leakedResources).length === 0 && report.unhandledRejections === 0
              ? 'none'
              : `${JSON.stringify(report.leakedResources)} ${report.unhandledRejections} rejections`,
          ]),
        );
      }
    }
    lines.push(`Faults injected (attempts, all load runs): ${JSON.stringify(faults)}`);
  }
  if (figures.soak) {
    const soak = figures.soak;
    lines.push(
      '',
      `Soak: ${soak.streams} streams in ${soak.seconds} s at concurrency ${soak.concurrency} (${soak.completed} complete, ${soak.hung} hung, ${soak.untypedErrors} untyped errors)`,
      `  heap after gc: slope ${soak.heap.slopeMBPerMinute} MB/min, median ${soak.heap.firstThirdMedianMB} → ${soak.heap.lastThirdMedianMB} MB (${pct(soak.heap.growth)})`,
      `  rss:           slope ${soak.rss.slopeMBPerMinute} MB/min, median ${soak.rss.firstThirdMedianMB} → ${soak.rss.lastThirdMedianMB} MB (${pct(soak.rss.growth)})`,
    );
  }
  if (figures.secrets) {
    lines.push('', 'Secrets: a random key per run searched in everything observable');
    for (const [adapter, secrets] of Object.entries(figures.secrets)) {
      lines.push(
        `  ${adapter}: ${secrets.scenarios} scenarios, ${secrets.artifactsScanned} artifacts (${secrets.charactersScanned} characters), ${secrets.leaks} leaks`,
        ...secrets.leakSummary.map((leak) => `    ! ${leak}`),
      );
    }
  }
  if (figures.hostile) {
    lines.push(
      '',
      'Hostile servers: one child process per case, peak RSS growth over its baseline',
    );
    for (const [name, row] of Object.entries(figures.hostile)) {
      const offered =
        row.offeredMebibytes === null ? '' : ` of ${row.offeredMebibytes} MiB offered`;
      lines.push(
        `  ${name.padEnd(38)} ${row.outcome.padEnd(48)} ${row.requests} req, ${row.writtenMebibytes} MiB written${offered}; +${row.growthMebibytes} MiB (${row.control ? 'control, must exceed' : 'bound'} ${row.boundMebibytes}, ${row.peakMethod})`,
      );
    }
  }
  if (figures.badInput) {
    lines.push('', 'Bad input: invalid values fed to every public function and option');
    for (const [pkg, table] of Object.entries(figures.badInput)) {
      lines.push(
        `  ${pkg}: ${table.tried} inputs tried, ${table.handled} answered with a clear typed error in time`,
        ...table.notHandled.map((failure) => `    ! ${failure}`),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Prints the figures at the end of the drill. */
export function printFigures(): void {
  if (existsSync(RESULTS_FILE)) process.stdout.write(formatFigures());
}

function row(cells: Array<string | number>): string {
  const widths = [9, 13, 7, 8, 9, 7, 4, 8, 7, 8, 14, 18, 5];
  return cells.map((cell, index) => String(cell).padEnd(widths[index] ?? 8)).join(' ');
}

function pct(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
}
