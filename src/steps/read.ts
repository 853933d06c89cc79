import { z } from 'zod';
import { readDocument } from '../document/read.ts';
import { defineStep } from './define-step.ts';

/** Reads the article file (.txt, .md, .html) into typed blocks. */
export default defineStep({
  kind: 'read',
  description: 'read the article file (.txt, .md or .html) into title, kicker, heading, paragraph and quote blocks',
  options: z.strictObject({}),
  async run(article) {
    const doc = await readDocument(article.file);
    article.blocks = doc.blocks.map((b) => ({ ...b, segments: [] }));
  },
});
