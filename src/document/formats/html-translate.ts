import { parse, parseFragment, serialize, type DefaultTreeAdapterTypes as T } from 'parse5';
import { checkDepth } from '../markup-depth.ts';
import type { TranslateTexts } from './types.ts';

// Elements that sit inside a sentence: their text is part of the sentence around them.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
]);
// Kept exactly as written, wherever they are: code, scripts, embedded objects, and what the
// author marked with the HTML `translate="no"` attribute (or Google's `notranslate` class).
const KEEP = new Set([
  'script',
  'style',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'textarea',
  'template',
  'svg',
  'math',
  'noscript',
  'img',
  'wbr',
  'input',
  'embed',
  'object',
  'audio',
  'video',
  'canvas',
  'iframe',
  'select',
  'button',
]);

type Kind = 'text' | 'inline' | 'atom' | 'break' | 'block';

const isElement = (n: T.Node): n is T.Element => 'tagName' in n;
const isText = (n: T.Node): n is T.TextNode => n.nodeName === '#text';

// An element's kind depends on its whole subtree: worked out once per node (asked again and again,
// it took time exponential in how deep inline tags nest: 22 nested spans took 5 s).
const kinds = new WeakMap<T.ChildNode, Kind>();

function kindOf(n: T.ChildNode): Kind {
  let kind = kinds.get(n);
  if (kind === undefined) kinds.set(n, (kind = kindOfNode(n)));
  return kind;
}

function kindOfNode(n: T.ChildNode): Kind {
  if (isText(n)) return 'text';
  if (!isElement(n)) return 'atom'; // comments, doctype
  const kept = n.attrs.some((a) => (a.name === 'translate' && a.value.toLowerCase() === 'no') || (a.name === 'class' && /\bnotranslate\b/.test(a.value)));
  if (kept || KEEP.has(n.tagName)) return 'atom';
  if (n.tagName === 'br') return 'break';
  return INLINE.has(n.tagName) && !hasBlock(n) ? 'inline' : 'block';
}

/** Whether a block sits anywhere under `n` (an inline child holds none: that is what makes it inline). */
function hasBlock(n: T.Element): boolean {
  return n.childNodes.some((c) => kindOf(c) === 'block');
}

/** A stretch of a parent's children read as one text: text nodes and inline elements. */
interface Run {
  parent: T.ParentNode;
  nodes: T.ChildNode[];
}

function collectRuns(parent: T.ParentNode, runs: Run[]): void {
  let nodes: T.ChildNode[] = [];
  const flush = () => {
    // Atoms at either end stay where they are, outside the run.
    while (nodes.length && kindOf(nodes[0]) === 'atom') nodes.shift();
    while (nodes.length && kindOf(nodes.at(-1)!) === 'atom') nodes.pop();
    if (nodes.length) runs.push({ parent, nodes });
    nodes = [];
  };
  for (const child of parent.childNodes) {
    const kind = kindOf(child);
    if (kind === 'text' || kind === 'inline' || kind === 'atom') nodes.push(child);
    else {
      flush();
      if (kind === 'block') collectRuns(child as T.Element, runs);
    }
  }
  flush();
}

/** Text nodes under `nodes`, in reading order, skipping kept elements. */
function textNodes(nodes: T.ChildNode[]): T.TextNode[] {
  return nodes.flatMap((n) => (isText(n) ? [n] : kindOf(n) === 'inline' ? textNodes((n as T.Element).childNodes) : []));
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const lead = (s: string) => /^\s*/.exec(s)![0];
const trail = (s: string) => /\s*$/.exec(s)![0];
const textNode = (value: string, parentNode: T.ParentNode): T.TextNode => ({ nodeName: '#text', value, parentNode });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A run whose inline elements each hold plain text only ("a <b>visité</b> la Chine") is
 * translated whole, as the sentence it is, and each element's own text separately; the element
 * goes back around the place its translation takes in the sentence's (compared ignoring case).
 */
function isFlat(run: Run): boolean {
  return run.nodes.every(
    (n) =>
      isText(n) ||
      (kindOf(n) === 'inline' &&
        (n as T.Element).childNodes.every(isText) &&
        norm(
          textNodes([n])
            .map((t) => t.value)
            .join(''),
        ) !== ''),
  );
}

function project(run: Run, whole: string, inner: string[]): T.ChildNode[] | undefined {
  const elements = run.nodes.filter(isElement);
  const spans: { el: T.Element; start: number; end: number }[] = [];
  let cursor = 0;
  for (const [i, el] of elements.entries()) {
    const wanted = inner[i].trim();
    const m = wanted && new RegExp(escapeRegExp(wanted), 'iu').exec(whole.slice(cursor));
    if (!m) return undefined;
    spans.push({ el, start: cursor + m.index, end: cursor + m.index + m[0].length });
    cursor = spans.at(-1)!.end;
  }
  const out: T.ChildNode[] = [];
  cursor = 0;
  for (const { el, start, end } of spans) {
    if (start > cursor) out.push(textNode(whole.slice(cursor, start), run.parent));
    el.childNodes = [textNode(whole.slice(start, end), el)];
    out.push(el);
    cursor = end;
  }
  if (cursor < whole.length) out.push(textNode(whole.slice(cursor), run.parent));
  return out;
}

/** Translates every text of a parsed tree in place; see translateHtml. */
export async function translateTree(root: T.ParentNode, translate: TranslateTexts): Promise<void> {
  const runs: Run[] = [];
  collectRuns(root, runs);
  const plain = (run: Run) =>
    textNodes(run.nodes)
      .map((t) => t.value)
      .join('');
  const flat = runs.filter((r) => isFlat(r) && norm(plain(r)) !== '');
  // Runs that cannot be translated whole, and flat runs whose elements could not be placed:
  // each of their text nodes is translated on its own, so every tag stays exactly in place.
  const byNode = (list: Run[]) => textNodes(list.flatMap((r) => r.nodes)).filter((t) => norm(t.value) !== '');
  const wholeTexts = flat.flatMap((r) => [
    norm(plain(r)),
    ...r.nodes.filter(isElement).map((e) =>
      norm(
        textNodes([e])
          .map((t) => t.value)
          .join(''),
      ),
    ),
  ]);
  let nodes = byNode(runs.filter((r) => !flat.includes(r)));
  const first = await translate([...wholeTexts, ...nodes.map((t) => norm(t.value))]);
  const failed: Run[] = [];
  let at = 0;
  for (const run of flat) {
    const count = 1 + run.nodes.filter(isElement).length;
    const [whole, ...inner] = first.slice(at, (at += count));
    const text = plain(run);
    const placed = project(run, whole, inner);
    if (!placed) {
      failed.push(run);
      continue;
    }
    const replaced = [textNode(lead(text), run.parent), ...placed, textNode(trail(text), run.parent)].filter((n) => !isText(n) || n.value !== '');
    const index = run.parent.childNodes.indexOf(run.nodes[0]);
    run.parent.childNodes.splice(index, run.nodes.length, ...replaced);
  }
  const setAll = (list: T.TextNode[], out: string[]) => list.forEach((t, i) => (t.value = lead(t.value) + out[i] + trail(t.value)));
  setAll(nodes, first.slice(at));
  nodes = byNode(failed);
  if (nodes.length) setAll(nodes, await translate(nodes.map((t) => norm(t.value))));
}

/**
 * Translates HTML as LibreTranslate's `format: html` does, keeping every tag and attribute: the
 * text of each block (paragraph, heading, list item, cell…) is translated as one text, inline
 * tags (b, i, a, span…) stay around the words they marked, and code, scripts and
 * `translate="no"` elements are kept as written. A whole document stays a whole document.
 */
export async function translateHtml(html: string, translate: TranslateTexts): Promise<string> {
  const whole = /^\s*(<!doctype|<html[\s>])/i.test(html);
  const root = whole ? parse(html) : parseFragment(html);
  // A template's content is a tree of its own, serialized as deep as the rest.
  checkDepth<T.Node>(root, (n) => ('childNodes' in n ? ('content' in n ? [...n.childNodes, (n as unknown as T.Template).content] : n.childNodes) : undefined));
  await translateTree(root, translate);
  return serialize(root);
}
