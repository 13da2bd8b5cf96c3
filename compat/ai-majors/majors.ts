import { createAPIFree as createAPIFreeV7 } from '@apifree/ai-sdk-provider';
import { createAPIFree as createAPIFreeV5 } from '@apifree/ai-sdk-provider/ai-v5';
import { createAPIFree as createAPIFreeV6 } from '@apifree/ai-sdk-provider/ai-v6';
import * as ai5 from 'ai5';
import * as ai6 from 'ai6';
import * as ai7 from 'ai7';

/** The model argument every major takes: a provider's model for that major. */
type ModelFactory = (settings: {
  apiKey: string;
  baseURL: string;
}) => (modelId: string) => ai7.LanguageModel;

/** One AI SDK major with the entry point of our provider meant for it. */
export interface Major {
  name: 'ai@5' | 'ai@6' | 'ai@7';
  /**
   * The major's functions. Typed as ai@7's: the calls these tests make
   * (generateText, streamText, tool, stepCountIs, Output) take the same options in all
   * three, and where they differ (structured output on ai@5) the tests branch on `name`.
   */
  sdk: typeof ai7;
  createProvider: ModelFactory;
}

export const MAJORS: Major[] = [
  {
    name: 'ai@5',
    sdk: ai5 as unknown as typeof ai7,
    createProvider: createAPIFreeV5 as unknown as ModelFactory,
  },
  {
    name: 'ai@6',
    sdk: ai6 as unknown as typeof ai7,
    createProvider: createAPIFreeV6 as unknown as ModelFactory,
  },
  { name: 'ai@7', sdk: ai7, createProvider: createAPIFreeV7 },
];
