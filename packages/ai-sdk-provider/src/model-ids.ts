import type { KnownModelId } from '@apifree/core';

/**
 * A model ID for `apifree(modelId)`. The models APIFree documents autocomplete; any
 * other string is accepted because APIFree adds models faster than packages ship.
 *
 * @example
 * const modelId: APIFreeModelId = 'gpt-4.1-mini';
 */
export type APIFreeModelId = KnownModelId | (string & {});
