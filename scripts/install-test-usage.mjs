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

const esm = (names, from) => `import ${names} from '${from}';`;
const cjs = (names, from) => `const ${names.replaceAll(' as ', ': ')} = require('${from}');`;

export function usageScripts() {
  return [
    { file: 'core.mjs', packages: ['@apifree/core', '@apifree/simulator'], source: core(esm) },
    { file: 'core.cjs', packages: ['@apifree/core', '@apifree/simulator'], source: core(cjs) },
  ];
}
