import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { isAtom, mirrorElement, mirrorText, originOf, type Dialect } from './office-paragraphs.ts';
import { child, childElements, type Element, type Node } from './office-xml.ts';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const isW = (n: Node, local: string) => n.nodeType === 1 && (n as Element).namespaceURI === W_NS && (n as Element).localName === local;
/** A run's formatting, as a key: runs with equal keys look the same. */
const formatKey = (run: Element) => child(run, W_NS, 'rPr')?.toString() ?? '';
/** A run that holds only text (w:t), so its words can be re-flowed; other runs (notes' marks, images, fields, tabs) are kept. */
const isTextRun = (run: Element) => childElements(run).every((c) => isW(c, 'rPr') || isW(c, 't'));
const runText = (run: Element) =>
  childElements(run)
    .filter((c) => isW(c, 't'))
    .map((t) => t.textContent ?? '')
    .join('');

/** The formatting of most of a container's words: its runs in that formatting are plain text in the mirror. */
const BASE = new WeakMap<T.Element, Element | undefined>();

function baseRun(container: Node): Element | undefined {
  const chars = new Map<string, { run: Element; n: number }>();
  for (const r of Array.from(container.childNodes)) {
    if (!isW(r, 'r') || !isTextRun(r as Element)) continue;
    const key = formatKey(r as Element);
    const seen = chars.get(key) ?? { run: r as Element, n: 0 };
    seen.n += runText(r as Element).length;
    chars.set(key, seen);
  }
  return [...chars.values()].sort((a, b) => b.n - a.n)[0]?.run;
}

function mirrorRuns(container: Node, parent: T.Element): void {
  const base = baseRun(container);
  BASE.set(parent, base);
  const baseKey = base ? formatKey(base) : undefined;
  for (const c of Array.from(container.childNodes)) {
    if (c.nodeType !== 1 || isW(c, 'pPr') || isW(c, 'proofErr')) continue; // proofErr only marks a spelling mistake
    const el = c as Element;
    if (isW(el, 'r') && isTextRun(el)) {
      const key = formatKey(el);
      const last = parent.childNodes.at(-1) as T.Element | undefined;
      if (key === baseKey) mirrorText(parent, runText(el));
      // Neighbouring runs in one formatting are one span (Word splits runs at every edit).
      else if (last?.nodeName === 'span' && !isAtom(last) && last.childNodes.length === 1 && formatKey(originOf(last)[0] as Element) === key)
        mirrorText(last, runText(el));
      else mirrorText(mirrorElement(parent, [el], false), runText(el));
    } else if (isW(el, 'hyperlink')) mirrorRuns(el, mirrorElement(parent, [el], false));
    else mirrorElement(parent, [el], true);
  }
}

/** A run formatted as `like` (its rPr copied) holding `text`. */
function newRun(doc: Node, like: Element | undefined, text: string): Element {
  const d = doc.ownerDocument!;
  const run = d.createElementNS(W_NS, 'w:r');
  const rPr = like && child(like, W_NS, 'rPr');
  if (rPr) run.appendChild(rPr.cloneNode(true));
  const t = d.createElementNS(W_NS, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(d.createTextNode(text));
  run.appendChild(t);
  return run;
}

function restoreRuns(target: Node, mirror: T.Element): void {
  for (const n of mirror.childNodes) {
    if (n.nodeName === '#text') {
      if ((n as T.TextNode).value) target.appendChild(newRun(target, BASE.get(mirror), (n as T.TextNode).value));
      continue;
    }
    const el = n as T.Element;
    const [origin] = originOf(el) as Element[];
    if (isAtom(el)) target.appendChild(origin);
    else if (isW(origin, 'hyperlink')) {
      const copy = origin.cloneNode(false);
      restoreRuns(copy, el);
      target.appendChild(copy);
    } else target.appendChild(newRun(target, origin, el.childNodes.map((t) => (t as T.TextNode).value ?? '').join('')));
  }
}

/** OOXML's w:p: runs (w:r with w:t) and links (w:hyperlink), the rest kept. */
export const docxDialect: Dialect = {
  mirror: mirrorRuns,
  restore(paragraph, mirror) {
    for (const c of Array.from(paragraph.childNodes)) if (!isW(c, 'pPr')) paragraph.removeChild(c);
    restoreRuns(paragraph, mirror);
  },
};
