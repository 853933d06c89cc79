import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanBlocks, compilePatterns } from '../../src/document/clean.ts';
import { decodeText } from '../../src/document/decode.ts';
import { readTxt } from '../../src/document/formats/txt-read.ts';
import type { Block } from '../../src/document/types.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const seed = path.resolve(repoRoot, 'tests', 'fixtures', 'articles', 'delegation.fr.txt');
const fixture = path.resolve(repoRoot, 'tests', 'fixtures', 'articles', 'article.txt');

// The patterns of the shipped article pipeline, as a user runs it.
const shipped = parse(readFileSync(path.join(repoRoot, 'pipelines', 'article.yaml'), 'utf8')) as { steps: { uses: string; with?: { patterns?: string[] } }[] };
const SHIPPED = compilePatterns(shipped.steps.find((s) => s.uses === 'clean')!.with!.patterns!);
// Patterns of the kind a user adds, for the matching rules themselves.
const PATTERNS = compilePatterns(['^newsletter$', '^pour recevoir', '^(lire|voir) aussi', '^partager (sur|cet article)', '^publicité$', '^crédit photo']);

const p = (text: string): Block => ({ type: 'paragraph', text });
const h = (text: string): Block => ({ type: 'heading', text });

describe('cleanBlocks', () => {
  it('leaves exactly the 9 article blocks of the seed-shaped fixture article', () => {
    const { blocks, dropped } = cleanBlocks(readTxt(decodeText(readFileSync(seed), seed)), SHIPPED);
    expect(blocks.map((b) => b.type)).toEqual(['title', 'kicker', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph']);
    expect(dropped.map((b) => b.text)).toEqual(['Newsletter', expect.stringMatching(/^Pour rester informé/)]);
  });

  it('drops the newsletter footer of the fixture article', () => {
    const { blocks, dropped } = cleanBlocks(readTxt(readFileSync(fixture, 'utf8')), SHIPPED);
    expect(blocks).toHaveLength(9);
    expect(blocks.at(-1)).toEqual(p('Le coût total du projet atteint 38 millions d’euros.'));
    expect(dropped).toEqual([p('Newsletter'), p('Pour ne rien manquer de l’actualité de votre ville')]);
  });

  it('matches each pattern case-insensitively, at the start of the block only', () => {
    const boilerplate = [
      'NEWSLETTER',
      'Pour recevoir nos alertes',
      'Lire aussi : la réforme des retraites',
      'VOIR AUSSI',
      'Partager sur Facebook',
      'Partager cet article',
      'Publicité',
      'Crédit photo : AFP',
    ];
    const article = [
      p('La newsletter du club a été piratée.'),
      h('Newsletter hebdomadaire des lecteurs'),
      p('Il faut lire aussi les petites lignes.'),
      p('Publicité mensongère : une enquête ouverte.'),
    ];
    const { blocks, dropped } = cleanBlocks([...boilerplate.map(p), ...article], PATTERNS);
    expect(dropped.map((b) => b.text)).toEqual(boilerplate);
    expect(blocks).toEqual(article);
  });

  it("never drops the title and treats ’ like '", () => {
    const blocks: Block[] = [{ type: 'title', text: 'Publicité' }, p('Lire aussi’'), p('Texte.')];
    const result = cleanBlocks(blocks, [...PATTERNS, /^lire aussi'$/i]);
    expect(result.blocks).toEqual([{ type: 'title', text: 'Publicité' }, p('Texte.')]);
  });

  it('works with global regexps and an empty pattern list', () => {
    const blocks = [p('Publicité'), p('Publicité'), p('Texte.')];
    expect(cleanBlocks(blocks, [/^publicité$/gi]).blocks).toEqual([p('Texte.')]);
    expect(cleanBlocks(blocks, [])).toEqual({ blocks, dropped: [] });
  });
});
