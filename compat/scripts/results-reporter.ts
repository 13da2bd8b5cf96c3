// A node:test reporter that writes one JSON line per finished test: its file, the
// titles from the outermost describe down to the test, and whether it passed. The
// compatibility tables are built from these lines.
import { basename } from 'node:path';

interface TestEvent {
  type: string;
  data: { name: string; nesting: number; file?: string; details?: { type?: string } };
}

/** One finished test. */
export interface TestResult {
  file: string;
  titles: string[];
  passed: boolean;
}

export default async function* resultsReporter(
  source: AsyncIterable<TestEvent>,
): AsyncGenerator<string> {
  const open: string[] = [];
  for await (const event of source) {
    if (event.type === 'test:start') open[event.data.nesting] = event.data.name;
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    const result: TestResult = {
      file: basename(event.data.file ?? ''),
      titles: [...open.slice(0, event.data.nesting), event.data.name],
      passed: event.type === 'test:pass',
    };
    yield `${JSON.stringify(result)}\n`;
  }
}
