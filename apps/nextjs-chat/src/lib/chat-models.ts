import { APIFREE_MODEL_IDS, isReasoningModel, type KnownModelId } from '@apifree/core/wire';

/** The models the picker offers: the ones APIFree documents. */
export const CHAT_MODEL_IDS = APIFREE_MODEL_IDS;

export type ChatModelId = KnownModelId;

export const DEFAULT_CHAT_MODEL: ChatModelId = 'gpt-4.1-mini';

/** True when `value` is a model the picker offers; the route refuses anything else. */
export function isChatModelId(value: unknown): value is ChatModelId {
  return typeof value === 'string' && (CHAT_MODEL_IDS as readonly string[]).includes(value);
}

/** Reasoning models think before answering; the picker marks them so people know why. */
export function thinksFirst(modelId: ChatModelId): boolean {
  return isReasoningModel(modelId);
}
