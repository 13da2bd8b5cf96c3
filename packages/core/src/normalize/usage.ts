/**
 * Token usage, checked. Cached (read and written) tokens are part of `inputTokens`,
 * reasoning tokens part of `outputTokens`. A count the server did not send, or sent as
 * something other than a non-negative integer, is `undefined`; `raw` keeps what it sent.
 */
export interface Usage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** As the server reports it, else input + output when both are known. */
  totalTokens: number | undefined;
  cachedInputTokens: number | undefined;
  cacheWriteTokens: number | undefined;
  reasoningTokens: number | undefined;
  /** The `usage` object as received. */
  raw: Record<string, unknown>;
}

function count(
  source: unknown,
  field: string,
  path: string,
  warnings: string[],
): number | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  // The value itself is not quoted: a hostile server could echo a secret in it.
  const sent = typeof value === 'number' ? `the number ${value}` : `a ${typeof value}`;
  warnings.push(`usage.${path} was dropped: the server sent ${sent}, not a token count.`);
  return undefined;
}

/**
 * Reads a response's `usage`. Bad counts (strings such as `"10"`, negative or fractional
 * numbers) are dropped with a warning rather than failing an answer that is otherwise
 * fine: usage is accounting, and guessing (`"10"` + `"5"` is `"105"` in JavaScript) would
 * report a wrong bill.
 *
 * @example
 * normalizeUsage({ input_tokens: 10, output_tokens: '5', total_tokens: 15 });
 * // { usage: { inputTokens: 10, outputTokens: undefined, totalTokens: 15, … }, warnings: ['usage.output_tokens was dropped: …'] }
 */
export function normalizeUsage(raw: unknown): { usage: Usage | undefined; warnings: string[] } {
  if (typeof raw !== 'object' || raw === null) return { usage: undefined, warnings: [] };
  const warnings: string[] = [];
  const source = raw as Record<string, unknown>;
  const inputTokens = count(source, 'input_tokens', 'input_tokens', warnings);
  const outputTokens = count(source, 'output_tokens', 'output_tokens', warnings);
  const reportedTotal = count(source, 'total_tokens', 'total_tokens', warnings);
  const input = source.input_tokens_details;
  const output = source.output_tokens_details;
  return {
    usage: {
      inputTokens,
      outputTokens,
      totalTokens:
        reportedTotal ??
        (inputTokens !== undefined && outputTokens !== undefined
          ? inputTokens + outputTokens
          : undefined),
      cachedInputTokens: count(
        input,
        'cached_tokens',
        'input_tokens_details.cached_tokens',
        warnings,
      ),
      cacheWriteTokens: count(
        input,
        'cache_write_tokens',
        'input_tokens_details.cache_write_tokens',
        warnings,
      ),
      reasoningTokens: count(
        output,
        'reasoning_tokens',
        'output_tokens_details.reasoning_tokens',
        warnings,
      ),
      raw: source,
    },
    warnings,
  };
}
