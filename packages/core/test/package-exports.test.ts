import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every file an entry loads, following relative imports and requires. */
function moduleGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, 'utf8');
  for (const match of source.matchAll(/(?:from\s*|import\s*\(|require\()\s*["'](\.[^"']+)["']/g)) {
    moduleGraph(join(dirname(entry), match[1]!), seen);
  }
  return seen;
}

function importsUndici(entry: string): boolean {
  return [...moduleGraph(join(root, entry))].some((file) =>
    /["']undici["']/.test(readFileSync(file, 'utf8')),
  );
}

describe('export conditions pick the transport', () => {
  it('edge, browser, Bun and Deno builds never load undici; the Node build does', () => {
    const root = manifest.exports['.'];
    for (const condition of ['edge-light', 'workerd', 'browser', 'bun', 'deno']) {
      expect(importsUndici(root[condition].import.default)).toBe(false);
      expect(importsUndici(root[condition].require.default)).toBe(false);
    }
    expect(importsUndici(root.node.import.default)).toBe(true);
    expect(importsUndici(root.node.require.default)).toBe(true);
  });

  it('the CommonJS build loads with require()', () => {
    const require = createRequire(import.meta.url);
    const core = require(join(root, manifest.exports['.'].node.require.default));
    expect(typeof core.APIFree).toBe('function');
    expect(new core.APIFree({ apiKey: 'k' }).baseURL).toBe('https://api.apifree.ai/v1');
  });
});
