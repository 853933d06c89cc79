import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { isAtom, mirrorElement, mirrorText, originOf, type Dialect } from './office-paragraphs.ts';
import type { Element, Node } from './office-xml.ts';

export const TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';

/** Inline elements whose words belong to the sentence around them: spans (character styles) and links. */
const INLINE = new Set(['span', 'a']);

function mirrorChildren(node: Node, parent: T.Element): void {
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === 3) mirrorText(parent, c.nodeValue ?? '');
    else if (c.nodeType !== 1) continue;
    else if ((c as Element).namespaceURI === TEXT_NS && INLINE.has((c as Element).localName!)) mirrorChildren(c, mirrorElement(parent, [c], false));
    // text:s is one or more spaces (ODF collapses runs of spaces in text).
    else if ((c as Element).namespaceURI === TEXT_NS && (c as Element).localName === 's')
      mirrorText(parent, ' '.repeat(Number((c as Element).getAttribute('text:c') || 1)));
    // Tabs, line breaks, notes, frames, bookmarks, fields: kept as they are, where they are.
    else mirrorElement(parent, [c], true);
  }
}

function restoreChildren(target: Node, mirror: T.Element): void {
  const doc = target.ownerDocument!;
  for (const n of mirror.childNodes) {
    if (n.nodeName === '#text') {
      const value = (n as T.TextNode).value;
      if (value) target.appendChild(doc.createTextNode(value));
      continue;
    }
    const el = n as T.Element;
    const [origin] = originOf(el);
    if (isAtom(el)) target.appendChild(origin);
    else {
      const copy = origin.cloneNode(false);
      restoreChildren(copy, el);
      target.appendChild(copy);
    }
  }
}

/** ODF's text:p and text:h: text with text:span and text:a inside, the rest kept. */
export const odtDialect: Dialect = {
  mirror: mirrorChildren,
  restore(paragraph, mirror) {
    while (paragraph.firstChild) paragraph.removeChild(paragraph.firstChild);
    restoreChildren(paragraph, mirror);
  },
};
