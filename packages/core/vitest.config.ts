import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'node', environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['test/**/*.edge.test.ts', 'test/**/*.shared.test.ts'],
        },
      },
    ],
    testTimeout: 20_000,
  },
});
