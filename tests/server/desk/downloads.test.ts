// The desk's `<lang>.html` download: an edition's list items come out as lists.
import { describe, expect, it } from 'vitest';
import { editionHtml } from '../../../src/server/desk/downloads.ts';
import { loadArticle } from '../../browser/fixtures.ts';
import { all, parseHtml, text } from '../../output/dom.ts';

describe('editionHtml', () => {
  it('writes a run of bullet items as one ul and of numbered items as one ol', () => {
    const result = loadArticle();
    const blocks = result.targets.en.blocks;
    (['bullet', 'bullet', 'numbered', 'numbered'] as const).forEach((t, i) => (blocks[i + 2].type = t));
    const doc = parseHtml(editionHtml(result, 'en'));
    const lists = all(doc, (e) => e.tagName === 'ul' || e.tagName === 'ol');
    expect(lists.map((l) => [l.tagName, all(l, (e) => e.tagName === 'li').map(text)])).toEqual([
      ['ul', [blocks[2].text, blocks[3].text]],
      ['ol', [blocks[4].text, blocks[5].text]],
    ]);
  });
});
