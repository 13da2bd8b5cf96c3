import type { TransportBody } from './transport/transport';

/**
 * Reads a response body as UTF-8 text, at most `limit` bytes. A longer body is cut at
 * the limit and closed, so a server cannot make the client hold an unbounded string (or
 * fail with `ERR_STRING_TOO_LONG` after transferring gigabytes).
 */
export async function readBounded(
  body: TransportBody,
  limit: number,
): Promise<{ text: string; truncated: boolean }> {
  const decoder = new TextDecoder();
  const iterator = body[Symbol.asyncIterator]();
  let text = '';
  let bytes = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { text: text + decoder.decode(), truncated: false };
    const chunk = next.value;
    if (bytes + chunk.length > limit) {
      text += decoder.decode(chunk.subarray(0, limit - bytes));
      body.cancel();
      return { text, truncated: true };
    }
    bytes += chunk.length;
    text += decoder.decode(chunk, { stream: true });
  }
}
