import type {
  LanguageModelV2FilePart,
  LanguageModelV2Prompt,
  LanguageModelV2ToolResultOutput,
  LanguageModelV4FilePart,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from '@ai-sdk/provider';
import { convertFileDataToV4 } from './file-data-to-v4';

/**
 * Converts a V2 prompt (what `ai@5` sends) to the V4 prompt the model reads. V4 is a
 * superset: nothing is lost.
 *
 * @example
 * convertV2PromptToV4([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
 */
export function convertV2PromptToV4(prompt: LanguageModelV2Prompt): LanguageModelV4Prompt {
  return prompt.map((message): LanguageModelV4Prompt[number] => {
    if (message.role === 'system') return message;
    if (message.role === 'user') {
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'file' ? convertFilePart(part) : part,
        ),
      };
    }
    if (message.role === 'assistant') {
      return {
        ...message,
        content: message.content.map((part) => {
          if (part.type === 'file') return convertFilePart(part);
          if (part.type === 'tool-result')
            return { ...part, output: convertV2ToolResultOutput(part.output) };
          return part;
        }),
      };
    }
    return {
      ...message,
      content: message.content.map((part) => ({
        ...part,
        output: convertV2ToolResultOutput(part.output),
      })),
    };
  });
}

function convertFilePart(part: LanguageModelV2FilePart): LanguageModelV4FilePart {
  return { ...part, data: convertFileDataToV4(part.data) };
}

function convertV2ToolResultOutput(
  output: LanguageModelV2ToolResultOutput,
): LanguageModelV4ToolResultOutput {
  if (output.type !== 'content') return output;
  return {
    type: 'content',
    value: output.value.map((part) =>
      part.type === 'text'
        ? part
        : { type: 'file', data: { type: 'data', data: part.data }, mediaType: part.mediaType },
    ),
  };
}
