import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transliterateKazakh } from '../../src/derive/kk-latn.ts';
import { toTraditional } from '../../src/derive/zh-hant.ts';
import { loadGlossary, spellingFor } from '../../src/glossary/index.ts';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';

// An article shaped like the user's sample (title, kicker, two headings, five paragraphs, a
// newsletter footer) through the shipped pipeline with the tiny models and the shipped glossary.
const seed = path.resolve(REPO, 'tests', 'fixtures', 'articles', 'delegation.fr.txt');
const out = mkdtempSync(path.join(tmpdir(), 'audarma-seed-'));
const run = await cli(['translate', seed, '--config', TINY_CONFIG, '--out', out, '--cache-dir', path.join(out, '.cache')]);
const result: Result = ResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'delegation-fr/result.json'), 'utf8')));
const editions = ['en', 'kk', 'ru', 'zh', 'kk-Latn', 'zh-Hant'];

describe('a seed-shaped article through the shipped pipeline', () => {
  it('keeps exactly 9 blocks in every edition: title, kicker, 2 headings, 5 paragraphs, no footer', async () => {
    expect(run.code).toBe(0);
    const types = ['title', 'kicker', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph'];
    expect(result.source.blocks.map((b) => b.type)).toEqual(types);
    expect(Object.keys(result.targets).sort()).toEqual([...editions].sort());
    for (const lang of editions) expect(result.targets[lang].blocks.map((b) => b.type)).toEqual(types);
    expect(result.source.dropped.map((b) => b.text)).toEqual(['Newsletter', 'Pour rester informé des actualités de l’Asie centrale']);
  });

  it('records the sentences of each source block', async () => {
    expect(result.source.blocks[2].segments).toHaveLength(1);
    expect(result.source.blocks[4].segments).toHaveLength(3);
    for (const b of result.source.blocks) expect(b.segments.join(' ')).toBe(b.text);
  });

  it('spells every glossary name exactly as the glossary says, in every edition, as often as the source names it', async () => {
    const glossary = await loadGlossary(path.join(REPO, 'glossary.yaml'));
    const derived: Record<string, [string, (s: string) => string]> = { 'kk-Latn': ['kk', transliterateKazakh], 'zh-Hant': ['zh', toTraditional] };
    const count = (text: string, term: string) => text.split(term).length - 1;
    const source = result.source.blocks.map((b) => b.text).join('\n');
    let checked = 0;
    for (const entry of glossary.entries) {
      const times = count(source, entry.source);
      if (times === 0) continue;
      for (const lang of editions) {
        const [base, convert] = derived[lang] ?? [lang, (s: string) => s];
        const spelling = convert(spellingFor(entry, base).text);
        const text = result.targets[lang].blocks.map((b) => b.text).join('\n');
        expect(count(text, spelling), `${entry.source} in ${lang} as ${spelling}`).toBe(times);
        checked++;
      }
    }
    expect(checked).toBe(glossary.entries.length * editions.length);
    expect(result.targets['kk-Latn'].blocks[2].text).toContain('Erlan Qoşanov');
    expect(result.targets['zh-Hant'].blocks[2].text).toContain('葉爾蘭·科沙諾夫');
  });

  it('derives kk-Latn and zh-Hant without a model and names the route', async () => {
    expect(result.targets['kk-Latn'].route).toEqual(['fr', 'kk', 'kk-Latn']);
    expect(result.targets['kk-Latn'].models).toEqual(['audarma-tiny/nllb-tiny', 'kk-latn-2021']);
    expect(result.targets['zh-Hant'].route).toEqual(['fr', 'en', 'zh', 'zh-Hant']);
    expect(result.targets['zh-Hant'].blocks[0].text).toBe(toTraditional(result.targets.zh.blocks[0].text));
    expect(result.targets['kk-Latn'].summary).toBe(transliterateKazakh(result.targets.kk.summary!));
  });
});
