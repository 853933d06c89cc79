// Benchmark text: deterministic, realistic lengths, and every word a token of the bench model's
// full 59,514-entry tokenizer (written without the ONNX files, through the same builder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBenchModel } from '../../bench/model/build.ts';
import { benchArticles, benchSegments } from '../../bench/segments.ts';

const root = mkdtempSync(join(tmpdir(), 'bench-tok-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('bench segments', () => {
  it('are deterministic per seed', () => {
    expect(benchSegments(30, 1)).toEqual(benchSegments(30, 1));
    expect(benchSegments(30, 2)).not.toEqual(benchSegments(30, 1));
    expect(benchSegments(10)).toEqual(benchSegments(200).slice(0, 10));
  });

  it('have heading (4–8), sentence (15–30) and long (40–60) word counts', () => {
    const counts = benchSegments(200).map(wordCount);
    const kind = (n: number) => (n >= 4 && n <= 8 ? 'heading' : n >= 15 && n <= 30 ? 'normal' : n >= 40 && n <= 60 ? 'long' : 'other');
    const kinds = counts.map(kind);
    expect(kinds.filter((k) => k === 'other')).toEqual([]);
    expect(kinds.filter((k) => k === 'normal').length).toBeGreaterThan(120);
    expect(kinds.filter((k) => k === 'heading').length).toBeGreaterThan(10);
    expect(kinds.filter((k) => k === 'long').length).toBeGreaterThan(10);
  });

  it('tokenize without <unk> with the full bench tokenizer', async () => {
    await buildBenchModel(join(root, 'bench/tok'), { variants: [] });
    env.localModelPath = root;
    env.allowRemoteModels = false;
    env.logLevel = LogLevel.ERROR;
    const tok = await AutoTokenizer.from_pretrained('bench/tok');
    const texts = [...benchSegments(200), ...benchArticles(3)];
    let tokens = 0;
    for (const t of texts) {
      const ids = tok.encode(t, { add_special_tokens: false });
      expect(
        ids.filter((id) => id === 1),
        t,
      ).toEqual([]);
      tokens += ids.length;
    }
    expect(tokens / texts.length).toBeGreaterThan(20);
  });

  it('make articles of a title and paragraphs, blank-line separated', () => {
    const [a, b] = benchArticles(2, 7);
    expect(benchArticles(2, 7)).toEqual([a, b]);
    const blocks = a.split('\n\n');
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    expect(blocks[0]).not.toMatch(/\.$/);
    expect(wordCount(blocks[0])).toBeLessThanOrEqual(8);
    expect(blocks.slice(1).some((p) => p.endsWith('.'))).toBe(true);
  });
});
