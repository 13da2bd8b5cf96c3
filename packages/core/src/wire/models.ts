/**
 * The models APIFree documents for `POST /v1/responses`.
 * Any other string is accepted too: APIFree adds models faster than packages ship.
 */
export const APIFREE_MODEL_IDS = [
  'gpt-5.4',
  'gpt-5.4-mini',
  'gpt-5.4-nano',
  'gpt-5.2',
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4o',
  'gpt-4o-mini',
] as const;

/** A documented model ID. */
export type KnownModelId = (typeof APIFREE_MODEL_IDS)[number];

/** A model ID: the documented ones autocomplete, any other string is allowed. */
export type ModelId = KnownModelId | (string & {});

/** What a model supports, for adapters that must tell their framework. */
export interface ModelInfo {
  id: string;
  /** Reasoning models reject `temperature` and `top_p` and produce reasoning items. */
  reasoning: boolean;
  /** Accepts `input_image` parts. */
  imageInput: boolean;
  /** Accepts `input_file` (PDF) parts. */
  fileInput: boolean;
  /** Context window in tokens. */
  contextWindow: number;
  /** Largest `max_output_tokens` the model accepts. */
  maxOutputTokens: number;
}

// Token limits as OpenAI publishes them for these model families (platform.openai.com/docs/models).
const GPT5 = {
  reasoning: true,
  imageInput: true,
  fileInput: true,
  contextWindow: 400_000,
  maxOutputTokens: 128_000,
};
const GPT41 = {
  reasoning: false,
  imageInput: true,
  fileInput: true,
  contextWindow: 1_047_576,
  maxOutputTokens: 32_768,
};
const GPT4O = {
  reasoning: false,
  imageInput: true,
  fileInput: true,
  contextWindow: 128_000,
  maxOutputTokens: 16_384,
};

const CATALOGUE: Record<KnownModelId, Omit<ModelInfo, 'id'>> = {
  'gpt-5.4': { ...GPT5, contextWindow: 1_050_000 },
  'gpt-5.4-mini': GPT5,
  'gpt-5.4-nano': GPT5,
  'gpt-5.2': GPT5,
  'gpt-5': GPT5,
  'gpt-5-mini': GPT5,
  'gpt-5-nano': GPT5,
  'gpt-4.1': GPT41,
  'gpt-4.1-mini': GPT41,
  'gpt-4o': GPT4O,
  'gpt-4o-mini': GPT4O,
};

/** True when `modelId` is one of the documented models. */
export function isKnownModel(modelId: string): modelId is KnownModelId {
  return Object.hasOwn(CATALOGUE, modelId);
}

/**
 * True for reasoning models (the gpt-5 family and OpenAI's o-series), which reject
 * `temperature` and `top_p`. Unknown models are judged by their family prefix.
 *
 * @example
 * isReasoningModel('gpt-5-mini'); // true
 * isReasoningModel('gpt-4.1');    // false
 */
export function isReasoningModel(modelId: string): boolean {
  if (isKnownModel(modelId)) return CATALOGUE[modelId].reasoning;
  return /^(gpt-5|o\d)/.test(modelId) && !modelId.startsWith('gpt-5-chat');
}

/**
 * What APIFree's catalogue says about a model, or `undefined` for a model it does not
 * document.
 */
export function getModelInfo(modelId: string): ModelInfo | undefined {
  return isKnownModel(modelId) ? { id: modelId, ...CATALOGUE[modelId] } : undefined;
}
