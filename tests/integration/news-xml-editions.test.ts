// An NITF article and IPTC's NewsML-G2 text item through `audarma translate` with the tiny
// models: each `<lang>.xml` edition holds the edition's texts, names its language, has an id of
// its own, and (NewsML-G2) links to its source and validates against IPTC's 2.35 power schema.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/document/formats/registry.ts';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { validateNewsMl } from '../setup/news-schema.ts';
import { cli, TINY_CONFIG } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'nitf');
const NITF = 'article-fr.xml';
const G2 = 'LISTING_2_NewsML-G2_Text_Document.xml';
const LANGS = ['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant'];
const out = path.join(mkdtempSync(path.join(tmpdir(), 'audarma-news-')), 'out');
const results = new Map<string, { dir: string; result: Result }>();

beforeAll(async () => {
  const r = await cli(['translate', path.join(FIXTURES, NITF), path.join(FIXTURES, G2), '--out', out, '--config', TINY_CONFIG, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  for (const slug of readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)) {
    const result = ResultSchema.parse(JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8')));
    results.set(path.basename(result.file), { dir: path.join(out, slug), result });
  }
}, 600_000);

const edition = (source: string, lang: string) => {
  const file = path.join(results.get(source)!.dir, `${lang}.xml`);
  return { file, text: readFileSync(file, 'utf8') };
};

describe('news item editions written by audarma translate', () => {
  it('write <lang>.xml beside every Markdown edition, holding the edition’s blocks', async () => {
    expect([...results.keys()].sort()).toEqual([G2, NITF].sort());
    for (const [source, { dir, result }] of results) {
      expect(
        readdirSync(dir)
          .filter((f) => f.endsWith('.xml'))
          .sort(),
        source,
      ).toEqual(LANGS.map((l) => `${l}.xml`).sort());
      for (const lang of LANGS) {
        const { file, text } = edition(source, lang);
        expect(await FORMATS.xml.read(Buffer.from(text), file), `${source} ${lang}`).toEqual(
          result.targets[lang].blocks.map((b) => ({ type: b.type, text: b.text })),
        );
      }
    }
  });

  it('give the tiny models’ English for the French NITF article, byline and dateline untouched', async () => {
    const { text } = edition(NITF, 'en');
    expect((await FORMATS.xml.read(Buffer.from(text), 'en.xml')).map((b) => b.text)).toEqual([
      'The government annonce a plan for the climat',
      'Politique',
      'The minister has presented the plan yesterday to Paris.',
      'The plan will be publié tomorrow.',
      'The mesures',
      'The gratuité of the transports.',
      'A chèque energy.',
      'The texte complet is on the site of the ministry.',
    ]);
    expect(text).toContain('<p>The plan will be <em>publié</em> tomorrow.</p>');
    expect(text).toContain('<byline>Par <person>Marie Dupont</person>, <byttl>envoyée spéciale</byttl></byline>');
    expect(text).toContain('<dateline><location>Paris</location>, <story.date norm="20261207">7 décembre</story.date></dateline>');
    expect(text).not.toContain('Le gouvernement annonce');
  });

  it('name their language and an id of their own; NewsML-G2 ones link to the source and are valid items', () => {
    for (const lang of LANGS) {
      const nitf = edition(NITF, lang).text;
      expect(nitf, lang).toMatch(new RegExp(`<nitf [^>]*xml:lang="${lang}"`));
      expect(nitf, lang).toContain(`<doc-id id-string="audarma-2026-climat-${lang}"/>`);
      const g2 = edition(G2, lang);
      expect(g2.text, lang).toMatch(
        new RegExp(`<newsItem [^>]*guid="urn:newsml:acmenews\\.com:20161121:US-FINANCE-FED-${lang}" version="1"[^>]*xml:lang="${lang}">`),
      );
      expect(g2.text, lang).toMatch(
        /<link rel="irel:translationOf" residref="urn:newsml:acmenews\.com:20161121:US-FINANCE-FED" version="\d+"\/>\s*<\/itemMeta>/,
      );
      expect(g2.text, lang).toContain(`<language tag="${lang}"/>`);
      expect(validateNewsMl(g2.file), lang).toEqual({ ok: true, output: `${g2.file} validates` });
    }
  });
});
