// A word, a number, one punctuation mark, or trailing whitespace: close enough to BPE
// token counts for English prose, and cheap to compute.
const TOKEN_PATTERN = /\s*[\p{L}\p{M}\p{N}_]+|\s*[^\s\p{L}\p{M}\p{N}_]|\s+$/gu;

/**
 * Splits text into the pieces the simulator streams as deltas and counts as tokens.
 * Joining the pieces gives back the text.
 *
 * @example
 * splitTokens('Hello, world!'); // ['Hello', ',', ' world', '!']
 */
export function splitTokens(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** The number of tokens the simulator counts for `text`. */
export function countTokens(text: string): number {
  let count = 0;
  TOKEN_PATTERN.lastIndex = 0;
  while (TOKEN_PATTERN.exec(text) !== null) count++;
  return count;
}
