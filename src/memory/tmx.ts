// TMX 1.4b, the exchange format of translation memories: how the memory moves between desks and
// into CAT tools' own memories. One <tu> per entry: the source segment and its edition's text.
import type { MemoryEntry } from './memory.ts';
import type { TmxUnit } from './import-corrections.ts';
import { childrenNamed, escapeXml as x, parseXml, textOf, type XmlElement } from './xml.ts';

/** TMX dates: `20240131T140502Z` (UTC). */
export function tmxDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Milliseconds from a TMX date, or undefined when it is not one. */
export function parseTmxDate(s: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s?.trim() ?? '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/** Our own properties, `x-` prefixed as TMX asks of user-defined ones. */
const PROP = { approved: 'x-audarma-approved', machine: 'x-audarma-machine', state: 'x-audarma-state', article: 'x-audarma-article' } as const;

/** The memory's entries as a TMX 1.4b document whose source language is `sourceLang`. */
export function writeTmx(entries: readonly MemoryEntry[], opts: { sourceLang: string; toolVersion: string; now: number }): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header creationtool="audarma" creationtoolversion="${x(opts.toolVersion)}" segtype="sentence" o-tmf="audarma" ` +
      `adminlang="en" srclang="${x(opts.sourceLang)}" datatype="plaintext" creationdate="${tmxDate(opts.now)}"/>`,
    '  <body>',
  ];
  for (const e of entries) {
    const date = tmxDate(e.updatedAt);
    out.push(
      // The memory keeps who changed an entry last and when, not who created it.
      `    <tu changedate="${date}" changeid="${x(e.editor)}">`,
      `      <prop type="${PROP.approved}">${e.approved ? 'yes' : 'no'}</prop>`,
      // What happened, in words: every entry is an editor's text, approved or only edited.
      `      <prop type="${PROP.state}">${e.approved ? 'approved' : 'edited'}</prop>`,
      ...(e.machine !== undefined ? [`      <prop type="${PROP.machine}">${x(e.machine)}</prop>`] : []),
      ...(e.article !== undefined ? [`      <prop type="${PROP.article}">${x(e.article)}</prop>`] : []),
      `      <tuv xml:lang="${x(opts.sourceLang)}"><seg>${x(e.source)}</seg></tuv>`,
      `      <tuv xml:lang="${x(e.lang)}"><seg>${x(e.text)}</seg></tuv>`,
      '    </tu>',
    );
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

/** The file is XML but not TMX. */
export class NotTmxError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: expected a TMX file, got ${detail}`);
    this.name = 'NotTmxError';
  }
}

/** `xml:lang` (TMX 1.4) or `lang` (TMX 1.1); namespace prefixes are removed when parsing. */
const langOf = (tuv: XmlElement): string => tuv.attrs.lang ?? '';

/**
 * Every translation in a TMX file: for each `<tu>`, one unit per `<tuv>` in another language than
 * the tu's source language (its `srclang`, else the header's; `*all*` means `fallbackSource`).
 */
export function readTmx(text: string, file: string, fallbackSource: string): TmxUnit[] {
  const root = parseXml(text, file);
  if (root.name !== 'tmx') throw new NotTmxError(file, `a <${root.name}> document`);
  const header = childrenNamed(root, 'header')[0];
  const body = childrenNamed(root, 'body')[0];
  if (!body) throw new NotTmxError(file, 'no <body>');
  const units: TmxUnit[] = [];
  childrenNamed(body, 'tu').forEach((tu, i) => {
    const label = tu.attrs.tuid ? `tu ${tu.attrs.tuid}` : `tu ${i + 1}`;
    let srcLang = tu.attrs.srclang ?? header?.attrs.srclang ?? fallbackSource;
    if (srcLang === '*all*') srcLang = fallbackSource;
    const props = new Map(childrenNamed(tu, 'prop').map((p) => [p.attrs.type ?? '', textOf(p)]));
    const tuvs = childrenNamed(tu, 'tuv');
    const segOf = (tuv: XmlElement) => {
      const seg = childrenNamed(tuv, 'seg')[0];
      return seg ? textOf(seg) : '';
    };
    const source = tuvs.find((t) => langOf(t).toLowerCase() === srcLang.toLowerCase());
    const others = tuvs.filter((t) => t !== source);
    const common = {
      file,
      unit: label,
      approved: props.get(PROP.approved) === 'yes',
      editor: tu.attrs.changeid ?? tu.attrs.creationid,
      updatedAt: parseTmxDate(tu.attrs.changedate) ?? parseTmxDate(tu.attrs.creationdate),
      machine: props.get(PROP.machine),
      article: props.get(PROP.article),
    };
    // A tu without the source language is still reported, once per translation, as wrong languages.
    for (const t of others) units.push({ ...common, srcLang: source ? srcLang : '', trgLang: langOf(t), source: source ? segOf(source) : '', text: segOf(t) });
  });
  return units;
}
