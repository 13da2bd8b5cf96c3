/** One test project of the compatibility suite: its folder, test files and environment. */
export interface Suite {
  name: string;
  files: string[];
  env?: Record<string, string>;
  /** End the process when the tests are done, for frameworks that leave timers running. */
  forceExit?: boolean;
}

export const SUITES: Suite[] = [
  { name: 'ai-majors', files: ['ai-majors.test.ts'] },
  { name: 'zod3', files: ['zod3.test.ts'] },
  {
    name: 'runtimes',
    files: ['runtimes.test.ts'],
    // Belt to runtimes.test.ts's `cf: false`: any Miniflare this process builds keeps
    // its placeholder `request.cf` object instead of fetching one from Cloudflare.
    env: { CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
  {
    name: 'frameworks',
    files: ['mastra.test.ts', 'openai-agents.test.ts', 'langgraph.test.ts'],
    env: { MASTRA_TELEMETRY_DISABLED: '1' },
  },
  {
    name: 'voltagent',
    files: ['voltagent.test.ts'],
    // Outside production VoltAgent refreshes its model registry from models.dev, and its
    // in-memory observability keeps intervals running after the tests finish.
    env: { NODE_ENV: 'production' },
    forceExit: true,
  },
];
