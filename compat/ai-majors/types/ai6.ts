// Compiled by ai-majors.test.ts with tsc, which must print nothing. The model this
// major's entry point returns is accepted where ai@6's functions take a model, with no
// cast. Each `@ts-expect-error` line is a wrong assignment ai@6's or the provider's types
// must reject; should one start to compile, tsc reports the directive as unused and the
// test fails.
import { apifree as apifreeV7 } from '@apifree/ai-sdk-provider';
import { apifree } from '@apifree/ai-sdk-provider/ai-v6';
import { generateText, type LanguageModel, streamText } from 'ai6';

const model: LanguageModel = apifree('gpt-4.1-mini');
export const generated = generateText({ model, prompt: 'Hi' });
export const streamed = streamText({ model: apifree('gpt-5-mini'), prompt: 'Hi' });

// @ts-expect-error ai@6 takes LanguageModelV3 or V2; the root entry point's model is a V4 one.
export const v4Model: LanguageModel = apifreeV7('gpt-4.1-mini');
// @ts-expect-error A model ID is a string.
export const numericModelId = apifree(41);
