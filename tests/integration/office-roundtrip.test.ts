// A correspondent's .docx and .odt (LibreOffice's, tests/fixtures/office/) through
// `audarma translate` with the tiny models, and every `<lang>.docx` / `<lang>.odt` edition opened
// by real readers: LibreOffice headless (converted to PDF and to text) and pandoc.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { ensureOfficeTools, libreOfficeConvert } from '../setup/office-tools.ts';
import { cli, TINY_CONFIG } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'office');
const dir = mkdtempSync(path.join(tmpdir(), 'audarma-office-'));
const out = path.join(dir, 'out');
const LANGS = ['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant'];
const NOTE = 'Le plan sera publié demain.';
const NEWSLETTER = 'Inscrivez-vous à notre newsletter';
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Edition {
  ext: 'docx' | 'odt';
  lang: string;
  file: string;
  result: Result;
  /** LibreOffice's text export (footnotes are not in it). */
  text: string;
  /** pandoc's reading of the file. */
  ast: unknown;
  plain: string;
}
const editions: Edition[] = [];

/** The pandoc nodes of type `t`, anywhere. */
function nodes(ast: unknown, t: string): { t: string; c: unknown }[] {
  if (Array.isArray(ast)) return ast.flatMap((a) => nodes(a, t));
  if (ast && typeof ast === 'object') {
    const here = (ast as { t?: string }).t === t ? [ast as { t: string; c: unknown }] : [];
    return [...here, ...Object.values(ast).flatMap((v) => nodes(v, t))];
  }
  return [];
}
/** The words of pandoc inlines, spaces as spaces. */
const words = (ast: unknown): string =>
  squash(
    nodes(ast, 'Str').length === 0
      ? ''
      : JSON.stringify(ast)
          .replace(/\{"t":"(Space|SoftBreak|LineBreak)"\}/g, '"\u0001"')
          .match(/"Str","c":"((?:[^"\\]|\\.)*)"|\u0001/g)!
          .map((m) => (m === '\u0001' ? ' ' : JSON.parse(`"${/"c":"(.*)"$/.exec(m)![1]}"`)))
          .join(''),
  );

beforeAll(async () => {
  ensureOfficeTools();
  const r = await cli(['translate', path.join(FIXTURES, 'article.docx'), path.join(FIXTURES, 'article.odt'), '--out', out, '--config', TINY_CONFIG, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  const files: { ext: 'docx' | 'odt'; lang: string; file: string; result: Result }[] = [];
  for (const slug of readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)) {
    const result = ResultSchema.parse(JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8')));
    const ext = path.extname(result.file).slice(1) as 'docx' | 'odt';
    for (const lang of LANGS) files.push({ ext, lang, file: path.join(out, slug, `${lang}.${ext}`), result });
  }
  // One LibreOffice start per conversion for all twelve files.
  const profile = path.join(dir, 'lo-profile');
  const stem = (f: { ext: string; lang: string }) => `${f.lang}-${f.ext}`;
  const copies = files.map((f) => {
    const copy = path.join(dir, 'in', `${stem(f)}.${f.ext}`);
    spawnSync('mkdir', ['-p', path.dirname(copy)]);
    spawnSync('cp', [f.file, copy]);
    return copy;
  });
  libreOfficeConvert(copies, 'pdf', path.join(dir, 'pdf'), profile);
  libreOfficeConvert(copies, 'txt:Text', path.join(dir, 'txt'), profile);
  for (const f of files) {
    const pandoc = (to: string) => {
      const p = spawnSync('pandoc', ['-s', '-f', f.ext, '-t', to, '--wrap=none', f.file], { encoding: 'utf8', maxBuffer: 16 << 20 });
      if (p.status !== 0) throw new Error(`pandoc could not read ${f.file}: ${p.stderr}`);
      return p.stdout;
    };
    const ast = JSON.parse(pandoc('json')) as { meta: unknown };
    // pandoc takes a .docx's Title and Subtitle paragraphs as the document's metadata.
    const plain = `${words(nodes(ast.meta, 'MetaInlines').flatMap((m) => m.c))} ${pandoc('plain')}`;
    editions.push({ ...f, text: readFileSync(path.join(dir, 'txt', `${stem(f)}.txt`), 'utf8').replace(/^\uFEFF/, ''), ast, plain });
  }
}, 600_000);

const blocks = (e: Edition) => e.result.targets[e.lang].blocks.map((b, i) => ({ ...b, source: e.result.source.blocks[i].text }));

describe('office editions written by audarma translate', () => {
  it('writes <lang>.docx and <lang>.odt beside every Markdown edition', () => {
    expect(editions.map((e) => `${e.lang}.${e.ext}`).sort()).toEqual(LANGS.flatMap((l) => [`${l}.docx`, `${l}.odt`]).sort());
  });

  it('open in LibreOffice as PDF and text holding the translated text of every block (the footnote in pandoc)', () => {
    for (const e of editions) {
      const pdf = readFileSync(path.join(dir, 'pdf', `${e.lang}-${e.ext}.pdf`));
      expect(pdf.subarray(0, 5).toString(), `${e.lang}.${e.ext}`).toBe('%PDF-');
      for (const b of blocks(e)) {
        if (b.source !== NOTE) expect(squash(e.text), `${e.lang}.${e.ext}`).toContain(squash(b.text));
        expect(squash(e.plain), `${e.lang}.${e.ext}`).toContain(squash(b.text));
      }
    }
  });

  it('give the tiny models’ English, block by block, where the source had its French', () => {
    const en = editions.find((e) => e.lang === 'en' && e.ext === 'docx')!;
    const lines = (e: Edition) => e.text.split('\n').map(squash).filter(Boolean);
    expect(lines(en)).toEqual([
      'The government annonce a plan for the climat',
      'Politique',
      'The minister has presented the plan yesterday to Paris.1',
      'The mesures',
      '• The gratuité of the transports.',
      '• A chèque energy.',
      'The region',
      'The budget',
      'The texte complet is on the site of the ministry.',
    ]);
    expect(lines(editions.find((e) => e.lang === 'en' && e.ext === 'odt')!)).toEqual(lines(en));
  });

  it('keep the styles, the table, the list, the footnote, the link and the bold around the words it marked', () => {
    for (const e of editions) {
      const what = `${e.lang}.${e.ext}`;
      const t = (src: string) => blocks(e).find((b) => b.source === src)!.text;
      expect(
        nodes(e.ast, 'Header').map((h) => words((h.c as unknown[])[2])),
        what,
      ).toContain(squash(t('Les mesures')));
      const [list] = nodes(e.ast, 'BulletList');
      expect((list.c as unknown[]).map(words), what).toEqual([squash(t('La gratuité des transports.')), squash(t('Un chèque énergie.'))]);
      expect(
        nodes(nodes(e.ast, 'Table'), 'Plain')
          .concat(nodes(nodes(e.ast, 'Table'), 'Para'))
          .map((c) => words(c.c)),
        what,
      ).toEqual([squash(t('La région')), squash(t('Le budget'))]);
      expect(
        nodes(e.ast, 'Note').map((n) => words(n.c)),
        what,
      ).toEqual([squash(t(NOTE))]);
      const [link] = nodes(e.ast, 'Link');
      expect((link.c as unknown[])[2], what).toEqual(['https://www.example.org/plan', '']);
      expect(squash(t('Le texte complet est sur le site du ministère.')), what).toContain(words((link.c as unknown[])[1]));
      // The paragraph styles are the source's: Title, Subtitle, Heading 2.
      const parts = unzipSync(readFileSync(e.file));
      const body = Buffer.from(parts[e.ext === 'docx' ? 'word/document.xml' : 'content.xml']).toString();
      for (const style of e.ext === 'docx'
        ? ['w:val="Title"', 'w:val="Subtitle"', 'w:val="Heading2"']
        : ['text:style-name="Title"', 'text:style-name="Subtitle"', 'text:style-name="Heading_20_2"'])
        expect(body, what).toContain(style);
    }
    for (const e of editions.filter((e) => e.lang === 'en'))
      expect(
        nodes(e.ast, 'Strong').map((s) => words(s.c)),
        e.ext,
      ).toEqual(['presented the plan']);
  });

  it('leave no source paragraph as it was (page header and footer included), and drop the newsletter line as the clean step did', () => {
    for (const e of editions) {
      const all = squash(`${e.text} ${e.plain}`);
      expect(all, `${e.lang}.${e.ext}`).not.toContain(NEWSLETTER);
      for (const b of blocks(e))
        if (squash(b.text) !== squash(b.source) && !squash(b.text).includes(squash(b.source)))
          expect(all, `${e.lang}.${e.ext}`).not.toContain(squash(b.source));
      // The page header and footer are not the article, but they are translated too.
      const parts = unzipSync(readFileSync(e.file));
      const furniture = (e.ext === 'docx' ? ['word/header1.xml', 'word/footer1.xml'] : ['styles.xml']).map((p) => Buffer.from(parts[p]).toString()).join('');
      for (const french of ['Le Journal de la région', 'Le budget de la région']) expect(furniture, `${e.lang}.${e.ext}`).not.toContain(french);
    }
  });
});
