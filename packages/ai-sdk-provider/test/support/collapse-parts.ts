import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';

/**
 * Stream parts with consecutive deltas of one block joined into one entry, so a
 * snapshot of a 1,700-event recording stays readable.
 */
export function collapseParts(parts: LanguageModelV4StreamPart[]): unknown[] {
  const collapsed: Array<Record<string, unknown>> = [];
  for (const part of parts) {
    const previous = collapsed.at(-1);
    if (
      (part.type === 'text-delta' ||
        part.type === 'reasoning-delta' ||
        part.type === 'tool-input-delta') &&
      previous?.type === part.type &&
      previous.id === part.id
    ) {
      previous.delta = `${previous.delta as string}${part.delta}`;
      previous.count = (previous.count as number) + 1;
      continue;
    }
    if (
      part.type === 'text-delta' ||
      part.type === 'reasoning-delta' ||
      part.type === 'tool-input-delta'
    ) {
      collapsed.push({ ...part, count: 1 });
    } else if (part.type === 'reasoning-start' || part.type === 'reasoning-end') {
      // Encrypted reasoning is kilobytes of noise in a snapshot; its presence is what matters.
      const metadata = part.providerMetadata?.apifree ?? {};
      collapsed.push({
        ...part,
        providerMetadata: {
          apifree: {
            ...metadata,
            reasoningEncryptedContent: metadata.reasoningEncryptedContent ? '<encrypted>' : null,
          },
        },
      });
    } else {
      collapsed.push({ ...part });
    }
  }
  return collapsed;
}

/** The text, reasoning, tool calls and finish of a part stream, as a user sees them. */
export function summarizeParts(parts: LanguageModelV4StreamPart[]) {
  let text = '';
  let reasoning = '';
  const toolCalls: Array<{ toolCallId: string; toolName: string; input: string }> = [];
  let finish: Extract<LanguageModelV4StreamPart, { type: 'finish' }> | undefined;
  const errors: unknown[] = [];
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.delta;
    if (part.type === 'reasoning-delta') reasoning += part.delta;
    if (part.type === 'tool-call' && !part.providerExecuted) {
      toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName, input: part.input });
    }
    if (part.type === 'finish') finish = part;
    if (part.type === 'error') errors.push(part.error);
  }
  return { text, reasoning, toolCalls, finish, errors };
}
