// Reading back an XLIFF 1.2 or 2.0 file as a CAT tool or a library wrote it: units in any
// group nesting, inline markup reduced to its text, states when they survived.
import { referenceFromNotes } from './xliff-units.ts';
import { childNamed, childrenNamed, parseXml, textOf, type XmlElement } from './xml.ts';

/** One unit as the file has it. */
export interface ReadUnit {
  id: string;
  source: string;
  /** Absent when the unit has no target element. */
  target?: string;
  srcLang: string;
  trgLang: string;
  /** Signed off: 1.2 `final`, `signed-off` or `approved="yes"`; 2.0 `final`. */
  approved: boolean;
  /** The target as exported, from the note audarma wrote, when the tool kept it. */
  reference?: { text: string; machine: boolean };
}

/** The file is XML but not XLIFF 1.2 or 2.0. */
export class NotXliffError extends Error {
  constructor(file: string, detail: string) {
    super(`${file}: expected an XLIFF 1.2 or 2.0 file, got ${detail}`);
    this.name = 'NotXliffError';
  }
}

/** Every element named `name` under `el`, through `group` elements at any depth. */
function unitsUnder(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => (typeof c !== 'object' ? [] : c.name === name ? [c] : c.name === 'group' ? unitsUnder(c, name) : []));
}

const APPROVED_12 = new Set(['final', 'signed-off']);

function read12(root: XmlElement): ReadUnit[] {
  return childrenNamed(root, 'file').flatMap((file) => {
    const body = childNamed(file, 'body');
    if (!body) return [];
    return unitsUnder(body, 'trans-unit').map((tu): ReadUnit => {
      const target = childNamed(tu, 'target');
      const state = target?.attrs.state ?? '';
      return {
        id: tu.attrs.id ?? '',
        source: textOf(childNamed(tu, 'source') ?? { name: 'source', attrs: {}, children: [] }),
        ...(target ? { target: textOf(target) } : {}),
        srcLang: file.attrs['source-language'] ?? '',
        trgLang: file.attrs['target-language'] ?? '',
        approved: tu.attrs.approved === 'yes' || APPROVED_12.has(state),
        reference: referenceFromNotes(childrenNamed(tu, 'note').map(textOf)),
      };
    });
  });
}

function read20(root: XmlElement): ReadUnit[] {
  const srcLang = root.attrs.srcLang ?? '';
  const trgLang = root.attrs.trgLang ?? '';
  return childrenNamed(root, 'file').flatMap((file) =>
    unitsUnder(file, 'unit').map((unit): ReadUnit => {
      // A tool may have split the unit into several segments: their texts are joined in order.
      const parts = unit.children.filter((c): c is XmlElement => typeof c === 'object' && (c.name === 'segment' || c.name === 'ignorable'));
      const text = (name: string) =>
        parts
          .map((p) => {
            const e = childNamed(p, name);
            return e ? textOf(e) : '';
          })
          .join('');
      const segments = parts.filter((p) => p.name === 'segment');
      const hasTarget = parts.some((p) => childNamed(p, 'target'));
      const notes = childNamed(unit, 'notes');
      return {
        id: unit.attrs.id ?? '',
        source: text('source'),
        ...(hasTarget ? { target: text('target') } : {}),
        srcLang,
        trgLang,
        approved: segments.length > 0 && segments.every((s) => s.attrs.state === 'final'),
        reference: referenceFromNotes(notes ? childrenNamed(notes, 'note').map(textOf) : []),
      };
    }),
  );
}

/** The units of an XLIFF file; an XmlSyntaxError or NotXliffError names the file. */
export function readXliff(text: string, file: string): { version: string; units: ReadUnit[] } {
  const root = parseXml(text, file);
  const version = root.attrs.version ?? '';
  if (root.name !== 'xliff') throw new NotXliffError(file, `a <${root.name}> document`);
  if (/^1\.[012]$/.test(version)) return { version, units: read12(root) };
  if (/^2\.\d$/.test(version)) return { version, units: read20(root) };
  throw new NotXliffError(file, `XLIFF version "${version}"`);
}
