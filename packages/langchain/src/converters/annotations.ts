import type { Annotation } from '@apifree/core';

/**
 * A Responses annotation as a LangChain content-block annotation: URL and file
 * citations become standard `citation` blocks, other kinds pass through unchanged.
 */
export function toLangChainAnnotation(annotation: Annotation): Record<string, unknown> {
  const record = annotation as Record<string, unknown>;
  if (record.type === 'url_citation') {
    return {
      type: 'citation',
      source: 'url_citation',
      url: record.url,
      title: record.title,
      startIndex: record.start_index,
      endIndex: record.end_index,
    };
  }
  if (record.type === 'file_citation') {
    return {
      type: 'citation',
      source: 'file_citation',
      title: record.filename,
      startIndex: record.index,
      endIndex: record.index,
      fileId: record.file_id,
    };
  }
  return { ...record };
}
