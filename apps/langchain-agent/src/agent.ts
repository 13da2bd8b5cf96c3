// A LangChain agent in the terminal: it streams its answer token by token and shows each
// tool call as it happens. Run: `node src/agent.ts "your question"`.

import { styleText } from 'node:util';
import { ChatAPIFree } from '@apifree/langchain';
import { AIMessage, AIMessageChunk, ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { connectModelService } from './connect.ts';
import { tools } from './tools.ts';

const question =
  process.argv.slice(2).join(' ') || "What's the weather in Paris, and the local time in Tokyo?";

const service = await connectModelService();
console.log(styleText('dim', `${service.description}\n`));

const agent = createAgent({
  model: new ChatAPIFree({
    model: process.env.APIFREE_MODEL ?? 'gpt-4.1-mini',
    apiKey: service.apiKey,
    baseURL: service.baseURL,
  }),
  tools,
  systemPrompt: 'You are a concise travel assistant. Use the tools for weather and local times.',
});

console.log(`${styleText('bold', 'You:')} ${question}\n`);
try {
  const stream = await agent.stream(
    { messages: [{ role: 'user', content: question }] },
    { streamMode: ['messages', 'updates'] },
  );
  let answering = false;
  for await (const [mode, payload] of stream) {
    if (mode === 'messages') {
      const [message] = payload;
      // Tokens of the answer; tool-call chunks are shown once complete, from the updates.
      if (AIMessageChunk.isInstance(message) && message.text !== '') {
        if (!answering) process.stdout.write(`${styleText('bold', 'Agent:')} `);
        answering = true;
        process.stdout.write(message.text);
      }
      continue;
    }
    for (const update of Object.values(payload)) {
      for (const message of (update as { messages?: unknown[] } | undefined)?.messages ?? []) {
        if (AIMessage.isInstance(message)) {
          for (const call of message.tool_calls ?? []) {
            console.log(styleText('cyan', `→ calling ${call.name}(${JSON.stringify(call.args)})`));
          }
        } else if (ToolMessage.isInstance(message)) {
          console.log(styleText('dim', `← ${message.name}: ${message.text}`));
        }
      }
    }
  }
  process.stdout.write('\n');
} catch (error) {
  console.error(`\n${error instanceof Error ? `${error.name}: ${error.message}` : error}`);
  process.exitCode = 1;
} finally {
  await service.close();
}
