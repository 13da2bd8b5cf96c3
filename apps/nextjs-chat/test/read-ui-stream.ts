/** A UI message stream chunk as the route sends it (`data: {...}` lines). */
export interface StreamChunk {
  type: string;
  [field: string]: unknown;
}

/** Reads the route's server-sent UI message stream to the end. */
export async function readUIStream(response: Response): Promise<StreamChunk[]> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as StreamChunk);
}

/** The text the person would see: every text delta joined. */
export function streamedText(chunks: StreamChunk[]): string {
  return chunks
    .filter((chunk) => chunk.type === 'text-delta')
    .map((chunk) => chunk.delta)
    .join('');
}
