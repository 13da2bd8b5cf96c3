import { describe } from 'vitest';
import { defineLoadRuns } from '../src/load-suite';

describe('load with faults through ChatAPIFree.stream of @apifree/langchain', () => {
  defineLoadRuns('langchain');
});
