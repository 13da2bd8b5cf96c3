// Bundle size of each package as a user's bundler sees it: minified and brotli-compressed,
// the browser/edge build, peer dependencies excluded (the user has them anyway).
// Budgets: issue 7 set core ≤ 10 kB and each adapter ≤ 15 kB; the runtime checks of
// issues 11 and 12 (every event and response shape, request bodies, headers, options, the
// key redactor) took core to 11.4 kB and the adapters, which bundle it, to 20 kB. The
// budgets are now those sizes with a little headroom, so growth still fails the run.
// @ai-sdk/provider and @ai-sdk/provider-utils are dependencies of `ai` itself (the same
// versions), so in an AI SDK app they add nothing: they are excluded for both providers,
// and a second line shows the provider with its own copy.
const aiShared = ['ai', 'zod', '@ai-sdk/provider', '@ai-sdk/provider-utils'];

module.exports = [
  {
    name: '@apifree/core',
    path: '../packages/core/dist/index.js',
    import: '{ APIFree, outputText }',
    limit: '12 kB',
  },
  {
    name: '@apifree/ai-sdk-provider',
    path: '../packages/ai-sdk-provider/dist/index.js',
    import: '{ createAPIFree }',
    ignore: aiShared,
    limit: '21 kB',
  },
  {
    name: '@apifree/ai-sdk-provider (with its own copy of provider-utils)',
    path: '../packages/ai-sdk-provider/dist/index.js',
    import: '{ createAPIFree }',
    ignore: ['ai', 'zod'],
  },
  {
    name: '@apifree/langchain',
    path: '../packages/langchain/dist/index.js',
    import: '{ ChatAPIFree }',
    ignore: ['@langchain/core'],
    limit: '21 kB',
  },
  { name: 'openai', path: 'node_modules/openai/index.mjs', import: '{ OpenAI }' },
  {
    name: '@ai-sdk/openai',
    path: 'node_modules/@ai-sdk/openai/dist/index.js',
    import: '{ createOpenAI }',
    ignore: aiShared,
  },
  {
    name: '@ai-sdk/openai (with its own copy of provider-utils)',
    path: 'node_modules/@ai-sdk/openai/dist/index.js',
    import: '{ createOpenAI }',
    ignore: ['ai', 'zod'],
  },
  {
    name: '@langchain/openai',
    path: 'node_modules/@langchain/openai/dist/index.js',
    import: '{ ChatOpenAI }',
    ignore: ['@langchain/core'],
  },
];
