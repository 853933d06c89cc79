import { stat } from 'node:fs/promises';
import * as z from 'zod';
import { messages, UserError } from '../diagnostics/messages.ts';
import { fileSizeLimit, formatList } from '../document/formats/registry.ts';
import { defineStep } from './define-step.ts';

/**
 * The readers (parse5, micromark) load with the first article, not with every config check. Out
 * here, not in `run` below: tsc leaves `.ts` unrewritten in an import() inside `export default`.
 */
const readers = () => import('../document/read.ts');

/** Reads the article file (any format of document/formats/) into typed blocks. */
export default defineStep({
  kind: 'read',
  description: `read the article file (${formatList()}) into title, kicker, heading, paragraph and quote blocks`,
  options: z.strictObject({
    /**
     * Largest article accepted, in KB. The longest news features are well under 100 KB; a file
     * past this is a mistake (a dump, a log) that would hold the models for minutes. @default 256
     */
    maxKB: z.int().positive().default(256),
  }),
  async run(article, options) {
    const { size } = await stat(article.file).catch(() => ({ size: 0 }));
    const limit = fileSizeLimit(article.file, options.maxKB * 1024);
    if (size > limit) throw UserError.from(messages.articleTooLarge(size / 1024, limit / 1024));
    const { readDocument } = await readers();
    const doc = await readDocument(article.file);
    // An office file's photos do not count: its text is what is held to the limit.
    const text = doc.blocks.reduce((n, b) => n + Buffer.byteLength(b.text), 0);
    if (text > options.maxKB * 1024) throw UserError.from(messages.articleTooLarge(text / 1024, options.maxKB));
    article.blocks = doc.blocks.map((b) => ({ ...b, segments: [] }));
  },
});
