import { describe } from 'vitest';
import { defineLoadRuns } from '../src/load-suite';

describe('load with faults through @apifree/core', () => {
  defineLoadRuns('core');
});
