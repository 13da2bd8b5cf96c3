// Runs every benchmark in sequence and writes their reports to bench/results/latest.md
// (untracked). With --update-results it writes the committed bench/RESULTS.md instead: a
// deliberate step, taken when the figures the READMEs quote should change.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const updateResults = process.argv.includes('--update-results');

const scripts = [
  'sse-parsers.mjs',
  'stream-decoding.mjs',
  'ai-sdk-stream.mjs',
  'langchain-stream.mjs',
  'requests-per-second.mjs',
  'memory.mjs',
  'install-and-load.mjs',
];
const sections = [];
for (const script of scripts) {
  console.error(`running ${script} …`);
  const output = execFileSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(`${output}\n`);
  sections.push(output.trim());
}
const preamble = `# Benchmark results

Produced by \`pnpm bench\` (bench/src/run-all.mjs) on ${new Date().toISOString().slice(0, 10)}. Every figure is a
median of repeated runs, ours and the peer measured side by side in the same run against
@apifree/simulator on loopback (its replay mode for the large stream, its unpaced mode
for requests/s and memory), the simulator in its own process. Read the ratios, not the
absolute times: the machine is shared and noisy. README.md describes the method; the
analysis against the targets (analysis.md, written by hand) follows the figures.
`;
const analysis = readFileSync(new URL('../analysis.md', import.meta.url), 'utf8');
const target = updateResults
  ? new URL('../RESULTS.md', import.meta.url)
  : new URL('../results/latest.md', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${preamble}\n${sections.join('\n\n')}\n\n${analysis}`);
console.error(
  `wrote ${fileURLToPath(target)}${updateResults ? '' : ' (pass --update-results to write bench/RESULTS.md)'}`,
);
