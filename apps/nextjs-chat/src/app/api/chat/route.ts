import { createAPIFree } from '@apifree/ai-sdk-provider';
import { isReasoningModel } from '@apifree/core/wire';
import { convertToModelMessages, safeValidateUIMessages, stepCountIs, streamText } from 'ai';
import { isChatModelId } from '../../../lib/chat-models';
import { type ChatMessage, chatTools } from '../../../lib/chat-tools';
import { describeChatError } from '../../../lib/describe-chat-error';

// Server-side only: the key is read from the server's environment and never sent to the browser.
const apifree = createAPIFree({
  apiKey: process.env.APIFREE_API_KEY,
  baseURL: process.env.APIFREE_BASE_URL,
});

const INSTRUCTIONS =
  'You are a helpful assistant in a chat app. Answer briefly. Use getWeather for weather ' +
  'questions and getLocalTime for the time in a city.';

export const maxDuration = 60;

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { messages?: unknown; model?: unknown };
  if (!isChatModelId(body.model)) {
    return new Response('Pick one of the listed models.', { status: 400 });
  }
  const validation = await safeValidateUIMessages<ChatMessage>({
    messages: body.messages,
    tools: chatTools,
  });
  if (!validation.success) {
    return new Response('The conversation could not be read. Reload the page.', { status: 400 });
  }
  const messages = validation.data;

  const result = streamText({
    model: apifree(body.model),
    instructions: INSTRUCTIONS,
    messages: await convertToModelMessages(messages, { tools: chatTools }),
    tools: chatTools,
    stopWhen: stepCountIs(5),
    // Closing the tab or pressing stop aborts the request to APIFree as well.
    abortSignal: request.signal,
    providerOptions: isReasoningModel(body.model)
      ? { apifree: { reasoningSummary: 'auto' } }
      : undefined,
    onError: ({ error }) => {
      console.error(`[chat] ${error instanceof Error ? `${error.name}: ${error.message}` : error}`);
    },
  });

  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    sendReasoning: true,
    onError: describeChatError,
  });
}
