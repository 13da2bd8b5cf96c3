// Compiled by ai-majors.test.ts with tsc, which must print nothing. The model this
// major's entry point returns is accepted where ai@5's functions take a model, with no
// cast. Each `@ts-expect-error` line is a wrong assignment ai@5's or the provider's types
// must reject; should one start to compile, tsc reports the directive as unused and the
// test fails.
import { apifree as apifreeV7 } from '@apifree/ai-sdk-provider';
import { apifree } from '@apifree/ai-sdk-provider/ai-v5';
import { apifree as apifreeV6 } from '@apifree/ai-sdk-provider/ai-v6';
import { generateText, type LanguageModel, streamText } from 'ai5';

const model: LanguageModel = apifree('gpt-4.1-mini');
export const generated = generateText({ model, prompt: 'Hi' });
export const streamed = streamText({ model: apifree('gpt-5-mini'), prompt: 'Hi' });

// @ts-expect-error ai@5 takes LanguageModelV2; the root entry point's model is a V4 one.
export const v4Model: LanguageModel = apifreeV7('gpt-4.1-mini');
// @ts-expect-error ai@5 takes LanguageModelV2; the ai-v6 entry point's model is a V3 one.
export const v3Model: LanguageModel = apifreeV6('gpt-4.1-mini');
// @ts-expect-error A model ID is a string.
export const numericModelId = apifree(41);
