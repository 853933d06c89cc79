import { describe, expect, it } from 'vitest';
import { importTmxUnits, type ImportSettings } from '../../src/memory/import-corrections.ts';
import type { MemoryEntry } from '../../src/memory/memory.ts';
import { parseTmxDate, readTmx, tmxDate, writeTmx } from '../../src/memory/tmx.ts';
import { freshMemory } from './fixtures.ts';

const settings: ImportSettings = { sourceLang: 'fr', targets: ['en', 'kk', 'zh-Hant'], editor: 'importer', now: Date.UTC(2025, 0, 2) };
const entries: MemoryEntry[] = [
  {
    source: 'Il a signé.',
    lang: 'en',
    text: 'He signed.',
    approved: true,
    editor: 'alice',
    updatedAt: Date.UTC(2024, 4, 1, 9, 30, 5),
    machine: 'He has signé.',
  },
  {
    source: 'Les prix < 5 % & « stables ».',
    lang: 'kk',
    text: 'Бағалар < 5 % & «тұрақты».',
    approved: false,
    editor: 'Ерлан',
    updatedAt: Date.UTC(2024, 4, 2),
  },
  { source: 'Il a signé.', lang: 'zh-Hant', text: '他簽了字。', approved: false, editor: 'bob', updatedAt: Date.UTC(2024, 4, 3) },
];

describe('TMX 1.4b', () => {
  it('round-trips a memory between desks: every entry comes back with its text, approval, editor, date and machine output', () => {
    const desk1 = freshMemory();
    desk1.put(entries);
    const tmx = writeTmx(desk1.all(), { sourceLang: 'fr', toolVersion: '0.1.0', now: settings.now });
    expect(tmx).toContain('<tmx version="1.4">');
    expect(tmx).toContain('srclang="fr"');
    expect(tmx).toContain('<tuv xml:lang="zh-Hant"><seg>他簽了字。</seg></tuv>');
    const desk2 = freshMemory();
    const outcome = importTmxUnits(desk2, readTmx(tmx, 'desk1.tmx', 'fr'), settings);
    desk2.put(outcome.stored);
    expect([outcome.stored.length, outcome.unchanged, outcome.refused]).toEqual([3, 0, []]);
    expect(desk2.all()).toEqual(desk1.all());
    // Importing the same file again changes nothing.
    const again = importTmxUnits(desk2, readTmx(tmx, 'desk1.tmx', 'fr'), settings);
    expect([again.stored, again.unchanged]).toEqual([[], 3]);
  });

  it('keeps an entry here that is newer than the file’s, and replaces an older one', () => {
    const here = freshMemory();
    here.put([
      { ...entries[0], text: 'He signed it.', updatedAt: Date.UTC(2024, 5, 1) },
      { ...entries[1], text: 'Бағалар.', updatedAt: Date.UTC(2024, 0, 1) },
    ]);
    const outcome = importTmxUnits(here, readTmx(writeTmx(entries.slice(0, 2), { sourceLang: 'fr', toolVersion: '0', now: 0 }), 'x.tmx', 'fr'), settings);
    expect(outcome.stored.map((e) => e.text)).toEqual(['Бағалар < 5 % & «тұрақты».']);
    expect(outcome.unchanged).toBe(1);
  });

  it('reads a CAT tool’s TMX: inline codes left out, TMX 1.1 `lang`, the importer as editor when the file names nobody', () => {
    const tmx = `<?xml version="1.0"?><tmx version="1.4"><header srclang="*all*" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body>
      <tu tuid="7"><tuv xml:lang="FR"><seg>Il a <bpt i="1">&lt;b&gt;</bpt>signé<ept i="1">&lt;/b&gt;</ept>.</seg></tuv><tuv lang="en"><seg>He <hi>signed</hi>.</seg></tuv></tu>
    </body></tmx>`;
    const outcome = importTmxUnits(freshMemory(), readTmx(tmx, 'cat.tmx', 'fr'), settings);
    expect(outcome.stored).toEqual([{ source: 'Il a signé.', lang: 'en', text: 'He signed.', approved: false, editor: 'importer', updatedAt: settings.now }]);
  });

  it('refuses translations into languages the config does not make, and empty segments, with reasons', () => {
    const tmx = `<tmx version="1.4"><header srclang="fr"/><body>
      <tu><tuv xml:lang="fr"><seg>Il a signé.</seg></tuv><tuv xml:lang="de"><seg>Er hat unterschrieben.</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>
      <tu><tuv xml:lang="en-US"><seg>He signed.</seg></tuv><tuv xml:lang="kk"><seg>Ол қол қойды.</seg></tuv></tu>
    </body></tmx>`;
    const outcome = importTmxUnits(freshMemory(), readTmx(tmx, 'mixed.tmx', 'fr'), settings);
    expect(outcome.stored).toEqual([]);
    expect(outcome.refused).toEqual([
      { file: 'mixed.tmx', unit: 'tu 1', reason: 'wrong languages fr → de; expected fr → one of en, kk, zh-Hant' },
      { file: 'mixed.tmx', unit: 'tu 1', reason: 'empty target segment' },
      { file: 'mixed.tmx', unit: 'tu 2', reason: 'wrong languages (none) → en-US; expected fr → one of en, kk, zh-Hant' },
      { file: 'mixed.tmx', unit: 'tu 2', reason: 'wrong languages (none) → kk; expected fr → one of en, kk, zh-Hant' },
    ]);
  });

  it('writes and reads TMX dates (UTC, to the second)', () => {
    expect(tmxDate(Date.UTC(2024, 4, 1, 9, 30, 5, 750))).toBe('20240501T093005Z');
    expect(parseTmxDate('20240501T093005Z')).toBe(Date.UTC(2024, 4, 1, 9, 30, 5));
    expect(parseTmxDate('2024-05-01')).toBeUndefined();
  });
});
