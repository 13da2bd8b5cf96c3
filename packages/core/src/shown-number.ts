/**
 * How an error names a value that should have been a number: a number as itself, anything
 * else by its type (a string's content is not repeated: it could be anything, even a key).
 *
 * @example
 * shownNumber(-1); // '-1'
 * shownNumber('100'); // 'a string'
 */
export function shownNumber(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
