export type { APIFreeLanguageModelOptions } from '../apifree-language-model-options';
export type { APIFreeProviderSettings } from '../apifree-provider';
export type { APIFreeModelId } from '../model-ids';
export { APIFreeLanguageModelV3 } from './apifree-language-model-v3';
export {
  type APIFreeProviderV3 as APIFreeProvider,
  apifree,
  createAPIFree,
} from './apifree-provider-v3';
