import { defineConfig } from 'vitest/config';

// The drill runs its files one at a time, each in its own forked process (so the soak
// measures a fresh heap), with the GC exposed for the soak's heap samples.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    execArgv: ['--expose-gc'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
