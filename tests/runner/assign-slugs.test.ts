import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignSlugs } from '../../src/runner/assign-slugs.ts';
import { OUTPUT_MARKER, readSlugOwners, writeOutputMarker } from '../../src/runner/output-folder.ts';

const hash8 = (file: string) => createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 8);

describe('assignSlugs', () => {
  it('gives a lone file its plain slug, and two files of one name each a hashed one', () => {
    const { slugs } = assignSlugs(['/in/a/article.txt', '/in/b/article.txt', '/in/other.fr.txt']);
    expect(Object.fromEntries(slugs)).toEqual({
      '/in/a/article.txt': `article-${hash8('/in/a/article.txt')}`,
      '/in/b/article.txt': `article-${hash8('/in/b/article.txt')}`,
      '/in/other.fr.txt': 'other-fr',
    });
  });

  it('keeps the folder a file already has, and never gives it to another file', () => {
    const owners = new Map([['article', '/in/monday/article.txt']]);
    const { slugs, owners: after } = assignSlugs(['/in/monday/article.txt', '/in/tuesday/article.txt'], owners);
    expect(slugs.get('/in/monday/article.txt')).toBe('article');
    expect(slugs.get('/in/tuesday/article.txt')).toBe(`article-${hash8('/in/tuesday/article.txt')}`);
    expect(Object.fromEntries(after)).toEqual({
      article: '/in/monday/article.txt',
      [`article-${hash8('/in/tuesday/article.txt')}`]: '/in/tuesday/article.txt',
    });
    // The first file gone from the inputs, its folder still belongs to it.
    expect(assignSlugs(['/in/wednesday/article.txt'], owners).slugs.get('/in/wednesday/article.txt')).toBe(`article-${hash8('/in/wednesday/article.txt')}`);
  });

  it("takes a longer hash when the short one is already another file's folder", () => {
    const file = '/in/x/article.txt';
    const owners = new Map([
      ['article', '/in/first/article.txt'],
      [`article-${hash8(file)}`, '/somewhere/else.txt'],
    ]);
    const full = createHash('sha256').update(file).digest('hex');
    expect(assignSlugs([file], owners).slugs.get(file)).toBe(`article-${full.slice(0, 12)}`);
  });
});

describe('the output marker', () => {
  it('round-trips the owners, forgets folders that are gone, and rebuilds from result.json when missing', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'audarma-marker-'));
    for (const slug of ['a', 'b']) mkdirSync(path.join(out, slug));
    await writeOutputMarker(
      out,
      new Map([
        ['b', '/in/b.txt'],
        ['a', '/in/a.txt'],
        ['gone', '/in/gone.txt'],
      ]),
    );
    expect(Object.keys(JSON.parse(readFileSync(path.join(out, OUTPUT_MARKER), 'utf8')).slugs)).toEqual(['a', 'b', 'gone']);
    expect(Object.fromEntries(readSlugOwners(out))).toEqual({ a: '/in/a.txt', b: '/in/b.txt' });

    // A folder written before the marker existed: each result.json names its file.
    rmSync(path.join(out, OUTPUT_MARKER));
    writeFileSync(path.join(out, 'a', 'result.json'), JSON.stringify({ file: '/in/a.txt', slug: 'a' }));
    expect(Object.fromEntries(readSlugOwners(out))).toEqual({ a: '/in/a.txt' });
  });
});
