import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleMemory, entriesForResult, withMemory } from '../../src/memory/article-memory.ts';
import { MEMORY_FILE, MemoryUnusableError, openMemory, type MemoryEntry } from '../../src/memory/memory.ts';
import { normalizeSegment, segmentId } from '../../src/memory/normalize.ts';
import { freshMemory, sampleResult, tmp } from './fixtures.ts';

const entry = (source: string, lang: string, text: string, extra: Partial<MemoryEntry> = {}): MemoryEntry => ({
  source: normalizeSegment(source),
  lang,
  text,
  approved: false,
  editor: 'alice',
  updatedAt: 1_700_000_000_000,
  ...extra,
});

describe('the translation memory file', () => {
  it('finds an entry by its source sentence written with other spaces or another Unicode composition', () => {
    const memory = freshMemory();
    memory.put([entry('Le ministre a signé.', 'en', 'The minister signed.', { machine: 'The minister has signé.' })]);
    // NFD "é" (e + combining accent), a line break and doubled spaces: the same sentence to an editor.
    expect(memory.get('Le  ministre\na signe\u0301.', 'en')).toEqual(
      entry('Le ministre a signé.', 'en', 'The minister signed.', { machine: 'The minister has signé.' }),
    );
    expect(memory.get('Le ministre a signé.', 'kk')).toBeUndefined();
  });

  it('keeps one entry per sentence and edition: a new correction replaces the older one', () => {
    const memory = freshMemory();
    memory.put([entry('Il a signé.', 'en', 'He signed.'), entry('Il a signé.', 'ru', 'Он подписал.')]);
    memory.put([entry('Il a signé.', 'en', 'He has signed.', { approved: true, editor: 'bob' })]);
    expect(memory.count()).toBe(2);
    expect(memory.all('en')).toEqual([entry('Il a signé.', 'en', 'He has signed.', { approved: true, editor: 'bob' })]);
    expect(memory.all().map((e) => e.lang)).toEqual(['en', 'ru']);
  });

  it('survives closing and reopening: the entries are on disk in cache.dir/memory.sqlite', () => {
    const dir = tmp();
    const first = openMemory(dir);
    first.put([entry('Il a signé.', 'en', 'He signed.')]);
    first.close();
    expect(existsSync(path.join(dir, MEMORY_FILE))).toBe(true);
    const again = openMemory(dir);
    expect(again.get('Il a signé.', 'en')?.text).toBe('He signed.');
  });

  it('refuses a damaged file with a message naming it, and never deletes it (it holds the editors’ work)', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, MEMORY_FILE), 'this is not a database, but somebody’s file'.repeat(200));
    expect(() => openMemory(dir)).toThrow(MemoryUnusableError);
    expect(() => openMemory(dir)).toThrow(`${path.join(dir, MEMORY_FILE)} is not a usable translation memory`);
    expect(readFileSync(path.join(dir, MEMORY_FILE), 'utf8')).toContain('somebody’s file');
  });

  it('gives a sentence the same export id however its spaces are written, and another sentence another id', () => {
    expect(segmentId('Il a  signé.')).toBe(segmentId(' Il a signé. '));
    expect(segmentId('Il a signé.')).not.toBe(segmentId('Il a signé !'));
    expect(segmentId('Il a signé.')).toMatch(/^s[0-9a-f]{16}$/);
  });
});

describe('corrections in an article’s input hash', () => {
  it('leaves the hash as it was without corrections, and changes it with each correction, its text or its approval', () => {
    const a = entry('Il a signé.', 'en', 'He signed.');
    expect(withMemory('h', [])).toBe('h');
    const one = withMemory('h', [a]);
    expect(one).not.toBe('h');
    expect(withMemory('h', [{ ...a, text: 'He has signed.' }])).not.toBe(one);
    expect(withMemory('h', [{ ...a, approved: true }])).not.toBe(one);
    // Who made it and when do not change the article.
    expect(withMemory('h', [{ ...a, editor: 'bob', updatedAt: 1 }])).toBe(one);
  });

  it('finds, from an earlier result.json, the corrections a rerun would use: its sentences, in the editions along its routes', () => {
    const memory = freshMemory();
    const result = sampleResult();
    const used = entry('Il a signé.', 'en', 'He signed.');
    memory.put([used, entry('Il a signé.', 'de', 'Er hat unterschrieben.'), entry('Une autre phrase.', 'en', 'Another sentence.')]);
    expect(entriesForResult(memory, result)).toEqual([used]);
  });

  it('counts and remembers the entries an article used, per edition', () => {
    const memory = freshMemory();
    memory.put([entry('Il a signé.', 'en', 'He signed.')]);
    const counts: Record<string, number> = {};
    const view = articleMemory(memory, counts);
    const hits = view.lookup(['Il a signé.', 'Il a lu.', 'Il a signé.'], 'en');
    expect(hits.map((h) => h?.text)).toEqual(['He signed.', undefined, 'He signed.']);
    expect(counts).toEqual({ en: 2 });
    expect(view.used().map((e) => e.text)).toEqual(['He signed.']);
  });
});
