import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cleanBlocks,
  compilePatterns,
  DEFAULT_BOILERPLATE_PATTERNS,
  DEFAULT_FOOTER_PATTERNS,
} from '../../src/document/clean.ts';
import { decodeText } from '../../src/document/decode.ts';
import { readTxt } from '../../src/document/read-txt.ts';
import type { Block } from '../../src/document/types.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const seed = path.resolve(repoRoot, 'tests', 'fixtures', 'articles', 'delegation.fr.txt');
const fixture = path.resolve(repoRoot, 'tests', 'fixtures', 'articles', 'article.txt');

const DEFAULTS = compilePatterns(DEFAULT_BOILERPLATE_PATTERNS);
const FOOTER = compilePatterns(DEFAULT_FOOTER_PATTERNS);

const p = (text: string): Block => ({ type: 'paragraph', text });
const h = (text: string): Block => ({ type: 'heading', text });

describe('cleanBlocks', () => {
  it('leaves exactly the 9 article blocks of the seed-shaped fixture article', () => {
    const { blocks, dropped } = cleanBlocks(readTxt(decodeText(readFileSync(seed), seed)), DEFAULTS);
    expect(blocks.map((b) => b.type)).toEqual([
      'title',
      'kicker',
      'paragraph',
      'heading',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(dropped.map((b) => b.text)).toEqual(['Newsletter', expect.stringMatching(/^Pour rester informé/)]);
  });

  it('drops the newsletter footer of the fixture article', () => {
    const { blocks, dropped } = cleanBlocks(readTxt(readFileSync(fixture, 'utf8')), DEFAULTS);
    expect(blocks).toHaveLength(9);
    expect(blocks.at(-1)).toEqual(p('Le coût total du projet atteint 38 millions d’euros.'));
    expect(dropped).toEqual([p('Newsletter'), p('Pour ne rien manquer de l’actualité de votre ville')]);
  });

  it('matches every default pattern case-insensitively, at the start of the block only', () => {
    const boilerplate = [
      'NEWSLETTER',
      'Pour recevoir nos alertes',
      'Abonnez-vous dès 1 €',
      'Inscrivez-vous gratuitement',
      'Lire aussi : la réforme des retraites',
      'VOIR AUSSI',
      'Suivez-nous sur les réseaux',
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
    const { blocks, dropped } = cleanBlocks([...boilerplate.map(p), ...article], DEFAULTS);
    expect(dropped.map((b) => b.text)).toEqual(boilerplate);
    expect(blocks).toEqual(article);
  });

  it('never drops the title and treats ’ like \'', () => {
    const blocks: Block[] = [{ type: 'title', text: 'Publicité' }, p('Lire aussi’'), p('Texte.')];
    const result = cleanBlocks(blocks, [...DEFAULTS, /^lire aussi'$/i]);
    expect(result.blocks).toEqual([{ type: 'title', text: 'Publicité' }, p('Texte.')]);
  });

  it('with footer patterns, drops the short lines ending a newsletter footer', () => {
    const blocks = [p('Un vrai paragraphe.'), h('Newsletter'), p('Votre adresse e-mail'), p('Je m’inscris !')];
    expect(cleanBlocks(blocks, DEFAULTS).blocks).toHaveLength(3);
    const { blocks: kept, dropped } = cleanBlocks(blocks, DEFAULTS, FOOTER);
    expect(kept).toEqual([p('Un vrai paragraphe.')]);
    expect(dropped).toEqual(blocks.slice(1));
  });

  it('keeps what follows a footer marker when long content comes after it', () => {
    const long = 'Le débat a repris après la pause. Les élus ont finalement adopté le texte à une large majorité.';
    const blocks = [h('Newsletter'), h('Les suites du vote'), p(long)];
    expect(cleanBlocks(blocks, DEFAULTS, FOOTER).blocks).toEqual([h('Les suites du vote'), p(long)]);
  });

  it('works with global regexps and an empty pattern list', () => {
    const blocks = [p('Publicité'), p('Publicité'), p('Texte.')];
    expect(cleanBlocks(blocks, [/^publicité$/gi]).blocks).toEqual([p('Texte.')]);
    expect(cleanBlocks(blocks, [])).toEqual({ blocks, dropped: [] });
  });
});
