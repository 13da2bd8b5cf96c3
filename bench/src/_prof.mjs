import { ChatAPIFree } from '@apifree/langchain';
import { REPLAY_HEADER, startBenchSimulator } from './simulator-process.mjs';
const server = await startBenchSimulator();
const m = new ChatAPIFree({ model: 'gpt-5-mini', apiKey: 'sk-bench', baseURL: server.baseURL, maxRetries: 0, headers: REPLAY_HEADER });
async function consume(model) { let c = 0; for await (const _ of await model.stream('bench')) c++; return c; }
for (let i = 0; i < 3; i++) await consume(m);
const t = performance.now(); const c = process.cpuUsage();
for (let i = 0; i < 20; i++) await consume(m);
const u = process.cpuUsage(c);
console.log('wall/run', (performance.now() - t) / 20, 'cpu/run', (u.user + u.system) / 20000);
server.close();
