// Compiled by ai-majors.test.ts: the model this major's entry point returns must be
// accepted where ai@6's functions take a model, in a program checked by tsc.
import { apifree } from '@apifree/ai-sdk-provider/ai-v6';
import { generateText, type LanguageModel, streamText } from 'ai6';

const model: LanguageModel = apifree('gpt-4.1-mini');
export const generated = generateText({ model, prompt: 'Hi' });
export const streamed = streamText({ model: apifree('gpt-5-mini'), prompt: 'Hi' });
