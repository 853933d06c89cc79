import { expect, it } from 'vitest';
import * as audarma from '../src/index.ts';
import { TINY_CONFIG } from './integration/helpers.ts';
import { tmp } from './integration/project.ts';

it('exposes a small, named public API', () => {
  expect(Object.keys(audarma).sort()).toEqual([
    'ConfigError',
    'ConfigSchema',
    'PipelineSchema',
    'ResultSchema',
    'RunReportSchema',
    'STEPS',
    'createGateway',
    'formatProblem',
    'loadConfig',
    'loadGlossary',
    'loadPipeline',
    'openMemory',
    'openRuntime',
    'openTextService',
    'readDocument',
    'runBatch',
    'segmentFrench',
    'validateConfig',
    'validateProject',
  ]);
});

it('translates texts as the server does: open the runtime, open the text service, translate, close', async () => {
  const runtime = await audarma.openRuntime({ config: TINY_CONFIG, cacheDir: tmp('library-cache'), texts: true });
  const service = await audarma.openTextService(runtime);
  try {
    const [out] = await service.translate(['Le président a visité la Chine.'], 'ru', 'txt');
    expect(out).toEqual({
      text: 'Президент посетил Китай.',
      flags: [],
      terms: [],
      route: ['fr', 'ru'],
      models: ['audarma-tiny/opus-mt-fr-ru'],
      memory: 0,
      confidence: 1,
    });
  } finally {
    service.close();
    await runtime.close();
  }
});
