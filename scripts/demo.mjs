// The main demo: streams an answer through @apifree/core to the terminal.
// With APIFREE_API_KEY set it asks APIFree; without, it replays a recorded real response
// from a local server, paced like the original, and says so.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { APIFree } from '@apifree/core';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by node directly (`pnpm demo:replay`), not as a turbo task, whose tests stay hermetic.
const live = Boolean(process.env.APIFREE_API_KEY);
let server;
let client;
if (live) {
  client = new APIFree();
  console.log(`Asking APIFree (${client.baseURL}) …\n`);
} else {
  const recording = readFileSync(
    new URL('../fixtures/responses/sse/openai-text-logprobs-gpt-4o-mini.sse', import.meta.url),
    'utf8',
  );
  const events = recording.split('\n\n').filter((block) => block.trim() !== '');
  server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_replay' });
    let index = 0;
    const timer = setInterval(() => {
      if (index === events.length) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(`${events[index++]}\n\n`);
    }, 12);
    response.on('close', () => clearInterval(timer));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new APIFree({
    apiKey: 'replay',
    baseURL: `http://127.0.0.1:${server.address().port}/v1`,
  });
  console.log('No APIFREE_API_KEY set: this is a REPLAY of a recorded real gpt-4o-mini response,');
  console.log('served from a local server and streamed through @apifree/core.\n');
}

try {
  const stream = await client.responses.create({
    model: 'gpt-4.1-mini',
    input: 'In three short paragraphs, explain what a streaming API is and why it feels faster.',
    stream: true,
  });
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
  }
  const { usage, model, status } = await stream.finalResponse();
  console.log(
    `\n\n— ${status}, model ${model}, ${usage?.input_tokens} input + ${usage?.output_tokens} output tokens, request ${stream.response.requestId}${live ? '' : ' (replay)'}`,
  );
} catch (error) {
  console.error(`\n${error.name}: ${error.message}`);
  process.exitCode = 1;
} finally {
  server?.close();
}
