// Compiled by ai-majors.test.ts with tsc, which must print nothing. The model this
// major's entry point returns is accepted where ai@7's functions take a model, with no
// cast. Each `@ts-expect-error` line is a wrong assignment ai@7's or the provider's types
// must reject; should one start to compile, tsc reports the directive as unused and the
// test fails.
import { apifree } from '@apifree/ai-sdk-provider';
import { generateText, type LanguageModel, streamText } from 'ai7';

const model: LanguageModel = apifree('gpt-4.1-mini');
export const generated = generateText({ model, prompt: 'Hi' });
export const streamed = streamText({ model: apifree('gpt-5-mini'), prompt: 'Hi' });

// @ts-expect-error A model is a model ID or a model object, not a number.
export const numericModel: LanguageModel = 41;
// @ts-expect-error A model ID is a string.
export const numericModelId = apifree(41);
