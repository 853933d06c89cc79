// NITF 3.x documents and NewsML-G2 news items (tests/fixtures/nitf/: IPTC's published samples
// and a French NITF article): read into the article's blocks, refused when they declare entities,
// and translated in place into an item of their own in the target language.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatOf } from '../../../src/document/formats/registry.ts';
import type { Block } from '../../../src/document/types.ts';
import { validateNewsMl } from '../../setup/news-schema.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'nitf');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const xml = FORMATS.xml;
const shout = async (texts: string[]) => texts.map((t) => t.toUpperCase());
const edition = async (name: string, lang = 'kk') => Buffer.from(await xml.translateFile(fixture(name), name, shout, lang)).toString('utf8');

export const NITF_ARTICLE: Block[] = [
  { type: 'title', text: 'Le gouvernement annonce un plan pour le climat' },
  { type: 'kicker', text: 'Politique' },
  { type: 'paragraph', text: 'Le ministre a présenté le plan hier à Paris.' },
  { type: 'paragraph', text: 'Le plan sera publié demain.' },
  { type: 'heading', text: 'Les mesures' },
  { type: 'bullet', text: 'La gratuité des transports.' },
  { type: 'bullet', text: 'Un chèque énergie.' },
  { type: 'paragraph', text: 'Le texte complet est sur le site du ministère.' },
];

describe('reading news items', () => {
  it('is the .xml format of the table', () => {
    expect(formatOf('depeche.XML')).toBe(xml);
  });

  it('reads an NITF document: hl1 the title, hl2 the kicker, the abstract, body paragraphs, hl2 headings and list items; byline and dateline left out', async () => {
    expect(await xml.read(fixture('article-fr.xml'), 'article-fr.xml')).toEqual(NITF_ARTICLE);
  });

  it('reads IPTC’s NewsML-G2 text item: the headline, then the inline NITF body (its hl1 repeating the headline once)', async () => {
    const blocks = await xml.read(fixture('LISTING_2_NewsML-G2_Text_Document.xml'), 'l2.xml');
    expect(blocks.map((b) => b.type)).toEqual(['title', 'paragraph', 'paragraph']);
    expect(blocks[0].text).toBe('Fed to halt QE to avert "bubble"');
    expect(blocks[1].text).toMatch(/^\(New York, NY - October 21\) Et, sent luptat luptat, commy Nim zzriureet .* ad ex el utat\.$/);
    expect(blocks[2].text).toMatch(/^Ugiating ea feugait utat, .* esto cons dolutpat, si\.$/);
  });

  it('reads IPTC’s sports story: headline, the body’s own hl1 (another wording) as a heading, abstract and six paragraphs', async () => {
    const blocks = await xml.read(fixture('LISTING_22_Sports_story_in_NewsML-G2NITF.xml'), 'l22.xml');
    expect(blocks.map((b) => b.type)).toEqual(['title', 'heading', ...Array(7).fill('paragraph')]);
    expect(blocks[0].text).toBe('Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05 p.m.');
    expect(blocks[1].text).toBe('Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m.');
    expect(blocks.at(-1)!.text).toMatch(/^Right-hander Freddy Garcia .* over his last six starts\.$/);
  });

  it('reads a NewsML-G2 item whose inline body is XHTML: the headline, then h2 headings, paragraphs and list items (the XHTML head left out)', async () => {
    const item = `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:1" version="3" standard="NewsML-G2" standardversion="2.35" xml:lang="fr">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EX"/><versionCreated>2026-12-07T09:00:00Z</versionCreated></itemMeta>
  <contentMeta><headline>Le sommet</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Le sommet</title></head>
    <body><p>Le président a <b>visité</b> la Chine.</p><h2>Les accords</h2><ol><li>Le commerce.</li><li>Le climat.</li></ol></body></html></inlineXML></contentSet>
</newsItem>`;
    expect(await xml.read(Buffer.from(item), 'x.xml')).toEqual([
      { type: 'title', text: 'Le sommet' },
      { type: 'paragraph', text: 'Le président a visité la Chine.' },
      { type: 'heading', text: 'Les accords' },
      { type: 'numbered', text: 'Le commerce.' },
      { type: 'numbered', text: 'Le climat.' },
    ]);
    const out = Buffer.from(await xml.translateFile(Buffer.from(item), 'x.xml', shout, 'ru')).toString('utf8');
    expect(out).toContain('<p>LE PRÉSIDENT A <b>VISITÉ</b> LA CHINE.</p>');
    expect(out).toContain('<title>Le sommet</title>');
    expect(out).toContain('<link rel="irel:translationOf" residref="urn:newsml:example.org:1" version="3"/></itemMeta>');
  });

  it('accepts a DOCTYPE naming the NITF DTD, never fetched; refuses entities, an internal subset and other XML', async () => {
    const src = fixture('article-fr.xml').toString('utf8');
    const withEntity = src
      .replace(
        '<!DOCTYPE nitf SYSTEM "http://www.iptc.org/std/NITF/3.6/specification/dtd/nitf-3-6.dtd">',
        '<!DOCTYPE nitf [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
      )
      .replace('Politique', '&x;');
    await expect(xml.read(Buffer.from(withEntity), 'x.xml')).rejects.toThrow('x.xml: refused: it declares XML entities, which a news item never needs');
    await expect(xml.read(Buffer.from(src.replace('nitf-3-6.dtd">', 'nitf-3-6.dtd" [ ]>')), 'y.xml')).rejects.toThrow(
      'y.xml: refused: its DOCTYPE has an internal subset',
    );
    await expect(xml.read(Buffer.from('<rss><channel/></rss>'), 'feed.xml')).rejects.toThrow(
      'feed.xml: not an NITF document or a NewsML-G2 news item (its root element is <rss>)',
    );
    await expect(xml.read(Buffer.from('<nitf><body>'), 'cut.xml')).rejects.toThrow(/^cut\.xml: is not well-formed XML/);
  });
});

describe('news item editions', () => {
  it('NITF: the texts translated, byline, dateline and metadata as they were, xml:lang the target, doc-id the source’s plus the language', async () => {
    const out = await edition('article-fr.xml');
    expect(out).toContain('<!DOCTYPE nitf SYSTEM "http://www.iptc.org/std/NITF/3.6/specification/dtd/nitf-3-6.dtd">');
    expect(out).toContain('xml:lang="kk"');
    expect(out).toContain('<doc-id id-string="audarma-2026-climat-kk"/>');
    expect(out).toContain('<byline>Par <person>Marie Dupont</person>, <byttl>envoyée spéciale</byttl></byline>');
    expect(out).toContain('<dateline><location>Paris</location>, <story.date norm="20261207">7 décembre</story.date></dateline>');
    expect(out).toContain('<p>LE PLAN SERA <em>PUBLIÉ</em> DEMAIN.</p>');
    expect(await xml.read(Buffer.from(out), 'kk.xml')).toEqual(NITF_ARTICLE.map((b) => ({ ...b, text: b.text.toUpperCase() })));
  });

  it('NewsML-G2: its own guid and version 1, xml:lang and language the target, a link to the source as its translation, valid against the 2.35 schema', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audarma-news-'));
    for (const name of ['LISTING_2_NewsML-G2_Text_Document.xml', 'LISTING_22_Sports_story_in_NewsML-G2NITF.xml']) {
      const source = fixture(name).toString('utf8');
      const guid = /guid="([^"]+)"/.exec(source)![1];
      const version = /\sversion="(\d+)"/.exec(source)![1];
      const out = await edition(name, 'zh-Hant');
      expect(out, name).toMatch(new RegExp(`<newsItem [^>]*guid="${guid.replace(/[.]/g, '\\.')}-zh-Hant" version="1"[^>]*xml:lang="zh-Hant">`));
      expect(out, name).toMatch(new RegExp(`<link rel="irel:translationOf" residref="${guid.replace(/[.]/g, '\\.')}" version="${version}"/>\\s*</itemMeta>`));
      expect(out, name).toContain('<language tag="zh-Hant"/>');
      // A subject's name keeps its own language: it is not translated.
      if (name.startsWith('LISTING_22')) expect(out).toContain('<name xml:lang="en-US">Baseball</name>');
      // Its summary is translated with it.
      if (name.startsWith('LISTING_22'))
        expect(out).toMatch(
          /<description role="drol:summary">A PAIR OF TEAMS COMING OFF BIG WEEKEND SWEEPS WILL SQUARE OFF TONIGHT AT CITIZENS BANK PARK, WHERE THE PHILADELPHIA PHILLIES WELCOME THE ARIZONA DIAMONDBACKS FOR THE START OF A THREE-GAME SERIES.<\/description>/,
        );
      const blocks = await xml.read(Buffer.from(out), name);
      expect(blocks, name).toEqual((await xml.read(fixture(name), name)).map((b) => ({ ...b, text: b.text.toUpperCase() })));
      const file = path.join(dir, name);
      writeFileSync(file, out);
      expect(validateNewsMl(file), name).toEqual({ ok: true, output: `${file} validates` });
    }
  });
});
