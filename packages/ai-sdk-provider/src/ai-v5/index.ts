export type { APIFreeLanguageModelOptions } from '../apifree-language-model-options';
export type { APIFreeProviderSettings } from '../apifree-provider';
export type { APIFreeModelId } from '../model-ids';
export { APIFreeLanguageModelV2 } from './apifree-language-model-v2';
export {
  type APIFreeProviderV2 as APIFreeProvider,
  apifree,
  createAPIFree,
} from './apifree-provider-v2';
