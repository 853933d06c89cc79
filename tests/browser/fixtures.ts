// Hand-written result.json / run-report.json fixtures, parsed with the real schemas so that a
// fixture drifting from the format fails here rather than rendering something the CLI never makes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/results');

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(RESULTS_DIR, name), 'utf8'));
}

/** The 9-block Astana article (title, kicker, 2 headings, 5 paragraphs) in six editions, with flags. */
export function loadArticle(): Result {
  return ResultSchema.parse(readJson('astana-sommet-eau.json'));
}

/** An article whose every text field tries to inject markup or script. */
export function loadXssArticle(): Result {
  return ResultSchema.parse(readJson('xss-article.json'));
}

export function loadRunReport(): RunReport {
  return RunReportSchema.parse(readJson('run-report.json'));
}

/** The clipboard text the copy button must produce, computed independently of the page code. */
export function expectedCopy(blocks: { text: string }[], summary?: string): string {
  return [...blocks.map((b) => b.text).filter((t) => t !== ''), ...(summary ? [summary] : [])].join('\n\n');
}

/** Glossary terms used by the tests: names as they appear in several editions. */
export const GLOSSARY = ['Astana', 'Астана', '阿斯塔纳', 'Asian Development Bank', 'Азия даму банкі', 'Amu Darya'];
