import {
  type LanguageModelV4FilePart,
  type LanguageModelV4Prompt,
  type LanguageModelV4ToolResultOutput,
  type SharedV4ProviderOptions,
  type SharedV4Warning,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { convertToBase64, detectMediaType, getTopLevelMediaType } from '@ai-sdk/provider-utils';
import {
  type FunctionCallOutputItem,
  type InputFilePart,
  type InputImagePart,
  type InputItem,
  type InputTextPart,
  type OutputTextInputPart,
  REASONING_NOT_REPLAYABLE,
  type ReasoningInputItem,
  replayReasoning,
} from '@apifree/core';

/** The Responses `input`, the `instructions` and what could not be sent as asked. */
export interface ConvertedInput {
  input: InputItem[];
  instructions: string | undefined;
  warnings: SharedV4Warning[];
}

/**
 * Converts an AI SDK prompt to Responses input items. System messages become
 * `instructions` (joined by blank lines) unless the caller set its own, in which
 * case they stay in the input as system messages. Every message item carries
 * `type: "message"`, which strict servers require.
 */
export function convertToAPIFreeInput({
  prompt,
  providerName,
  instructionsOverride,
  store,
}: {
  prompt: LanguageModelV4Prompt;
  /** The `providerOptions` / `providerMetadata` key holding item ids and encrypted reasoning. */
  providerName: string;
  instructionsOverride: string | undefined;
  store: boolean | undefined;
}): ConvertedInput {
  const input: InputItem[] = [];
  const systemTexts: string[] = [];
  const warnings: SharedV4Warning[] = [];

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        if (instructionsOverride === undefined) systemTexts.push(message.content);
        else input.push({ type: 'message', role: 'system', content: message.content });
        break;

      case 'user':
        input.push({
          type: 'message',
          role: 'user',
          content: message.content.map((part, index) =>
            part.type === 'text'
              ? ({ type: 'input_text', text: part.text } satisfies InputTextPart)
              : convertFilePart(part, index, providerName),
          ),
        });
        break;

      case 'assistant': {
        const reasoningById = new Map<string, ReasoningInputItem>();
        for (const part of message.content) {
          const itemId = readString(part.providerOptions, providerName, 'itemId');
          switch (part.type) {
            case 'text': {
              const previous = input.at(-1);
              const text: OutputTextInputPart = { type: 'output_text', text: part.text };
              if (
                previous?.type === 'message' &&
                previous.role === 'assistant' &&
                previous.id === itemId &&
                Array.isArray(previous.content)
              ) {
                previous.content.push(text);
              } else {
                input.push({
                  type: 'message',
                  role: 'assistant',
                  content: [text],
                  ...(itemId !== undefined && { id: itemId }),
                });
              }
              break;
            }
            case 'reasoning': {
              if (itemId === undefined) {
                warnings.push({
                  type: 'other',
                  message:
                    'Skipped a reasoning part without providerOptions.apifree.itemId: only reasoning produced by APIFree can be replayed.',
                });
                break;
              }
              const encrypted = readString(
                part.providerOptions,
                providerName,
                'reasoningEncryptedContent',
              );
              // The parts of one reasoning item (one per summary part) become that item again.
              let item = reasoningById.get(itemId);
              if (item === undefined) {
                item = { type: 'reasoning', id: itemId, summary: [] };
                reasoningById.set(itemId, item);
                input.push(item);
              }
              if (part.text !== '') item.summary.push({ type: 'summary_text', text: part.text });
              if (encrypted !== undefined) item.encrypted_content = encrypted;
              break;
            }
            case 'tool-call':
              if (part.providerExecuted) break;
              input.push({
                type: 'function_call',
                call_id: part.toolCallId,
                name: part.toolName,
                arguments:
                  typeof part.input === 'string' ? part.input : JSON.stringify(part.input ?? {}),
                ...(itemId !== undefined && { id: itemId }),
              });
              break;
            case 'tool-result':
              // Results of tools the server ran itself are already part of its conversation.
              break;
            default:
              warnings.push({
                type: 'other',
                message: `Skipped an assistant ${part.type} part: the Responses API cannot take it as input.`,
              });
          }
        }
        for (const item of reasoningById.values()) {
          const replay = replayReasoning(item, store);
          const position = input.indexOf(item);
          if (replay !== undefined) {
            input[position] = replay;
          } else {
            input.splice(position, 1);
            warnings.push({
              type: 'other',
              message: `Skipped reasoning item ${item.id}: ${REASONING_NOT_REPLAYABLE}.`,
            });
          }
        }
        break;
      }

      case 'tool':
        for (const part of message.content) {
          if (part.type !== 'tool-result') continue;
          input.push({
            type: 'function_call_output',
            call_id: part.toolCallId,
            output: convertToolOutput(part.output, providerName),
          });
        }
        break;
    }
  }

  return {
    input,
    instructions:
      instructionsOverride ?? (systemTexts.length > 0 ? systemTexts.join('\n\n') : undefined),
    warnings,
  };
}

function convertToolOutput(
  output: LanguageModelV4ToolResultOutput,
  providerName: string,
): FunctionCallOutputItem['output'] {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return output.reason ?? 'The user denied running this tool.';
    case 'content':
      return output.value.flatMap(
        (part, index): Array<InputTextPart | InputImagePart | InputFilePart> => {
          if (part.type === 'text') return [{ type: 'input_text', text: part.text }];
          if (part.type === 'file') {
            return [
              convertFilePart(
                {
                  type: 'file',
                  data: part.data,
                  mediaType: part.mediaType,
                  filename: part.filename,
                  providerOptions: part.providerOptions,
                },
                index,
                providerName,
              ),
            ];
          }
          return [];
        },
      );
  }
}

function convertFilePart(
  part: LanguageModelV4FilePart,
  index: number,
  providerName: string,
): InputImagePart | InputFilePart | InputTextPart {
  const { data } = part;
  if (data.type === 'text') return { type: 'input_text', text: data.text };

  const topLevel = getTopLevelMediaType(part.mediaType);
  if (topLevel === 'image') {
    const detail = readString(
      part.providerOptions,
      providerName,
      'imageDetail',
    ) as InputImagePart['detail'];
    const image: InputImagePart = { type: 'input_image', ...(detail !== undefined && { detail }) };
    if (data.type === 'url')
      return { ...image, image_url: data.originalUrl ?? data.url.toString() };
    if (data.type === 'reference')
      return { ...image, file_id: referenceId(data.reference, providerName) };
    const mediaType =
      part.mediaType.includes('/') && !part.mediaType.endsWith('/*')
        ? part.mediaType
        : (detectMediaType({ data: data.data, topLevelType: 'image' }) ?? 'image/jpeg');
    return { ...image, image_url: `data:${mediaType};base64,${convertToBase64(data.data)}` };
  }

  if (part.mediaType === 'application/pdf') {
    if (data.type === 'url') return { type: 'input_file', file_url: data.url.toString() };
    if (data.type === 'reference')
      return { type: 'input_file', file_id: referenceId(data.reference, providerName) };
    return {
      type: 'input_file',
      filename: part.filename ?? `part-${index}.pdf`,
      file_data: `data:application/pdf;base64,${convertToBase64(data.data)}`,
    };
  }

  throw new UnsupportedFunctionalityError({
    functionality: `file part with media type ${part.mediaType}`,
    message: `APIFree accepts images and PDF files; a file of type ${part.mediaType} cannot be sent.`,
  });
}

function referenceId(reference: Record<string, string>, providerName: string): string {
  const id = reference[providerName];
  if (id === undefined) {
    throw new UnsupportedFunctionalityError({
      functionality: 'file reference of another provider',
      message: `The file reference has no "${providerName}" id; upload the file to APIFree or send its bytes.`,
    });
  }
  return id;
}

function readString(
  options: SharedV4ProviderOptions | undefined,
  providerName: string,
  key: string,
): string | undefined {
  const value = options?.[providerName]?.[key];
  return typeof value === 'string' ? value : undefined;
}
