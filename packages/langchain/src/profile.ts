import { getModelInfo, isReasoningModel } from '@apifree/core';
import type { ModelProfile } from '@langchain/core/language_models/profile';

/**
 * What a model supports, in the shape LangChain agents read (`model.profile`).
 * `createAgent` uses `structuredOutput` to choose native JSON-schema output over a
 * tool-based strategy; summarization middleware reads the token limits.
 *
 * @example
 * getModelProfile('gpt-4.1-mini').structuredOutput; // true
 */
export function getModelProfile(modelId: string): ModelProfile {
  const info = getModelInfo(modelId);
  const profile: ModelProfile = {
    toolCalling: true,
    toolChoice: true,
    structuredOutput: true,
    midConversationSystemMessages: true,
    midConversationTools: true,
    reasoningOutput: info?.reasoning ?? isReasoningModel(modelId),
    imageInputs: info?.imageInput ?? true,
    imageUrlInputs: info?.imageInput ?? true,
    pdfInputs: info?.fileInput ?? true,
    imageToolMessage: true,
    pdfToolMessage: true,
    audioInputs: false,
    videoInputs: false,
    imageOutputs: false,
    audioOutputs: false,
    videoOutputs: false,
  };
  if (info) {
    profile.maxInputTokens = info.contextWindow;
    profile.maxOutputTokens = info.maxOutputTokens;
  }
  return profile;
}
