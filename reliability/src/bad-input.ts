import { afterAll, expect, it } from 'vitest';
import { recordFigures } from './figures';

/** How a bad-input call ended. */
export type BadInputOutcome =
  | { kind: 'threw'; error: unknown }
  | { kind: 'returned'; value: unknown }
  | { kind: 'hung' };

/** One invalid input fed to a public function or option. */
export interface BadInputCase {
  name: string;
  /** The call (construction and use); may throw synchronously, reject, or return. */
  run: () => unknown;
  /** What the error's message must name (the option, parameter or problem). */
  names: RegExp;
  /** A different judgement, for inputs whose clear answer is not an exception. */
  check?: (outcome: BadInputOutcome) => string | undefined;
  /**
   * A server the call points at that must see no request: the mistake is caught before
   * anything is sent.
   */
  untouched?: { requests(): number };
}

/** A pattern matching exactly `message` (for cases whose whole message is known). */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

const DEADLINE_MS = 10_000;

/** Runs `run` against a deadline: nothing may hang. */
export async function settle(
  run: () => unknown,
  deadlineMs = DEADLINE_MS,
): Promise<BadInputOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<BadInputOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hung' }), deadlineMs);
  });
  const attempt = Promise.resolve()
    .then(run)
    .then(
      (value): BadInputOutcome => ({ kind: 'returned', value }),
      (error: unknown): BadInputOutcome => ({ kind: 'threw', error }),
    );
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Describes an outcome in one line, for the figures and failure messages. */
export function describeOutcome(outcome: BadInputOutcome): string {
  if (outcome.kind === 'hung') return `no answer within ${DEADLINE_MS} ms`;
  if (outcome.kind === 'returned') return 'accepted without an error';
  const error = outcome.error;
  if (!(error instanceof Error)) return `threw a non-error ${String(error)}`;
  return `${error.constructor.name}: ${error.message.split('\n')[0]?.slice(0, 160)}`;
}

/**
 * Defines one test per case: the call must throw or reject, within the deadline, an
 * error `isTyped` accepts, whose message matches `names`. Records how many inputs were
 * tried and which were not handled well.
 */
export function defineBadInputTable(
  pkg: string,
  cases: BadInputCase[],
  isTyped: (error: unknown) => boolean,
): void {
  const results: Array<{ name: string; outcome: string; problem: string | undefined }> = [];
  for (const badInput of cases) {
    it(badInput.name, async () => {
      const before = badInput.untouched?.requests();
      const outcome = await settle(badInput.run);
      const sent = (badInput.untouched?.requests() ?? 0) - (before ?? 0);
      const problem =
        sent > 0
          ? `${sent} request(s) reached the server before the error`
          : badInput.check
            ? badInput.check(outcome)
            : judge(outcome, badInput.names, isTyped);
      results.push({ name: badInput.name, outcome: describeOutcome(outcome), problem });
      expect(problem, describeOutcome(outcome)).toBeUndefined();
    });
  }
  afterAll(() => {
    const failures = results.filter((result) => result.problem !== undefined);
    recordFigures(['badInput', pkg], {
      tried: cases.length,
      handled: results.length - failures.length,
      notHandled: failures.map((result) => `${result.name}: ${result.problem}`),
      outcomes: Object.fromEntries(results.map((result) => [result.name, result.outcome])),
    });
  });
}

function judge(outcome: BadInputOutcome, names: RegExp, isTyped: (error: unknown) => boolean) {
  if (outcome.kind === 'hung') return 'hangs';
  if (outcome.kind === 'returned') return 'silently accepted';
  if (!isTyped(outcome.error)) return `untyped error (${describeOutcome(outcome)})`;
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  if (!names.test(message))
    return `message does not name the problem (${names}): ${message.slice(0, 160)}`;
  return undefined;
}
