import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { DocumentError } from '../errors.ts';

export type { Document, Element, Node };

/**
 * Parses one XML part of an office file. A DOCTYPE is refused before parsing: office formats
 * never need one, and refusing it means no entity is ever expanded and no external one fetched
 * (xmldom fetches nothing, but entity tricks are refused at the door, not trusted to a parser).
 */
export function parseXml(bytes: Uint8Array, file: string, part: string): Document {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new DocumentError(file, 'damaged', `refused: ${part} declares a DOCTYPE or entities, which office files never do`);
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new DocumentError(file, 'damaged', `${part} is not well-formed XML (${(error as Error).message})`, { cause: error });
  }
}

export function serializeXml(doc: Document): Uint8Array {
  return Buffer.from(new XMLSerializer().serializeToString(doc), 'utf8');
}

/** Elements below `root` (document order) with this namespace and local name. */
export function elements(root: Document | Element, ns: string, local: string): Element[] {
  return Array.from(root.getElementsByTagNameNS(ns, local));
}

/** The element children of a node. */
export function childElements(node: Node): Element[] {
  return Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** The first child element with this namespace and local name. */
export function child(node: Node, ns: string, local: string): Element | undefined {
  return childElements(node).find((e) => e.namespaceURI === ns && e.localName === local);
}

/** Whether `el` is inside an element with this namespace and local name. */
export function inside(el: Node, ns: string, local: string): boolean {
  for (let p = el.parentNode; p; p = p.parentNode)
    if (p.nodeType === 1 && (p as Element).namespaceURI === ns && (p as Element).localName === local) return true;
  return false;
}
