/**
 * Every string a value shows when printed, joined: own properties (enumerable or not,
 * so an error's `message` and `stack` too), header and map entries, nested values up to
 * a depth. Works in every runtime (no `node:util`); used to decide whether a value
 * could reveal a secret, not to display it.
 */
export function describeValue(value: unknown): string {
  const parts: string[] = [];
  const seen = new WeakSet<object>();
  const visit = (current: unknown, depth: number): void => {
    if (typeof current === 'string') {
      parts.push(current);
      return;
    }
    if (typeof current !== 'object' && typeof current !== 'function') {
      if (current !== undefined) parts.push(String(current));
      return;
    }
    if (current === null || depth > 8 || seen.has(current)) return;
    seen.add(current);
    if (current instanceof Headers || current instanceof Map) {
      for (const [key, entry] of current as Iterable<[unknown, unknown]>) {
        visit(key, depth + 1);
        visit(entry, depth + 1);
      }
    }
    if (typeof current === 'function') return;
    for (const name of Object.getOwnPropertyNames(current)) {
      parts.push(name);
      let entry: unknown;
      try {
        entry = (current as Record<string, unknown>)[name];
      } catch {
        // A getter that throws shows nothing.
        continue;
      }
      visit(entry, depth + 1);
    }
  };
  visit(value, 0);
  return parts.join('\n');
}
