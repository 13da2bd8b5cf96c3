import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The real folders of the `zod` that a project, our provider's `@ai-sdk/provider-utils`
 * and each ai major's `@ai-sdk/provider-utils` load, for the project at `projectUrl`.
 * One folder repeated means one copy of zod serves them all.
 *
 * @example
 * const { project, seen } = zodCopies(import.meta.url);
 */
export function zodCopies(projectUrl: string): {
  project: string;
  version: string;
  seen: string[];
} {
  const require = createRequire(projectUrl);
  const folderOf = (resolve: NodeJS.Require, name: string) =>
    realpathSync(dirname(resolve.resolve(`${name}/package.json`)));
  const zodOf = (packageName: string) =>
    folderOf(
      createRequire(require.resolve(`${packageName}/package.json`)),
      '@ai-sdk/provider-utils',
    );
  const providerUtilsFolders = ['@apifree/ai-sdk-provider', 'ai5', 'ai6', 'ai7'].map(zodOf);
  return {
    project: folderOf(require, 'zod'),
    version: require('zod/package.json').version,
    seen: providerUtilsFolders.map((folder) => folderOf(createRequire(`${folder}/`), 'zod')),
  };
}
