// Chinese editions are readable in the browser (and so in the screenshots), not rows of empty
// boxes: Chromium needs a font with Han glyphs on the machine (.ci/run installs fonts-noto-cjk).
// A character no font has is drawn as the same "tofu" box whatever the character, so the test
// draws each Han character of an edition, in the font its cell uses, and requires every one to
// look different from the others and from a character that has no glyph anywhere.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../src/output/html-article.ts';
import { loadArticle } from './fixtures.ts';
import { launchChromium, openFile, removeTempSite, SCREENSHOT_DIR, writeTempSite } from './launch.ts';

let browser: Browser;
let site: string;
const article = loadArticle();

beforeAll(async () => {
  site = writeTempSite({ [`${article.slug}/index.html`]: renderArticlePage(article) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeTempSite(site);
});

/** A code point of Unicode's last private-use plane: no font on the machine draws it. */
const NO_GLYPH = '\u{10FFFD}';

describe('CJK text in the browser', () => {
  it.each(['zh', 'zh-Hant'])('draws the Han characters of the %s edition with real glyphs', async (col) => {
    const han = [...new Set([...article.targets[col].blocks[0].text].filter((c) => /\p{Script=Han}/u.test(c)))];
    expect(han.length).toBeGreaterThanOrEqual(8);
    const w = await openFile(browser, `${site}/${article.slug}/index.html`);
    try {
      const drawn = await w.page.evaluate(
        ({ col, chars }) => {
          const td = document.querySelector(`td[data-col="${col}"]`)!;
          const style = getComputedStyle(td);
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 48;
          const g = canvas.getContext('2d', { willReadFrequently: true })!;
          // Each character's pixels, as a string to compare, and how many pixels it inked.
          return chars.map((ch) => {
            g.clearRect(0, 0, 48, 48);
            g.font = `32px ${style.fontFamily}`;
            g.textBaseline = 'top';
            g.fillText(ch, 4, 4);
            const alpha = g.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3);
            return { ch, pixels: alpha.join(','), ink: alpha.filter((a) => a > 0).length };
          });
        },
        { col, chars: [...han, NO_GLYPH] },
      );
      const tofu = drawn.pop()!;
      for (const d of drawn) {
        expect(d.ink, `${d.ch} draws something`).toBeGreaterThan(0);
        expect(
          d.pixels === tofu.pixels,
          `${d.ch} is drawn as the missing-glyph box: install a CJK font (apt-get install fonts-noto-cjk), as .ci/run does`,
        ).toBe(false);
      }
      expect(new Set(drawn.map((d) => d.pixels)).size, 'distinct characters look distinct').toBe(han.length);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await w.page.locator(`tr[data-index="0"] td[data-col="${col}"]`).screenshot({ path: path.join(SCREENSHOT_DIR, `cjk-${col}-title.png`) });
    } finally {
      await w.close();
    }
  });
});
