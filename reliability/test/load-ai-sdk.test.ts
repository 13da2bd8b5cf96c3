import { describe } from 'vitest';
import { defineLoadRuns } from '../src/load-suite';

describe('load with faults through ai@7 streamText over @apifree/ai-sdk-provider', () => {
  defineLoadRuns('ai-sdk');
});
