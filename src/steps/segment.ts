import * as z from 'zod';
import { defineStep } from './define-step.ts';

/** The sentence splitter loads with the first article, not with every config check (see translate.ts). */
const splitter = () => import('../document/segment-fr.ts');

/** Splits every block into sentences: the units that go through the models. */
export default defineStep({
  kind: 'segment',
  description: 'split each block into sentences with the French-aware splitter',
  options: z.strictObject({}),
  async run(article) {
    const { segmentFrench } = await splitter();
    for (const block of article.blocks) block.segments = segmentFrench(block.text);
  },
});
