import { build } from 'esbuild';

/**
 * Bundles `entry` (module source, resolved from this folder) the way a platform's
 * bundler would: `conditions` first, then `browser`/`module`/`main` fields, `node:`
 * built-ins left to the runtime.
 *
 * @example
 * const script = await bundle("export { x } from './x.ts';", { format: 'esm', conditions: ['workerd', 'worker', 'browser'] });
 */
export async function bundle(
  entry: string,
  options: { format: 'esm' | 'iife'; conditions: string[]; globalName?: string },
): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    write: false,
    format: options.format,
    ...(options.globalName !== undefined && { globalName: options.globalName }),
    platform: 'neutral',
    conditions: options.conditions,
    mainFields: ['browser', 'module', 'main'],
    external: ['node:*'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
