// What the install test runs in the fresh project: each package used the way its README
// shows, once from ESM (.mjs) and once from CommonJS (.cjs), against the simulator.

const core = (load) => `
${load('{ APIFree, outputText, APIStreamTruncatedError }', '@apifree/core')}
${load('{ startSimulator }', '@apifree/simulator')}
async function main() {
  const sim = await startSimulator({ port: 0, pace: false });
  try {
    const client = new APIFree({ apiKey: 'sk-install-test', baseURL: sim.baseURL });
    const response = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Say hello' });
    if (!outputText(response)) throw new Error('empty answer');
    const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Say hello', stream: true });
    let deltas = 0;
    for await (const event of stream) if (event.type === 'response.output_text.delta') deltas++;
    if (deltas < 1 || typeof APIStreamTruncatedError !== 'function') throw new Error('no deltas');
    console.log('core + simulator ok');
  } finally {
    await sim.close();
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
`;

const aiSdk = (load) => `
${load('{ createAPIFree }', '@apifree/ai-sdk-provider')}
${load('{ createAPIFree as createAPIFreeV6 }', '@apifree/ai-sdk-provider/ai-v6')}
${load('{ createAPIFree as createAPIFreeV5 }', '@apifree/ai-sdk-provider/ai-v5')}
${load('{ generateText, streamText }', 'ai')}
${load('{ startSimulator }', '@apifree/simulator')}
async function main() {
  const sim = await startSimulator({ port: 0, pace: false });
  try {
    const apifree = createAPIFree({ apiKey: 'sk-install-test', baseURL: sim.baseURL });
    const { text, usage } = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Say hello' });
    if (!text || !usage.totalTokens) throw new Error('empty answer');
    const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Explain in a few sentences what a streaming API is.' });
    let deltas = 0;
    for await (const part of result.textStream) deltas++;
    if (deltas < 2) throw new Error('no stream');
    // ai@7 also takes the ai-v6 (V3) and ai-v5 (V2) models: this loads those entry points.
    for (const create of [createAPIFreeV6, createAPIFreeV5]) {
      const older = create({ apiKey: 'sk-install-test', baseURL: sim.baseURL });
      const answer = await generateText({ model: older('gpt-4.1-mini'), prompt: 'Say "older spec"' });
      if (answer.text !== 'older spec') throw new Error('older entry point answered ' + answer.text);
    }
    console.log('ai-sdk-provider ok');
  } finally {
    await sim.close();
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
`;

const langchain = (load) => `
${load('{ ChatAPIFree }', '@apifree/langchain')}
${load('{ startSimulator }', '@apifree/simulator')}
async function main() {
  const sim = await startSimulator({ port: 0, pace: false });
  try {
    const model = new ChatAPIFree({ model: 'gpt-4.1-mini', apiKey: 'sk-install-test', baseURL: sim.baseURL });
    const message = await model.invoke('Say hello');
    if (typeof message.text !== 'string' || !message.text) throw new Error('empty answer');
    let chunks = 0;
    for await (const chunk of await model.stream('Explain in a few sentences what a streaming API is.')) chunks++;
    if (chunks < 2) throw new Error('no stream');
    if (JSON.stringify(model).includes('sk-install-test')) throw new Error('key serialized');
    console.log('langchain ok');
  } finally {
    await sim.close();
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
`;

const esm = (names, from) => `import ${names} from '${from}';`;
const cjs = (names, from) => `const ${names.replaceAll(' as ', ': ')} = require('${from}');`;

export function usageScripts() {
  return [
    { file: 'core.mjs', packages: ['@apifree/core', '@apifree/simulator'], source: core(esm) },
    { file: 'core.cjs', packages: ['@apifree/core', '@apifree/simulator'], source: core(cjs) },
    {
      file: 'ai-sdk.mjs',
      packages: ['@apifree/ai-sdk-provider', '@apifree/simulator'],
      source: aiSdk(esm),
    },
    {
      file: 'ai-sdk.cjs',
      packages: ['@apifree/ai-sdk-provider', '@apifree/simulator'],
      source: aiSdk(cjs),
    },
    {
      file: 'langchain.mjs',
      packages: ['@apifree/langchain', '@apifree/simulator'],
      source: langchain(esm),
    },
    {
      file: 'langchain.cjs',
      packages: ['@apifree/langchain', '@apifree/simulator'],
      source: langchain(cjs),
    },
  ];
}
