import { defineConfig } from 'tsup';

export default defineConfig({
  // The CLI starts with a hashbang that esbuild keeps, so dist/cli.js runs as `bin`.
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    vitest: 'src/vitest.ts',
    'node-test': 'src/node-test.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: { index: 'src/index.ts', vitest: 'src/vitest.ts', 'node-test': 'src/node-test.ts' },
  },
  sourcemap: true,
  clean: true,
  target: 'es2023',
  splitting: true,
  treeshake: true,
  // `node:test` exists only with its prefix.
  removeNodeProtocol: false,
});
