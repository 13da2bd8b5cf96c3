export { APIFreeLanguageModel } from './apifree-language-model';
export {
  type APIFreeLanguageModelOptions,
  apifreeLanguageModelOptionsSchema,
} from './apifree-language-model-options';
export {
  type APIFreeProvider,
  type APIFreeProviderSettings,
  apifree,
  createAPIFree,
} from './apifree-provider';
export type { APIFreeModelId } from './model-ids';
