import { expect, it } from 'vitest';
import * as audarma from '../src/index.ts';

it('exposes a small, named public API', () => {
  expect(Object.keys(audarma).sort()).toEqual([
    'ConfigError',
    'ConfigSchema',
    'PipelineSchema',
    'ResultSchema',
    'RunReportSchema',
    'STEPS',
    'createGateway',
    'defineStep',
    'formatProblem',
    'loadConfig',
    'loadGlossary',
    'loadPipeline',
    'readDocument',
    'runBatch',
    'segmentFrench',
    'validateConfig',
    'validateProject',
  ]);
});
