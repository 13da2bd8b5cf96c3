import { startSimulator } from '@apifree/simulator';

const [dir, pace] = process.argv.slice(2);
const sim = await startSimulator({ port: 0, pace: JSON.parse(pace), replay: { dir } });
// Benchmarks run for minutes: keep the request log from growing without bound.
setInterval(() => {
  sim.requests.length = 0;
}, 1000).unref();
process.send(sim.baseURL);
