import type { LanguageModelV4Citation, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { Annotation } from '@apifree/core';

type SourcePart = Extract<LanguageModelV4StreamPart, { type: 'source' }>;

/** A `source` part for a URL or file citation; other annotation kinds have none. */
export function annotationSource(annotation: Annotation, id: string): SourcePart | undefined {
  if (annotation.type === 'url_citation' && typeof annotation.url === 'string') {
    return {
      type: 'source',
      sourceType: 'url',
      id,
      url: annotation.url,
      ...(typeof annotation.title === 'string' && { title: annotation.title }),
    };
  }
  if (annotation.type === 'file_citation' && typeof annotation.file_id === 'string') {
    const filename = typeof annotation.filename === 'string' ? annotation.filename : undefined;
    return {
      type: 'source',
      sourceType: 'document',
      id,
      mediaType: 'application/octet-stream',
      title: filename ?? annotation.file_id,
      ...(filename !== undefined && { filename }),
    };
  }
  return undefined;
}

/** The citations of a text block: its URL and file annotations, with their text ranges. */
export function annotationCitations(
  annotations: Annotation[],
  itemId: string,
): LanguageModelV4Citation[] {
  return annotations.flatMap((annotation, index) => {
    const source = annotationSource(annotation, `${itemId}:citation:${index}`);
    if (!source) return [];
    const citation: LanguageModelV4Citation = { source };
    const { start_index: startIndex, end_index: endIndex } = annotation as Record<string, unknown>;
    if (typeof startIndex === 'number') citation.startIndex = startIndex;
    if (typeof endIndex === 'number') citation.endIndex = endIndex;
    return [citation];
  });
}
