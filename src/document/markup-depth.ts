/** How deep elements may nest: far beyond any article (a few dozen), far below what recursion over the tree can take. */
export const MAX_MARKUP_DEPTH = 1000;

/** Markup nested deeper than MAX_MARKUP_DEPTH: refused, as walking it would exhaust the stack. */
export class MarkupTooDeep extends Error {
  constructor(readonly depth: number) {
    super(`the markup nests deeper than ${MAX_MARKUP_DEPTH} elements`);
    this.name = 'MarkupTooDeep';
  }
}

/**
 * Throws MarkupTooDeep when the tree from `root` nests deeper than MAX_MARKUP_DEPTH. Walks with
 * its own stack, so it never overflows itself however deep the tree is.
 */
export function checkDepth<N>(root: N, children: (n: N) => readonly N[] | undefined): void {
  const stack: [N, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_MARKUP_DEPTH) throw new MarkupTooDeep(depth);
    for (const c of children(node) ?? []) stack.push([c, depth + 1]);
  }
}
