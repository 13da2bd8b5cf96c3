import type {
  LanguageModelV3FilePart,
  LanguageModelV3Prompt,
  LanguageModelV3ToolResultOutput,
  LanguageModelV4FilePart,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from '@ai-sdk/provider';
import { convertFileDataToV4 } from './file-data-to-v4';

type V4ContentOutputPart = Extract<
  LanguageModelV4ToolResultOutput,
  { type: 'content' }
>['value'][number];
type V3ContentOutputPart = Extract<
  LanguageModelV3ToolResultOutput,
  { type: 'content' }
>['value'][number];

/**
 * Converts a V3 prompt (what `ai@6` sends) to the V4 prompt the model reads. V4 is a
 * superset: nothing is lost. A provider file id given as a plain string is taken to be
 * this provider's (`{ [providerName]: id }`).
 *
 * @example
 * convertV3PromptToV4([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], 'apifree');
 */
export function convertV3PromptToV4(
  prompt: LanguageModelV3Prompt,
  providerName: string,
): LanguageModelV4Prompt {
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
            return { ...part, output: convertV3ToolResultOutput(part.output, providerName) };
          return part;
        }),
      };
    }
    return {
      ...message,
      content: message.content.map((part) =>
        part.type === 'tool-result'
          ? { ...part, output: convertV3ToolResultOutput(part.output, providerName) }
          : part,
      ),
    };
  });
}

function convertFilePart(part: LanguageModelV3FilePart): LanguageModelV4FilePart {
  return { ...part, data: convertFileDataToV4(part.data) };
}

/** A V3 tool result output as V4: the V3 file and image kinds become V4 `file` parts. */
export function convertV3ToolResultOutput(
  output: LanguageModelV3ToolResultOutput,
  providerName: string,
): LanguageModelV4ToolResultOutput {
  if (output.type !== 'content') return output;
  return { ...output, value: output.value.map((part) => convertContentPart(part, providerName)) };
}

function convertContentPart(part: V3ContentOutputPart, providerName: string): V4ContentOutputPart {
  const reference = (fileId: string | Record<string, string>) =>
    typeof fileId === 'string' ? { [providerName]: fileId } : fileId;
  const options = part.providerOptions !== undefined && { providerOptions: part.providerOptions };
  switch (part.type) {
    case 'text':
    case 'custom':
      return part;
    case 'file-data':
      return {
        type: 'file',
        data: { type: 'data', data: part.data },
        mediaType: part.mediaType,
        ...(part.filename !== undefined && { filename: part.filename }),
        ...options,
      };
    case 'image-data':
      return {
        type: 'file',
        data: { type: 'data', data: part.data },
        mediaType: part.mediaType,
        ...options,
      };
    case 'image-url':
      return {
        type: 'file',
        data: { type: 'url', url: new URL(part.url) },
        mediaType: 'image',
        ...options,
      };
    case 'image-file-id':
      return {
        type: 'file',
        data: { type: 'reference', reference: reference(part.fileId) },
        mediaType: 'image',
        ...options,
      };
    case 'file-url':
      return {
        type: 'file',
        data: { type: 'url', url: new URL(part.url) },
        mediaType: mediaTypeOfUrl(part.url),
        ...options,
      };
    case 'file-id':
      // V3 gives no media type for a file id; PDF is the only non-image file APIFree reads.
      return {
        type: 'file',
        data: { type: 'reference', reference: reference(part.fileId) },
        mediaType: 'application/pdf',
        ...options,
      };
  }
}

// V3's file-url carries no media type: PDFs are recognised by their extension, and
// anything else reaches the model's own check, which names the accepted types.
function mediaTypeOfUrl(url: string): string {
  return new URL(url).pathname.toLowerCase().endsWith('.pdf')
    ? 'application/pdf'
    : 'application/octet-stream';
}
