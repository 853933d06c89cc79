// XLIFF 1.2 and 2.0 as CAT tools read them (OmegaT, memoQ, Trados, Phrase and Weblate all read
// 1.2), valid against the OASIS schemas shipped in schemas/xliff/.
import { escapeXml as x } from './xml.ts';
import { unitNotes, type ExportUnit, type UnitOrigin } from './xliff-units.ts';

export type XliffVersion = '1.2' | '2.0';

/** One article of the export: a `<file>` element. */
export interface ExportFile {
  /** The article's slug: the file's `original` (1.2) and `id` (2.0). */
  slug: string;
  units: ExportUnit[];
}

export interface ExportHeader {
  sourceLang: string;
  targetLang: string;
  toolVersion: string;
}

/** XLIFF 1.2 `state` of the target: machine output needs review; a correction is translated; an approved one final. */
const STATE_12: Record<UnitOrigin, string> = {
  machine: 'needs-review-translation',
  'machine-approved': 'final',
  correction: 'translated',
  approved: 'final',
  match: 'needs-review-translation',
};
/** XLIFF 1.2 `state-qualifier`: the model's text, or a match reused from the memory. */
const QUALIFIER_12: Partial<Record<UnitOrigin, string>> = { machine: 'mt-suggestion', 'machine-approved': 'mt-suggestion', match: 'exact-match' };
/** XLIFF 2.0 `state` of the segment. */
const STATE_20: Record<UnitOrigin, string> = {
  machine: 'initial',
  'machine-approved': 'final',
  correction: 'translated',
  approved: 'final',
  match: 'translated',
};

/** An XML NMTOKEN (XLIFF 2.0 file ids): letters, digits, `.`, `-`, `_`, `:`. */
const nmtoken = (s: string): string => s.replace(/[^\p{L}\p{N}._:-]/gu, '-') || 'article';

/**
 * The machine target as a CAT tool's match: XLIFF 1.2 keeps match quality on `<alt-trans>`
 * (a percentage, here the model's confidence), which memoQ, Trados and OmegaT show beside the unit.
 */
function altTrans12(u: ExportUnit, h: ExportHeader): string[] {
  if (u.confidence === undefined) return [];
  return [
    `        <alt-trans match-quality="${Math.round(u.confidence * 100)}" tool-id="audarma" origin="audarma">`,
    `          <target xml:lang="${x(h.targetLang)}">${x(u.target)}</target>`,
    '        </alt-trans>',
  ];
}

/** XLIFF 2.0 keeps it in the Translation Candidates module (`mtc:matchQuality`, 0–100), on the unit's one segment. */
function matches20(u: ExportUnit): string[] {
  if (u.confidence === undefined) return [];
  return [
    `      <mtc:matches xmlns:mtc="${MTC}">`,
    `        <mtc:match ref="#1" type="mt" origin="audarma" matchQuality="${(Math.round(u.confidence * 1000) / 10).toFixed(1)}">`,
    `          <source>${x(u.source)}</source>`,
    `          <target>${x(u.target)}</target>`,
    '        </mtc:match>',
    '      </mtc:matches>',
  ];
}
const MTC = 'urn:oasis:names:tc:xliff:matches:2.0';

function xliff12(files: ExportFile[], h: ExportHeader): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'];
  for (const f of files) {
    out.push(
      `  <file original="${x(f.slug)}" source-language="${x(h.sourceLang)}" target-language="${x(h.targetLang)}" datatype="plaintext" tool-id="audarma">`,
      `    <header><tool tool-id="audarma" tool-name="audarma" tool-version="${x(h.toolVersion)}"/></header>`,
      '    <body>',
    );
    for (const u of f.units) {
      const approved = STATE_12[u.origin] === 'final' ? ' approved="yes"' : '';
      const qualifier = QUALIFIER_12[u.origin] ? ` state-qualifier="${QUALIFIER_12[u.origin]}"` : '';
      out.push(
        `      <trans-unit id="${x(u.id)}"${approved}>`,
        `        <source>${x(u.source)}</source>`,
        `        <target state="${STATE_12[u.origin]}"${qualifier}>${x(u.target)}</target>`,
        ...altTrans12(u, h),
        ...unitNotes(u).map((n) => `        <note from="audarma">${x(n.text)}</note>`),
        '      </trans-unit>',
      );
    }
    out.push('    </body>', '  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

function xliff20(files: ExportFile[], h: ExportHeader): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="${x(h.sourceLang)}" trgLang="${x(h.targetLang)}">`,
  ];
  for (const f of files) {
    out.push(`  <file id="${x(nmtoken(f.slug))}" original="${x(f.slug)}">`);
    for (const u of f.units) {
      out.push(
        `    <unit id="${x(u.id)}">`,
        ...matches20(u),
        '      <notes>',
        ...unitNotes(u).map((n) => `        <note category="${x(n.category)}">${x(n.text)}</note>`),
        '      </notes>',
        `      <segment${u.confidence === undefined ? '' : ' id="1"'} state="${STATE_20[u.origin]}">`,
        `        <source>${x(u.source)}</source>`,
        `        <target>${x(u.target)}</target>`,
        '      </segment>',
        '    </unit>',
      );
    }
    out.push('  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

/** The export as an XLIFF document of `version`. */
export function writeXliff(version: XliffVersion, files: ExportFile[], header: ExportHeader): string {
  return version === '1.2' ? xliff12(files, header) : xliff20(files, header);
}
