// A tiny DOM reader over parse5 (already a dependency), so the page structure can be checked in
// Node without a browser: find elements by tag/attribute and read their text.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

export type El = T.Element;

export function parseHtml(html: string): T.Document {
  return parse(html);
}

function children(node: T.ParentNode): T.ChildNode[] {
  // <template> content is not used by the pages; plain childNodes are enough.
  return node.childNodes;
}

export function all(root: T.ParentNode, test: (el: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (n: T.ParentNode): void => {
    for (const c of children(n)) {
      if ('tagName' in c) {
        if (test(c)) out.push(c);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

export function attr(el: El, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(el: El, cls: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(cls);
}

export function text(node: T.ParentNode): string {
  let s = '';
  for (const c of children(node)) {
    if (c.nodeName === '#text') s += (c as T.TextNode).value;
    else if ('childNodes' in c) s += text(c as T.ParentNode);
  }
  return s;
}

export const byTag = (tag: string) => (el: El) => el.tagName === tag;
