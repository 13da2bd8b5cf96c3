import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestResult } from './results-reporter.ts';

const compat = join(import.meta.dirname, '..');

/** The version of `name` as installed in the compat project `project`. */
function installed(project: string, name: string): string {
  const manifest = join(compat, project, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/**
 * The table cell for the tests of `file` whose titles start with `titles`: ✅ when all
 * passed, ❌ when one failed. A test titled `unsupported: <check> (<reason>)` proves a
 * combination the third party does not support; its cell reads `— <reason>`. No test
 * at all is an error: the tables must describe what ran.
 */
function cell(results: TestResult[], file: string, titles: string[]): string {
  const matching = results.filter(
    (result) =>
      result.file === file && titles.every((title, index) => result.titles[index] === title),
  );
  if (matching.length > 0) return matching.every((result) => result.passed) ? '✅' : '❌';
  const unsupported = results.find(
    (result) =>
      result.file === file &&
      titles.slice(0, -1).every((title, index) => result.titles[index] === title) &&
      result.titles[titles.length - 1]?.startsWith(`unsupported: ${titles.at(-1)} (`),
  );
  if (unsupported === undefined) {
    throw new Error(
      `No test result for ${file} › ${titles.join(' › ')}: update compatibility-tables.ts`,
    );
  }
  if (!unsupported.passed) return '❌';
  const prefix = `unsupported: ${titles.at(-1)} (`;
  return `— ${unsupported.titles.at(-1)?.slice(prefix.length, -1)}`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const AI_SCENARIOS = [
  "TypeScript: the model is accepted by the major's types",
  'generateText',
  'streamText (full stream parts)',
  'multi-step tool loop',
  'structured output',
  'reasoning',
  'retried 429',
  'mid-stream error',
  'abort',
];
const ZOD3_CHECKS = [
  'a tool with a zod 3 schema',
  'structured output from a zod 3 schema',
  'a misspelt providerOptions.apifree key is rejected',
];

/**
 * The compatibility tables (AI SDK majors, runtimes, agent frameworks) as Markdown,
 * from the results of one run and the versions installed for it.
 *
 * @example
 * const markdown = compatibilityTables(results);
 */
export function compatibilityTables(results: TestResult[]): string {
  const majors = [
    {
      name: 'ai@5',
      version: installed('ai-majors', 'ai5'),
      entry: '`@apifree/ai-sdk-provider/ai-v5`',
    },
    {
      name: 'ai@6',
      version: installed('ai-majors', 'ai6'),
      entry: '`@apifree/ai-sdk-provider/ai-v6`',
    },
    { name: 'ai@7', version: installed('ai-majors', 'ai7'), entry: '`@apifree/ai-sdk-provider`' },
  ];
  const zodRow = (label: string, file: string, titles: (major: string) => string[][]) => [
    label,
    ...majors.map((major) => {
      const cells = titles(major.name).map((title) => cell(results, file, title));
      return cells.every((value) => value === '✅') ? '✅' : '❌';
    }),
  ];
  const aiTable = table(
    ['', ...majors.map((major) => `${major.name} (${major.version})<br>${major.entry}`)],
    [
      ...AI_SCENARIOS.map((scenario) => [
        scenario,
        ...majors.map((major) => cell(results, 'ai-majors.test.ts', [major.name, scenario])),
      ]),
      zodRow(
        `zod ${installed('zod3', 'zod')}: tools, structured output, providerOptions`,
        'zod3.test.ts',
        (major) => ZOD3_CHECKS.map((check) => ['zod 3', `${major}: ${check}`]),
      ),
      [
        `one copy of zod (${installed('zod3', 'zod')}, ${installed('ai-majors', 'zod')}) for the provider and the major`,
        ...majors.map(() => {
          const zod3 = cell(results, 'zod3.test.ts', [
            'zod 3',
            'one copy of zod 3.25 serves the provider, provider-utils and every ai major',
          ]);
          const zod4 = cell(results, 'ai-majors.test.ts', [
            'one copy of zod 4 serves the provider, provider-utils and every ai major',
          ]);
          return zod3 === '✅' && zod4 === '✅' ? '✅' : '❌';
        }),
      ],
    ],
  );

  const checks = ['core streaming', 'streamText', 'ChatAPIFree.stream()'];
  const runtimes = [
    { name: 'Node 22.19', label: `Node ${installed('runtimes', 'node22')}` },
    { name: 'Node 24', label: `Node ${process.versions.node}` },
    { name: 'Bun', label: `Bun ${installed('runtimes', 'bun')}` },
    { name: 'Deno', label: `Deno ${installed('runtimes', 'deno')}` },
    {
      name: 'Cloudflare workerd',
      label: `Cloudflare workerd (miniflare ${installed('runtimes', 'miniflare')}; LangChain with \`nodejs_compat\`)`,
    },
    {
      name: 'Edge runtime',
      label: `Edge runtime (@edge-runtime/vm ${installed('runtimes', '@edge-runtime/vm')})`,
    },
  ];
  const runtimeTable = table(
    [
      'runtime',
      '`@apifree/core` streaming',
      `\`streamText\` (ai@${installed('runtimes', 'ai')})`,
      '`ChatAPIFree.stream()`',
    ],
    runtimes.map((runtime) => [
      runtime.label,
      ...checks.map((check) => cell(results, 'runtimes.test.ts', [runtime.name, check])),
    ]),
  );

  const frameworks = [
    {
      label: `Mastra ${installed('frameworks', '@mastra/core')} \`Agent.stream()\``,
      model: '`@apifree/ai-sdk-provider` (V4)',
      file: 'mastra.test.ts',
      titles: ['Mastra'],
    },
    {
      label: `OpenAI Agents SDK ${installed('frameworks', '@openai/agents')} \`run(…, { stream: true })\` via \`aisdk()\` (agents-extensions ${installed('frameworks', '@openai/agents-extensions')})`,
      model: '`@apifree/ai-sdk-provider` (V4)',
      file: 'openai-agents.test.ts',
      titles: ['OpenAI Agents SDK'],
    },
    {
      label: `VoltAgent ${installed('voltagent', '@voltagent/core')} \`Agent.streamText()\` (ai@${installed('voltagent', 'ai')})`,
      model: '`@apifree/ai-sdk-provider/ai-v6` (V3)',
      file: 'voltagent.test.ts',
      titles: ['VoltAgent'],
    },
    {
      label: `LangGraph.js ${installed('frameworks', '@langchain/langgraph')} \`StateGraph\` + \`ToolNode\``,
      model: '`ChatAPIFree`',
      file: 'langgraph.test.ts',
      titles: ['LangGraph', 'StateGraph with a ToolNode, streamed'],
    },
    {
      label: `LangGraph.js ${installed('frameworks', '@langchain/langgraph')} prebuilt \`createReactAgent\``,
      model: '`ChatAPIFree`',
      file: 'langgraph.test.ts',
      titles: ['LangGraph', 'prebuilt createReactAgent, streamed'],
    },
    {
      label: `langchain ${installed('frameworks', 'langchain')} \`createAgent\``,
      model: '`ChatAPIFree`',
      file: 'langgraph.test.ts',
      titles: ['langchain', 'createAgent, streamed'],
    },
  ];
  const frameworkTable = table(
    ['framework', 'model', 'streamed tool round trip'],
    frameworks.map((framework) => [
      framework.label,
      framework.model,
      cell(results, framework.file, framework.titles),
    ]),
  );

  return [
    '**AI SDK majors** — one install of `@apifree/ai-sdk-provider`, one entry point per major:',
    '',
    aiTable,
    '',
    "**Runtimes** — against the simulator over loopback; workerd and the edge runtime run bundles made with their platforms' export conditions:",
    '',
    runtimeTable,
    '',
    '**Agent frameworks** — a tool call round trip, streamed:',
    '',
    frameworkTable,
  ].join('\n');
}
