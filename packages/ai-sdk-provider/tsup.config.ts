import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'ai-v6': 'src/ai-v6/index.ts', 'ai-v5': 'src/ai-v5/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  target: 'es2023',
  treeshake: true,
});
