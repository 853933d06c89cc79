// .docx and .odt as LibreOffice writes them (tests/fixtures/office/, made by
// scripts/office-fixtures/make.sh): read into the article's blocks, translated in place keeping
// runs, styles, links, notes, lists and tables, and every part without text kept as it was.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/document/formats/registry.ts';
import type { Block } from '../../../src/document/types.ts';
import { badOfficeFiles } from './bad-office.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'office');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const xml = (bytes: Uint8Array, part: string) => Buffer.from(unzipSync(bytes)[part]).toString('utf8');

/** The article the fixture holds, as both formats read it. */
export const OFFICE_ARTICLE: Block[] = [
  { type: 'title', text: 'Le gouvernement annonce un plan pour le climat' },
  { type: 'kicker', text: 'Politique' },
  { type: 'paragraph', text: 'Le ministre a présenté le plan hier à Paris.' },
  { type: 'heading', text: 'Les mesures' },
  { type: 'bullet', text: 'La gratuité des transports.' },
  { type: 'bullet', text: 'Un chèque énergie.' },
  { type: 'paragraph', text: 'La région' },
  { type: 'paragraph', text: 'Le budget' },
  { type: 'paragraph', text: 'Le texte complet est sur le site du ministère.' },
  { type: 'paragraph', text: 'Inscrivez-vous à notre newsletter' },
  { type: 'paragraph', text: 'Le plan sera publié demain.' },
];

/** A translator that shouts, recording what it was asked. */
function shouting() {
  const asked: string[] = [];
  const translate = async (texts: string[]) => {
    asked.push(...texts);
    return texts.map((t) => t.toUpperCase());
  };
  return { asked, translate };
}

describe.each([
  ['docx', 'article.docx', ['word/document.xml', 'word/footnotes.xml', 'word/header1.xml', 'word/footer1.xml']],
  ['odt', 'article.odt', ['content.xml', 'styles.xml']],
] as const)('%s', (name, file, textParts) => {
  const format = FORMATS[name];
  const bytes = fixture(file);

  it('reads the article: title, kicker, heading, bold inside a sentence, list items, table cells, link text, footnote', async () => {
    expect(await format.read(bytes, file)).toEqual(OFFICE_ARTICLE);
  });

  it('translates each paragraph as one text, then the words under bold and links, and puts them back around those words', async () => {
    const { asked, translate } = shouting();
    const out = await format.translateFile(bytes, file, translate);
    expect(asked).toContain('Le ministre a présenté le plan hier à Paris.');
    expect(asked).toContain('présenté le plan');
    expect(asked).not.toContain('Le ministre a ');
    expect(await format.read(out, file)).toEqual(OFFICE_ARTICLE.map((b) => ({ ...b, text: b.text.toUpperCase() })));
    const body = xml(out, textParts[0]);
    if (name === 'docx') {
      expect(body).toContain('<w:r><w:rPr><w:rStyle w:val="StrongEmphasis"/></w:rPr><w:t xml:space="preserve">PRÉSENTÉ LE PLAN</w:t></w:r>');
      expect(body).toMatch(
        /<w:hyperlink r:id="rId\d+"><w:r><w:rPr><w:rStyle w:val="InternetLink"\/><\/w:rPr><w:t xml:space="preserve">LE SITE DU MINISTÈRE<\/w:t><\/w:r><\/w:hyperlink>/,
      );
      expect(body).toContain('<w:footnoteReference w:id="2"/>');
    } else {
      expect(body).toMatch(/<text:span text:style-name="Strong_20_Emphasis">PRÉSENTÉ LE PLAN<\/text:span>/);
      expect(body).toContain('<text:a xlink:type="simple" xlink:href="https://www.example.org/plan"');
      expect(body).toContain('LE SITE DU MINISTÈRE</text:a>');
      expect(body).toContain('<text:note-citation>1</text:note-citation>');
    }
  });

  it('translates the page header and footer in place, without reading them as the article', async () => {
    const { asked, translate } = shouting();
    const out = await format.translateFile(bytes, file, translate);
    expect(asked).toEqual(expect.arrayContaining(['Le Journal de la région', 'Le budget de la région']));
    const parts = textParts
      .slice(name === 'docx' ? 2 : 1)
      .map((p) => xml(out, p))
      .join('');
    expect(parts).toContain('LE JOURNAL DE LA RÉGION');
    expect(parts).toContain('LE BUDGET DE LA RÉGION');
  });

  it('removes a paragraph whose words all went (a cleaned newsletter line), but keeps the only paragraph of a table cell', async () => {
    const gone = new Set(['Inscrivez-vous à notre newsletter', 'La région']);
    const out = await format.translateFile(bytes, file, async (texts) => texts.map((t) => (gone.has(t) ? '' : t)));
    const paragraphs = (b: Uint8Array) => (xml(b, textParts[0]).match(name === 'docx' ? /<w:p>/g : /<text:p /g) ?? []).length;
    expect(paragraphs(out)).toBe(paragraphs(bytes) - 1);
    expect((await format.read(out, file)).map((b) => b.text)).toEqual(OFFICE_ARTICLE.map((b) => b.text).filter((t) => !gone.has(t)));
  });

  it('keeps every part without text as it was, in the same order', async () => {
    const { translate } = shouting();
    const before = unzipSync(bytes);
    const after = unzipSync(await format.translateFile(bytes, file, translate));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const part of Object.keys(before).filter((p) => !(textParts as readonly string[]).includes(p)))
      expect(Buffer.from(after[part]).equals(Buffer.from(before[part])), part).toBe(true);
  });
});

describe('office files that cannot be read get an error naming the file', () => {
  it.each(badOfficeFiles().map((b) => [b.what, b] as const))('%s', async (_what, bad) => {
    const format = FORMATS[bad.format];
    const fail = async (p: Promise<unknown>) =>
      (
        await p.then(
          () => undefined,
          (e: Error) => e,
        )
      )?.message ?? 'no error';
    const read = await fail(
      format.read(bad.bytes, bad.name).then((blocks) => (blocks.length === 0 ? Promise.reject(new Error(`${bad.name}: no text found`)) : blocks)),
    );
    expect(read).toMatch(bad.message);
    expect(await fail(format.translateFile(bad.bytes, bad.name, async (t) => t))).toMatch(bad.message);
  });
});
