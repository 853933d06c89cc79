import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import type { Block } from '../types.ts';
import { normaliseInline } from './read-common.ts';

/**
 * Reads a Markdown article with a CommonMark parser (micromark, linear in the input: no line,
 * however odd, makes it slow), then keeps the plain text of each block:
 *
 * - the first level-1 heading (ATX or setext) is the title; later ones and levels 2–6 are headings;
 * - a paragraph is a block; each list item is a bullet or numbered block (its paragraphs joined),
 *   the items of a list nested in it following it;
 * - a block quote is one quote;
 * - a paragraph wholly in single emphasis (`*…*` or `_…_`) right under the title is the kicker;
 * - emphasis, strikethrough and code marks are dropped, links keep their text, images go;
 * - front matter, code blocks, thematic breaks, link definitions and HTML comments are not
 *   article text and are skipped.
 */
export function readMarkdown(text: string): Block[] {
  const tree = fromMarkdown(text, {
    extensions: [frontmatter(['yaml']), gfmStrikethrough()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmStrikethroughFromMarkdown()],
  });
  const blocks: Block[] = [];
  let titleSeen = false;
  let previousWasTitle = false;
  for (const { node, ordered } of flatten(tree)) {
    if (node.type === 'listItem') {
      const text = plain({ ...node, children: node.children.filter((c) => c.type !== 'list') });
      if (text !== '') blocks.push({ type: ordered ? 'numbered' : 'bullet', text });
      previousWasTitle = false;
      continue;
    }
    const kicker = previousWasTitle && node.type === 'paragraph' ? wholeEmphasis(node) : undefined;
    previousWasTitle = false;
    let block: Block;
    if (kicker) block = { type: 'kicker', text: plain(kicker) };
    else if (node.type === 'heading' && node.depth === 1 && !titleSeen) {
      block = { type: 'title', text: plain(node) };
      titleSeen = previousWasTitle = true;
    } else if (node.type === 'heading') block = { type: 'heading', text: plain(node) };
    else if (node.type === 'blockquote') block = { type: 'quote', text: plain(node) };
    else block = { type: 'paragraph', text: plain(node) };
    if (block.text !== '') blocks.push(block);
    else if (block.type === 'title') titleSeen = previousWasTitle = false; // an empty "#" is no title
  }
  return blocks;
}

/** The nodes that become blocks, in order: each list item, then the lists nested in it. */
function flatten(parent: Root | Extract<Nodes, { children: unknown }>): { node: RootContent; ordered?: boolean }[] {
  const out: { node: RootContent; ordered?: boolean }[] = [];
  for (const node of parent.children as RootContent[]) {
    if (node.type === 'list') {
      for (const item of node.children) {
        out.push({ node: item, ordered: node.ordered === true });
        for (const nested of item.children) if (nested.type === 'list') out.push(...flatten({ type: 'root', children: [nested] }));
      }
    } else if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'blockquote') out.push({ node });
    else if (node.type === 'html' && !/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) out.push({ node });
  }
  return out;
}

/** The emphasis a paragraph consists of, alone (not bold), or undefined. */
function wholeEmphasis(p: Paragraph): Nodes | undefined {
  const [only, ...rest] = p.children;
  return rest.length === 0 && only?.type === 'emphasis' ? only : undefined;
}

/** The text of a node: link text kept, images and markup dropped, line breaks as spaces. */
function plain(node: Nodes): string {
  const parts: string[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'text' || n.type === 'inlineCode') parts.push(n.value);
    else if (n.type === 'break') parts.push(' ');
    // Inline or block HTML: its tags are not words; the text between them is.
    else if (n.type === 'html') parts.push(n.value.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[a-zA-Z][^>]*>/g, ' '));
    else if (n.type === 'image' || n.type === 'imageReference' || n.type === 'code' || n.type === 'yaml') return;
    else if ('children' in n) {
      for (const c of n.children) {
        walk(c as Nodes);
        // Paragraphs of one quote are joined by a space.
        if (c.type === 'paragraph') parts.push(' ');
      }
    }
  };
  walk(node);
  return normaliseInline(parts.join(''));
}
