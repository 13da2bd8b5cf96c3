import type { ResponseCreateParams } from '@apifree/core/wire';

/** A tool result the model has to answer from: the call it made and what the caller returned. */
export interface ToolResult {
  name: string;
  arguments: string;
  output: string;
}

/** What the deterministic model reads from a request. */
export interface Conversation {
  /** The text of the last user message: what the model answers. */
  userText: string;
  /** Tool results sent after the last user message (a tool round trip), in order. */
  toolResults: ToolResult[];
  /** What the model was told to do: `instructions`, then system and developer messages. */
  instructionsText: string;
  /** Every piece of the prompt in order (tools, instructions, items), for token counting. */
  promptText: string;
}

// A rough flat cost per image, like the low-detail image cost of the real models.
const IMAGE_PLACEHOLDER = ' [image]'.repeat(85);

function partText(part: unknown): string {
  if (typeof part !== 'object' || part === null) return '';
  const record = part as Record<string, unknown>;
  if (typeof record.text === 'string') return record.text;
  if (typeof record.refusal === 'string') return record.refusal;
  if (record.type === 'input_image') return IMAGE_PLACEHOLDER;
  if (record.type === 'input_file') return ` [file ${String(record.filename ?? '')}]`;
  return '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(partText).join('');
  return '';
}

/**
 * Reads a request body into the conversation the model answers: the last user text,
 * pending tool results and the prompt text used for token counts.
 *
 * @example
 * readConversation({ model: 'gpt-4o', input: 'Hi' }).userText; // 'Hi'
 */
export function readConversation(body: ResponseCreateParams): Conversation {
  const prompt: string[] = [];
  if (Array.isArray(body.tools) && body.tools.length > 0) prompt.push(JSON.stringify(body.tools));
  const instructions: string[] = [];
  if (typeof body.instructions === 'string') {
    prompt.push(`system: ${body.instructions}\n`);
    instructions.push(body.instructions);
  }
  let userText = '';
  let toolResults: ToolResult[] = [];
  const calls = new Map<string, { name: string; arguments: string }>();
  if (typeof body.input === 'string') {
    userText = body.input;
    prompt.push(`user: ${body.input}\n`);
  } else {
    for (const item of body.input) {
      const record = item as unknown as Record<string, unknown>;
      const type = record.type ?? 'message';
      if (type === 'message') {
        const text = contentText(record.content);
        prompt.push(`${String(record.role)}: ${text}\n`);
        if (record.role === 'user') {
          userText = text;
          toolResults = [];
        } else if (record.role === 'system' || record.role === 'developer') {
          instructions.push(text);
        }
      } else if (type === 'function_call') {
        const name = String(record.name ?? '');
        const args = String(record.arguments ?? '');
        calls.set(String(record.call_id), { name, arguments: args });
        prompt.push(`call ${name}: ${args}\n`);
      } else if (type === 'function_call_output') {
        const output = contentText(record.output);
        const call = calls.get(String(record.call_id));
        toolResults.push({ name: call?.name ?? 'tool', arguments: call?.arguments ?? '', output });
        prompt.push(`result: ${output}\n`);
      } else if (type === 'reasoning') {
        prompt.push(`reasoning: ${contentText(record.summary)}\n`);
      }
    }
  }
  return {
    userText,
    toolResults,
    instructionsText: instructions.join('\n'),
    promptText: prompt.join(''),
  };
}
