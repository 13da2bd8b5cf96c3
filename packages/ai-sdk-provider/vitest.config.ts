import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: ['test/**/*.shared.test.ts'],
        },
      },
    ],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
  },
});
