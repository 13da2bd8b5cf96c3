import {
  type FunctionCallInputItem,
  type FunctionCallOutputItem,
  type InputContentPart,
  type InputFilePart,
  type InputImagePart,
  type InputItem,
  type InputTextPart,
  REASONING_NOT_REPLAYABLE,
  type ReasoningInputItem,
  replayReasoning,
} from '@apifree/core';
import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  type ToolMessage,
} from '@langchain/core/messages';

/** Where system messages go. */
export type SystemMessageMode = 'input' | 'instructions';

export interface MessagesToInputOptions {
  /**
   * `"input"` (default): each system message becomes a `system` message item where it
   * stands. `"instructions"`: leading system messages become the `instructions` field
   * (later ones stay items).
   */
  systemMessageMode?: SystemMessageMode;
  /**
   * Whether the server stores responses. With `store: false` a reasoning item can only
   * be replayed when it carries `encrypted_content`; others are left out.
   */
  store?: boolean | undefined;
}

export interface ResponsesInput {
  input: InputItem[];
  /** Text of the leading system messages, in `"instructions"` mode. */
  instructions?: string;
  /** What could not be sent (reasoning that cannot be replayed without `store`). */
  warnings: string[];
}

/** A reasoning item kept on an `AIMessage` (in `additional_kwargs.reasoning_items`) for replay. */
export type StoredReasoningItem = ReasoningInputItem;

type Block = Record<string, unknown>;

/**
 * Converts LangChain messages to Responses `input` items: system → `system` message (or
 * `instructions`), human → `user` message with text, image and file parts, AI → its
 * reasoning items, an `assistant` message and one `function_call` per tool call, tool →
 * `function_call_output`. Content blocks may be strings, LangChain standard blocks (v1),
 * the older data blocks, OpenAI Chat Completions parts or Responses parts.
 *
 * @example
 * messagesToInput([new SystemMessage('Be brief.'), new HumanMessage('Hi')]);
 * // { input: [{ type: 'message', role: 'system', content: 'Be brief.' },
 * //           { type: 'message', role: 'user', content: 'Hi' }] }
 */
export function messagesToInput(
  messages: BaseMessage[],
  options: MessagesToInputOptions = {},
): ResponsesInput {
  const input: InputItem[] = [];
  const instructions: string[] = [];
  const warnings: string[] = [];
  let leading = true;
  for (const message of messages) {
    const type = message.getType();
    if (type === 'system' && leading && options.systemMessageMode === 'instructions') {
      instructions.push(textOf(message.content, 'system'));
      continue;
    }
    leading = false;
    switch (type) {
      case 'system':
        input.push({ type: 'message', role: 'system', content: textOf(message.content, 'system') });
        break;
      case 'human':
        input.push({ type: 'message', role: 'user', content: userContent(message) });
        break;
      case 'ai':
        input.push(...assistantItems(message as AIMessage, options.store, warnings));
        break;
      case 'tool':
        input.push(toolOutputItem(message as ToolMessage));
        break;
      case 'generic':
        input.push(genericItem(message));
        break;
      default:
        throw new TypeError(
          `ChatAPIFree cannot send a message of type "${type}": use system, human, AI or tool messages.`,
        );
    }
  }
  const result: ResponsesInput = { input, warnings };
  if (instructions.length > 0) result.instructions = instructions.join('\n\n');
  return result;
}

function genericItem(message: BaseMessage): InputItem {
  const role = (message as BaseMessage & { role?: string }).role;
  if (role === 'user' || role === 'system' || role === 'developer') {
    return { type: 'message', role, content: userContent(message) };
  }
  if (role === 'assistant') {
    return { type: 'message', role, content: textOf(message.content, 'assistant') };
  }
  throw new TypeError(`ChatAPIFree cannot send a chat message with role "${role}".`);
}

function userContent(message: BaseMessage): string | InputContentPart[] {
  if (typeof message.content === 'string') return message.content;
  return message.content.flatMap((block) => inputParts(block as Block));
}

/** A content block as Responses input parts; text-only content becomes plain text. */
function inputParts(block: Block): InputContentPart[] {
  switch (block.type) {
    case 'text':
    case 'text-plain':
      return typeof block.text === 'string' ? [{ type: 'input_text', text: block.text }] : [];
    case 'input_text':
    case 'input_image':
    case 'input_file':
      return [block as unknown as InputContentPart];
    case 'image_url':
      return [imageUrlPart(block)];
    case 'image':
    case 'file':
      return [dataPart(standardBlock(block))];
    default: {
      const standard = standardBlock(block);
      if (standard.type === 'image' || standard.type === 'file') return [dataPart(standard)];
      if (standard.type === 'text' && typeof standard.text === 'string') {
        return [{ type: 'input_text', text: standard.text }];
      }
      throw new TypeError(
        `ChatAPIFree cannot send a content block of type "${String(block.type)}" in a user message.`,
      );
    }
  }
}

function imageUrlPart(block: Block): InputImagePart {
  const imageUrl = block.image_url;
  if (typeof imageUrl === 'string')
    return { type: 'input_image', image_url: imageUrl, detail: 'auto' };
  const { url, detail } = imageUrl as { url: string; detail?: InputImagePart['detail'] };
  return { type: 'input_image', image_url: url, detail: detail ?? 'auto' };
}

/** LangChain's own normalisation of one block (data blocks, Anthropic and OpenAI shapes) to v1. */
function standardBlock(block: Block): Block {
  const [converted] = new HumanMessage({ content: [block as never] }).contentBlocks;
  return (converted ?? block) as Block;
}

function dataPart(block: Block): InputImagePart | InputFilePart {
  const url = typeof block.url === 'string' ? block.url : undefined;
  const fileId = typeof block.fileId === 'string' ? block.fileId : undefined;
  const dataUrl = block.data === undefined ? undefined : toDataUrl(block.data, block.mimeType);
  if (block.type === 'image') {
    const detail = (block.metadata as { detail?: InputImagePart['detail'] } | undefined)?.detail;
    const part: InputImagePart = { type: 'input_image', detail: detail ?? 'auto' };
    if (fileId) part.file_id = fileId;
    else part.image_url = url ?? dataUrl;
    return part;
  }
  const metadata = block.metadata as
    | { filename?: string; name?: string; title?: string }
    | undefined;
  const filename = metadata?.filename ?? metadata?.name ?? metadata?.title;
  const part: InputFilePart = { type: 'input_file' };
  if (fileId) part.file_id = fileId;
  else if (url) part.file_url = url;
  else if (dataUrl) {
    part.file_data = dataUrl;
    part.filename = filename ?? 'file';
  }
  if (filename) part.filename = filename;
  if (!fileId && !url && !dataUrl) {
    throw new TypeError('ChatAPIFree: a file content block needs a url, fileId or data.');
  }
  return part;
}

function toDataUrl(data: unknown, mimeType: unknown): string {
  const type = typeof mimeType === 'string' ? mimeType : 'application/octet-stream';
  if (typeof data === 'string')
    return data.startsWith('data:') ? data : `data:${type};base64,${data}`;
  if (data instanceof Uint8Array) return `data:${type};base64,${toBase64(data)}`;
  throw new TypeError('ChatAPIFree: content block data must be a base64 string or a Uint8Array.');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary);
}

/** The text of system or assistant content: text blocks joined; other blocks are not text. */
function textOf(content: BaseMessage['content'], role: 'system' | 'assistant'): string {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const block of content as Block[]) {
    if (
      (block.type === 'text' || block.type === 'output_text' || block.type === 'input_text') &&
      typeof block.text === 'string'
    ) {
      texts.push(block.text);
    } else if (role === 'system') {
      throw new TypeError(
        `ChatAPIFree: a system message can hold only text, not "${String(block.type)}".`,
      );
    }
  }
  return texts.join('');
}

function assistantItems(
  message: AIMessage,
  store: boolean | undefined,
  warnings: string[],
): InputItem[] {
  const items: InputItem[] = [];
  const stored = message.additional_kwargs?.reasoning_items;
  if (Array.isArray(stored)) {
    for (const item of stored as StoredReasoningItem[]) {
      if (typeof item?.id !== 'string') continue;
      const replay = replayReasoning(item, store);
      if (replay) items.push(replay);
      else warnings.push(`Skipped reasoning item ${item.id}: ${REASONING_NOT_REPLAYABLE}.`);
    }
  }
  const text = textOf(message.content, 'assistant');
  if (text !== '') items.push({ type: 'message', role: 'assistant', content: text });
  for (const call of message.tool_calls ?? []) {
    items.push(functionCallItem(call.id, call.name, JSON.stringify(call.args ?? {})));
  }
  for (const call of message.invalid_tool_calls ?? []) {
    items.push(functionCallItem(call.id, call.name ?? '', call.args ?? ''));
  }
  return items;
}

function functionCallItem(
  id: string | undefined,
  name: string,
  args: string,
): FunctionCallInputItem {
  if (!id) {
    throw new TypeError(
      `ChatAPIFree: the tool call "${name}" has no id, so its result cannot be matched to it.`,
    );
  }
  return { type: 'function_call', call_id: id, name, arguments: args };
}

function toolOutputItem(message: ToolMessage): FunctionCallOutputItem {
  const { content } = message;
  if (typeof content === 'string') {
    return { type: 'function_call_output', call_id: message.tool_call_id, output: content };
  }
  const parts = (content as Block[]).flatMap((block) => inputParts(block)) as Array<
    InputTextPart | InputImagePart | InputFilePart
  >;
  const onlyText = parts.every((part) => part.type === 'input_text');
  const output = onlyText ? parts.map((part) => (part as InputTextPart).text).join('') : parts;
  return { type: 'function_call_output', call_id: message.tool_call_id, output };
}
