import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import js2xliff from 'xliff/js2xliff';
import jsToXliff12 from 'xliff/jsToXliff12';
import xliff12ToJs from 'xliff/xliff12ToJs';
import xliff2js from 'xliff/xliff2js';
import { importXliffUnits, type ImportSettings } from '../../src/memory/import-corrections.ts';
import type { Memory } from '../../src/memory/memory.ts';
import { normalizeSegment, segmentId } from '../../src/memory/normalize.ts';
import { readXliff, NotXliffError } from '../../src/memory/xliff-read.ts';
import { exportUnits } from '../../src/memory/xliff-units.ts';
import { writeXliff, type XliffVersion } from '../../src/memory/xliff-write.ts';
import { XmlSyntaxError } from '../../src/memory/xml.ts';
import { freshMemory, sampleResult, tmp, validateXliff } from './fixtures.ts';

const settings: ImportSettings = { sourceLang: 'fr', targets: ['en', 'kk', 'kk-Latn', 'zh'], editor: 'alice', now: 1_700_000_000_000 };
const exported = (version: XliffVersion) =>
  writeXliff(version, [{ slug: 'koshanov', units: exportUnits(sampleResult(), 'en') }], { sourceLang: 'fr', targetLang: 'en', toolVersion: '0.1.0' });
const read = (xml: string) => readXliff(xml, 'edited.xlf').units.map((u) => ({ ...u, file: 'edited.xlf' }));
/** A memory holding the two corrections the sample article was made with. */
function memoryOfSample(): Memory {
  const memory = freshMemory();
  memory.put([
    { source: normalizeSegment('Les prix < 5 % & « stables ».'), lang: 'en', text: 'Prices < 5 % & "stable".', approved: false, editor: 'bob', updatedAt: 1 },
    { source: 'Il a signé.', lang: 'en', text: 'He signed.', approved: true, editor: 'bob', updatedAt: 1 },
  ]);
  return memory;
}
const ID = { title: segmentId('Koshanov à Astana'), prices: segmentId('Les prix < 5 % & « stables ».'), signed: segmentId('Il a signé.') };

describe('xliff export', () => {
  it('writes XLIFF 1.2 that validates against the OASIS strict schema, with states by origin and notes', () => {
    const xml = exported('1.2');
    const file = path.join(tmp('xliff'), 'en.xlf');
    writeFileSync(file, xml);
    const verdict = validateXliff(file, '1.2');
    expect(verdict.output).toContain('validates');
    expect(verdict.ok).toBe(true);
    // Machine output needs review; a correction is translated; an approved one is final and approved.
    expect(xml).toContain(`<trans-unit id="${ID.title}">`);
    expect(xml).toContain('<target state="needs-review-translation" state-qualifier="mt-suggestion">Koshanov to Astana</target>');
    expect(xml).toContain('<target state="translated">Prices &lt; 5 % &amp; &quot;stable&quot;.</target>');
    expect(xml).toContain(`<trans-unit id="${ID.signed}" approved="yes">`);
    expect(xml).toContain('<target state="final">He signed.</target>');
    expect(xml).toContain('<note from="audarma">Quality flag (length): output is 3 times as long</note>');
    expect(xml).toContain('<note from="audarma">Glossary term: Yerlan Koshanov</note>');
    // The heading repeats the title: one unit for one sentence.
    expect(xml.match(/<trans-unit /g)).toHaveLength(3);
  });

  it('writes XLIFF 2.0 that validates against the OASIS core schema, states initial / translated / final on the segment', () => {
    const xml = exported('2.0');
    const file = path.join(tmp('xliff'), 'en.xlf');
    writeFileSync(file, xml);
    const verdict = validateXliff(file, '2.0');
    expect(verdict.output).toContain('validates');
    expect(verdict.ok).toBe(true);
    expect(xml).toContain('srcLang="fr" trgLang="en"');
    const states = [...xml.matchAll(/<unit id="(s[0-9a-f]+)">[\s\S]*?<segment state="(\w+)">/g)].map((m) => [m[1], m[2]]);
    expect(states).toEqual([
      [ID.title, 'initial'],
      [ID.prices, 'translated'],
      [ID.signed, 'final'],
    ]);
    expect(xml).toContain('<note category="audarma-glossary">Glossary term: Yerlan Koshanov</note>');
  });

  it("carries the model's confidence as the match quality of a machine target, valid in both versions, read back unchanged", () => {
    const result = sampleResult();
    const [title] = result.targets.en.blocks[0].segments;
    title.confidence = 0.473;
    // An editor's text has no model confidence, whatever a hand-edited result says.
    result.targets.en.blocks[1].segments[0].confidence = 0.9;
    const write = (version: XliffVersion) =>
      writeXliff(version, [{ slug: 'koshanov', units: exportUnits(result, 'en') }], { sourceLang: 'fr', targetLang: 'en', toolVersion: '0.1.0' });
    for (const version of ['1.2', '2.0'] as const) {
      const file = path.join(tmp('xliff'), 'en.xlf');
      writeFileSync(file, write(version));
      expect(validateXliff(file, version).ok, validateXliff(file, version).output).toBe(true);
      expect(read(write(version)).map((u) => u.target)).toEqual(read(exported(version)).map((u) => u.target));
    }
    const v12 = write('1.2');
    expect(v12).toContain(
      '<alt-trans match-quality="47" tool-id="audarma" origin="audarma">\n          <target xml:lang="en">Koshanov to Astana</target>\n        </alt-trans>',
    );
    expect(v12.match(/<alt-trans /g)).toHaveLength(1);
    const v20 = write('2.0');
    expect(v20).toContain('<mtc:match ref="#1" type="mt" origin="audarma" matchQuality="47.3">');
    expect(v20).toContain('<segment id="1" state="initial">');
    expect(v20.match(/<mtc:match /g)).toHaveLength(1);
  });

  it('reads its own export back exactly: ids, sources, targets, languages, approval, the text at export', () => {
    for (const version of ['1.2', '2.0'] as const) {
      const units = readXliff(exported(version), 'x.xlf').units;
      expect(units.map((u) => [u.id, u.source, u.target, u.srcLang, u.trgLang, u.approved, u.reference?.machine])).toEqual([
        [ID.title, 'Koshanov à Astana', 'Koshanov to Astana', 'fr', 'en', false, true],
        [ID.prices, 'Les prix < 5 % & « stables ».', 'Prices < 5 % & "stable".', 'fr', 'en', false, false],
        [ID.signed, 'Il a signé.', 'He signed.', 'fr', 'en', true, false],
      ]);
    }
  });
});

/** One unit of the sample, edited: its target and its state as a CAT tool leaves them. */
function doc12(target: string, state?: string, approvedAttr = ''): string {
  const st = state ? ` state="${state}"` : '';
  return `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="k" source-language="fr" target-language="en" datatype="plaintext"><body>
<trans-unit id="${ID.title}"${approvedAttr}><source>Koshanov à Astana</source><target${st}>${target}</target><note>Machine output (audarma): Koshanov to Astana</note></trans-unit>
</body></file></xliff>`;
}
function doc20(target: string, state?: string): string {
  const st = state ? ` state="${state}"` : '';
  return `<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr" trgLang="en"><file id="k">
<unit id="${ID.title}"><notes><note>Machine output (audarma): Koshanov to Astana</note></notes><segment${st}><source>Koshanov à Astana</source><target>${target}</target></segment></unit>
</file></xliff>`;
}

describe('xliff import: states into approval', () => {
  it.each([
    ['1.2 needs-review-translation', false, doc12('Koshanov in Astana', 'needs-review-translation')],
    ['1.2 translated', false, doc12('Koshanov in Astana', 'translated')],
    ['1.2 final', true, doc12('Koshanov in Astana', 'final')],
    ['1.2 signed-off', true, doc12('Koshanov in Astana', 'signed-off')],
    ['1.2 approved="yes" without a state', true, doc12('Koshanov in Astana', undefined, ' approved="yes"')],
    ['2.0 initial', false, doc20('Koshanov in Astana', 'initial')],
    ['2.0 translated', false, doc20('Koshanov in Astana', 'translated')],
    ['2.0 reviewed', false, doc20('Koshanov in Astana', 'reviewed')],
    ['2.0 final', true, doc20('Koshanov in Astana', 'final')],
    ['2.0 without a state', false, doc20('Koshanov in Astana')],
  ])('%s: a changed target is a correction, approved: %s', (_name, approved, xml) => {
    const memory = freshMemory();
    const outcome = importXliffUnits(memory, read(xml), settings);
    expect(outcome.refused).toEqual([]);
    expect(outcome.stored).toEqual([
      {
        source: 'Koshanov à Astana',
        lang: 'en',
        text: 'Koshanov in Astana',
        approved,
        editor: 'alice',
        updatedAt: settings.now,
        machine: 'Koshanov to Astana',
      },
    ]);
  });

  it('an untouched machine output is unchanged whatever its state: approving the model’s text stores nothing', () => {
    for (const xml of [doc12('Koshanov to Astana', 'final'), doc20('Koshanov to Astana', 'final'), doc12('Koshanov  to\nAstana')]) {
      const outcome = importXliffUnits(freshMemory(), read(xml), settings);
      expect([outcome.stored, outcome.unchanged, outcome.refused]).toEqual([[], 1, []]);
    }
  });

  it('a target that was empty at export and is still empty is unchanged, not refused', () => {
    const xml = doc12('').replace('Machine output (audarma): Koshanov to Astana', 'Machine output (audarma): ');
    const outcome = importXliffUnits(freshMemory(), read(xml), settings);
    expect([outcome.stored, outcome.unchanged, outcome.refused]).toEqual([[], 1, []]);
  });

  it('a final state approves a correction already in the memory; a missing state never takes an approval back', () => {
    const memory = memoryOfSample();
    const xml = exported('1.2').replace('<target state="translated">', '<target state="final">');
    const approve = importXliffUnits(memory, read(xml), settings);
    expect(approve.stored.map((e) => [e.text, e.approved])).toEqual([['Prices < 5 % & "stable".', true]]);
    expect(approve.unchanged).toBe(2);
    // The approved one, exported again and its state dropped by a tool, is still approved.
    const dropped = exported('1.2')
      .replace(/ state="[^"]*"/g, '')
      .replace(' approved="yes"', '');
    const again = importXliffUnits(memory, read(dropped), settings);
    expect([again.stored, again.unchanged]).toEqual([[], 3]);
    expect(memory.get('Il a signé.', 'en')?.approved).toBe(true);
  });
});

describe('xliff import after a round trip through the xliff library (which keeps targets, drops states)', () => {
  it.each(['1.2', '2.0'] as const)('XLIFF %s: the changed target is stored as an unapproved correction, the rest unchanged', async (version) => {
    const memory = memoryOfSample();
    const toJs = version === '1.2' ? xliff12ToJs : xliff2js;
    const fromJs = version === '1.2' ? jsToXliff12 : js2xliff;
    const js = await toJs(exported(version));
    js.resources.koshanov[ID.title].target = 'Koshanov in Astana';
    const edited = await fromJs(js);
    expect(edited).not.toContain('state=');
    const outcome = importXliffUnits(memory, read(edited), settings);
    expect(outcome.refused).toEqual([]);
    expect(outcome.unchanged).toBe(2);
    expect(outcome.stored.map((e) => [e.source, e.text, e.approved, e.machine])).toEqual([
      ['Koshanov à Astana', 'Koshanov in Astana', false, 'Koshanov to Astana'],
    ]);
  });
});

describe('xliff import: refused units, with reasons', () => {
  it('refuses an id that is not its source’s, other languages, an empty target, and a unit with nothing to compare with', () => {
    const units = [
      ...read(doc12('Koshanov in Astana').replace('<source>Koshanov à Astana', '<source>Koshanov à Almaty')),
      ...read(doc12('Koshanov in Astana').replace('target-language="en"', 'target-language="de"')),
      ...read(doc12('   ')),
      ...read(doc12('Koshanov in Astana').replace(/<note>.*<\/note>/, '')),
    ];
    const outcome = importXliffUnits(freshMemory(), units, settings);
    expect(outcome.stored).toEqual([]);
    expect(outcome.refused.map((r) => [r.file, r.unit, r.reason.split(':')[0]])).toEqual([
      ['edited.xlf', ID.title, `unknown id "${ID.title}"`],
      ['edited.xlf', ID.title, 'wrong languages fr → de; expected fr → one of en, kk, kk-Latn, zh'],
      ['edited.xlf', ID.title, 'empty target'],
      ['edited.xlf', ID.title, 'no text recorded at export to compare with (the note "Machine output (audarma)'],
    ]);
  });
});

describe('reading what CAT tools write', () => {
  it('takes the text of inline markup and character references, leaving inline codes out', () => {
    const xml = doc12('<mrk mtype="seg" mid="0">Koshanov <g id="1">in</g><x id="2"/> Astana &#x4E2D;&#20013; <![CDATA[<b>]]></mrk>');
    expect(read(xml)[0].target).toBe('Koshanov in Astana 中中 <b>');
  });

  it('names the file, line and column of XML that is not well-formed, and refuses what is not XLIFF', () => {
    expect(() => readXliff('<xliff version="1.2">\n<file>\n</xliff>', 'bad.xlf')).toThrow(XmlSyntaxError);
    expect(() => readXliff('<xliff version="1.2">\n<file>\n</xliff>', 'bad.xlf')).toThrow(/^bad\.xlf:3:\d+: not well-formed XML: /);
    expect(() => readXliff('<tmx version="1.4"/>', 'x.tmx')).toThrow(NotXliffError);
    expect(() => readXliff('<xliff version="3.0"/>', 'x.xlf')).toThrow('x.xlf: expected an XLIFF 1.2 or 2.0 file, got XLIFF version "3.0"');
  });
});
