import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import { OUTPUT_MARKER } from '../../src/runner/output-folder.ts';
import { articleText, writeArticles } from './generate-articles.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';
import { tmp } from './project.ts';

// What a nightly job over a growing folder of articles relies on: each output folder is brought
// up to date on its own, never reads its own editions back, keeps each article in its folder,
// and one unreadable thing is one named failure while the rest goes on.
const report = (out: string): RunReport => RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
const result = (out: string, slug: string) => JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8')) as { file: string; inputHash: string };
const run = (input: string, out: string, cache: string, ...extra: string[]) =>
  cli(['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache, '--quiet', ...extra]);

describe('outputs belong to their output folder', () => {
  it('a folder made with old settings is rewritten, even after another folder was made with the new ones', async () => {
    const input = tmp('input');
    const [a, b, cache] = [tmp('a'), tmp('b'), tmp('cache')];
    writeArticles(input, 1);
    const oldGlossary = path.join(REPO, 'glossary.yaml');
    // The new settings: one more glossary entry, which changes the English title.
    const newGlossary = path.join(tmp('glossary'), 'glossary.yaml');
    writeFileSync(
      newGlossary,
      readFileSync(oldGlossary, 'utf8') + '- source: Astana\n  targets: { en: Nur-Sultan, kk: Нұр-Сұлтан, ru: Нур-Султан, zh: 努尔苏丹 }\n',
    );
    const title = (out: string) => readFileSync(path.join(out, 'article-000-fr/en.md'), 'utf8').split('\n')[0];

    expect((await run(input, a, cache, '--glossary', oldGlossary)).code).toBe(0);
    expect((await run(input, b, cache, '--glossary', oldGlossary)).code).toBe(0);
    expect(title(b)).toBe('# Article 0 : Astana and the cooperation');
    const oldHash = result(b, 'article-000-fr').inputHash;

    expect((await run(input, a, cache, '--glossary', newGlossary)).code).toBe(0);
    expect(report(a).documents).toEqual({ total: 1, done: 1, failed: 0, unchanged: 0 });
    // The store now says "done with the new settings"; folder B still holds the old editions.
    expect((await run(input, b, cache, '--glossary', newGlossary)).code).toBe(0);
    expect(report(b).documents).toEqual({ total: 1, done: 1, failed: 0, unchanged: 0 });
    expect(title(b)).toBe('# Article 0 : Nur-Sultan and the cooperation');
    expect(result(b, 'article-000-fr').inputHash).toBe(result(a, 'article-000-fr').inputHash);
    expect(result(b, 'article-000-fr').inputHash).not.toBe(oldHash);
    // Rewritten from the cache: the models were not asked again.
    expect(report(b).segments.translated).toBe(0);
  });
});

describe('an output folder inside the inputs', () => {
  it('is never read back: `--input in --out in/editions` reads the same 3 articles on every run', async () => {
    const root = tmp('root');
    const input = path.join(root, 'in');
    const cache = tmp('cache');
    writeArticles(input, 3);
    const out = path.join(input, 'editions');
    expect((await run(input, out, cache)).code).toBe(0);
    expect(report(out).documents).toEqual({ total: 3, done: 3, failed: 0, unchanged: 0 });
    expect(existsSync(path.join(out, OUTPUT_MARKER))).toBe(true);
    // Last year's editions, copied elsewhere inside the inputs, carry the marker with them.
    cpSync(out, path.join(input, 'archive', '2024'), { recursive: true });

    expect((await run(input, out, cache)).code).toBe(0);
    expect(report(out).documents).toEqual({ total: 3, done: 0, failed: 0, unchanged: 3 });
    expect(report(out).articles.map((a) => path.relative(input, a.file))).toEqual(['article-000.fr.txt', 'article-001.fr.txt', 'article-002.fr.txt']);
    // A glob over the inputs skips them too.
    expect((await run(path.join(input, '**', '*.{md,txt}'), out, cache)).code).toBe(0);
    expect(report(out).documents).toEqual({ total: 3, done: 0, failed: 0, unchanged: 3 });
  });

  it('given as the input itself, it is one named failure', async () => {
    const input = tmp('input');
    const out = tmp('out');
    writeArticles(input, 1);
    expect((await run(input, out, tmp('cache'))).code).toBe(0);
    const again = tmp('again');
    expect((await run(out, again, tmp('cache'))).code).toBe(1);
    expect(report(again).failures).toEqual([
      { file: out, reason: `is an output folder (it holds ${OUTPUT_MARKER}, or is this run's --out or cache folder); its files are editions, not articles` },
    ]);
  });
});

describe('article folders (slugs)', () => {
  it('stay with their file: a second article.txt arriving later gets the hashed folder, the first keeps its own', async () => {
    const input = tmp('input');
    const [out, cache] = [tmp('out'), tmp('cache')];
    const first = path.join(input, 'monday', 'article.txt');
    const second = path.join(input, 'tuesday', 'article.txt');
    mkdirSync(path.dirname(first), { recursive: true });
    writeFileSync(first, articleText(1));
    expect((await run(input, out, cache)).code).toBe(0);
    expect(result(out, 'article').file).toBe(first);

    mkdirSync(path.dirname(second), { recursive: true });
    writeFileSync(second, articleText(2));
    expect((await run(input, out, cache)).code).toBe(0);
    const hashed = `article-${createHash('sha256').update(second).digest('hex').slice(0, 8)}`;
    expect(report(out).articles.map((a) => [a.file, a.slug, a.status])).toEqual([
      [first, 'article', 'unchanged'],
      [second, hashed, 'done'],
    ]);
    expect(result(out, 'article').file).toBe(first);
    expect(result(out, hashed).file).toBe(second);
    expect(readFileSync(path.join(out, 'article/en.md'), 'utf8')).toMatch(/^# Article 1 : /);
  });
});

describe('what cannot be read', () => {
  it('a file of several gigabytes is refused by its size, before it is read or hashed', async () => {
    const input = tmp('input');
    const out = tmp('out');
    writeArticles(input, 2);
    // Sparse: 3 GiB long, no disk used. Read whole, it would not even fit a Node buffer.
    const huge = path.join(input, 'dump.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    const r = await run(input, out, tmp('cache'));
    expect(r.code).toBe(1);
    expect(report(out).documents).toEqual({ total: 3, done: 2, failed: 1, unchanged: 0 });
    expect(report(out).failures).toEqual([
      { file: huge, step: 'steps[0] read', reason: 'article is 3145728 KB, over the limit of 256 KB (read.with.maxKB in the pipeline)' },
    ]);
  });

  // Tests run as root here, and root reads any folder whatever its mode: so the CLI is started
  // without the two capabilities that let it (setpriv drops them from its bounding set, and the
  // kernel then checks the mode bits for root too), which works wherever the checkout lies. Run
  // as another user, mode 000 closes the folder the same way.
  it('a folder without permission is one named failure; the rest of the batch is translated', async () => {
    const asRoot = process.getuid?.() === 0;
    const base = tmp('perm');
    const input = path.join(base, 'in');
    writeArticles(path.join(input, 'open'), 2);
    writeArticles(path.join(input, 'closed'), 1);
    chmodSync(path.join(input, 'closed'), 0o000);
    const [out, cache, project] = ['out', 'cache', 'project'].map((d) => path.join(base, d));
    // No model: the walk is what is tested.
    mkdirSync(path.join(project, 'pipelines'), { recursive: true });
    writeFileSync(path.join(project, 'config.yaml'), 'catalogue: {}\ntargets: {}\n');
    writeFileSync(path.join(project, 'pipelines/article.yaml'), 'steps:\n  - uses: read\n  - uses: segment\n  - uses: write\n');
    const command = [process.execPath, path.join(REPO, 'bin/audarma.js'), 'run', '--input', input, '--out', out, '--cache-dir', cache, '--quiet'];
    const [exe, ...args] = asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', ...command] : command;
    const child = spawn(exe, args, { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b));
    const code = await new Promise((resolve) => child.on('close', resolve));
    chmodSync(path.join(input, 'closed'), 0o755);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report(out).documents).toEqual({ total: 3, done: 2, failed: 1, unchanged: 0 });
    expect(report(out).failures).toEqual([{ file: path.join(input, 'closed'), reason: 'cannot read this folder: permission denied (EACCES)' }]);
  });
});
