import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import type { Result } from '../../src/output/result-schema.ts';
import { writeArticles } from './generate-articles.ts';
import { addUnknownToDecoder, copyTinyModel, limitPositions, modelsDir } from './model-variants.ts';
import { cliAsync } from './helpers.ts';
import { project, tmp } from './project.ts';

// What a user sees when a model breaks: one bad segment, a looping output, a file that will not load.
const models = modelsDir();
const broken = copyTinyModel(models, 'opus-mt-fr-en', 'broken-fr-en');
truncateSync(path.join(broken, 'onnx/decoder_model_merged.onnx'), 1000);
addUnknownToDecoder(copyTinyModel(models, 'opus-mt-fr-en', 'kaboom-fr-en'), 'Kaboom');
limitPositions(copyTinyModel(models, 'loop-fr-en', 'loop-512'), 512);

const enProject = (id: string, extra: string[] = [], workers = 0) =>
  project([
    `models: { dir: ${models} }`,
    'catalogue:',
    `  fr-en: { id: audarma-test/${id}, task: translation, pairs: [{ from: fr, to: en }], batchSize: 4, ${extra.join(', ')} }`,
    'targets:',
    '  en: { model: fr-en, script: Latn }',
    `inference: { workers: ${workers}, intraOpThreads: 1 }`,
  ]);

async function run(dir: string, input: string, out = tmp('out')) {
  const r = await cliAsync(['run', '--input', input, '--out', out, '--cache-dir', path.join(dir, 'cache')], dir).done;
  const report = (): RunReport => RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
  return { ...r, out, report };
}

// CLI runs on a shared machine: generous timeouts.
describe('a batch that fails', { timeout: 180_000 }, () => {
  it('is retried in halves: the bad segment fails its article alone, with its reason; the other articles are written', async () => {
    const input = tmp('input');
    writeArticles(input, 3);
    // Four segments: a title and three sentences, the second holding a token the decoder cannot look up.
    writeFileSync(
      path.join(input, 'bad.fr.txt'),
      'Le sommet\n\nLe président a visité la capitale. La délégation a signé Kaboom à Astana. Le ministre a présenté le projet.\n',
    );
    const dir = enProject('kaboom-fr-en');
    const first = await run(dir, input);
    expect(first.code).toBe(1);
    const report = first.report();
    expect(report.documents).toEqual({ total: 4, done: 3, failed: 1, unchanged: 0 });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0].file).toBe(path.join(input, 'bad.fr.txt'));
    expect(report.failures[0].reason).toMatch(
      /^could not translate "La délégation a signé Kaboom à Astana\.": Non-zero status code returned while running Gather node\. .*indices element out of data bounds/,
    );
    const ok: Result = JSON.parse(readFileSync(path.join(first.out, 'article-000-fr/result.json'), 'utf8'));
    expect(ok.targets.en.blocks[0].text).toBe('Article 0 : Astana and the cooperation');

    // The bad article's three good segments were translated and kept: a rerun only tries the bad one.
    const second = await run(dir, input, first.out);
    expect(second.code).toBe(1);
    expect(second.report().documents).toEqual({ total: 4, done: 0, failed: 1, unchanged: 3 });
    expect(second.report().segments).toEqual({ translated: 0, cached: 3, memory: 0 });
  });

  it('a segment looping past the 512 decoder positions of a Marian-sized model gets a flag, not a failed batch', async () => {
    const input = tmp('input');
    mkdirSync(input, { recursive: true });
    writeFileSync(path.join(input, 'a.fr.txt'), 'Le sommet\n\nLe président a visité la capitale.\n');
    writeFileSync(path.join(input, 'b.fr.txt'), 'La rencontre\n\nLa délégation a signé un accord.\n');
    // No maxInputTokens: the model's 512 is the input limit, so 776 new tokens would be the default.
    const r = await run(enProject('loop-512', ['loopRetry: false']), input);
    expect(r.stderr).not.toContain('Gather');
    expect(r.code).toBe(0);
    expect(r.report().documents.done).toBe(2);
    expect(r.report().flags.repetition).toBe(4);
    const result: Result = JSON.parse(readFileSync(path.join(r.out, 'a-fr/result.json'), 'utf8'));
    const segment = result.targets.en.blocks[1].segments[0];
    expect(segment.flags?.map((f) => f.kind)).toContain('repetition');
    // 512 new tokens: 511 of "sorry" and "," in turn ("sorry, sorry, … sorry"), then the forced end.
    expect(segment.text.split(' ')).toHaveLength(256);
    expect(segment.text.startsWith('sorry, sorry, sorry,')).toBe(true);
  });
});

describe('a model that cannot be loaded', { timeout: 180_000 }, () => {
  it.each([0, 2])('stops the run once with exit 2, naming the model, the file and the cause (workers: %i)', async (workers) => {
    const input = tmp('input');
    writeArticles(input, 3);
    const r = await run(enProject('broken-fr-en', [], workers), input);
    const message = `audarma: model audarma-test/broken-fr-en could not be loaded from ${path.join(broken, 'onnx/decoder_model_merged.onnx')}: Protobuf parsing failed.\n`;
    expect(r.stderr).toContain(message);
    expect(r.stderr.split('could not be loaded')).toHaveLength(2);
    expect(r.code).toBe(2);
    expect(() => readFileSync(path.join(r.out, 'article-000-fr/result.json'))).toThrow();
  });
});
