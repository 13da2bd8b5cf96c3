// Install and load: bundle size (size-limit: minified + brotli, peers excluded) and cold
// `import` time of each package vs its peer, each import in a fresh Node process.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { machine, median } from './stats.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const benchDir = fileURLToPath(new URL('..', import.meta.url));

const sizes = JSON.parse(
  execFileSync('pnpm', ['exec', 'size-limit', '--json'], { cwd: benchDir, encoding: 'utf8' }),
);

function coldImport(specifier) {
  const script = specifier
    ? `const t = performance.now(); await import('${specifier}'); console.log(performance.now() - t);`
    : 'console.log(0)';
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    samples.push(
      Number(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: benchDir,
          encoding: 'utf8',
        }),
      ),
    );
  }
  return median(samples);
}

const pairs = [
  ['@apifree/core', 'openai'],
  ['@apifree/ai-sdk-provider', '@ai-sdk/openai'],
  ['@apifree/langchain', '@langchain/openai'],
];

console.log(`## Install and load — median of ${rounds} fresh processes\n`);
console.log(`Machine: ${machine()}\n`);
console.log('| package | min + brotli | limit | cold import ms |\n|---|---|---|---|');
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
for (const entry of sizes) {
  const specifier = entry.name.split(' ')[0];
  const isPackageLine = !entry.name.includes('(');
  const importMs = isPackageLine ? coldImport(specifier).toFixed(1) : '';
  const limit = entry.sizeLimit ? `${kb(entry.sizeLimit)} ${entry.passed ? '✓' : '✗'}` : '';
  console.log(`| ${entry.name} | ${kb(entry.size)} | ${limit} | ${importMs} |`);
}
console.log('');
for (const [ours, peer] of pairs) {
  const size = (name) => sizes.find((entry) => entry.name === name).size;
  console.log(`- ${ours}: ${(size(peer) / size(ours)).toFixed(1)}× smaller than ${peer}`);
}
const failed = sizes.filter((entry) => entry.passed === false);
if (failed.length) {
  console.error(`Over the size budget: ${failed.map((entry) => entry.name).join(', ')}`);
  process.exitCode = 1;
}
