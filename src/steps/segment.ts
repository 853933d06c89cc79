import * as z from 'zod';
import { segmentFrench } from '../document/segment-fr.ts';
import { defineStep } from './define-step.ts';

/** Splits every block into sentences: the units that go through the models. */
export default defineStep({
  kind: 'segment',
  description: 'split each block into sentences with the French-aware splitter',
  options: z.strictObject({}),
  async run(article) {
    for (const block of article.blocks) block.segments = segmentFrench(block.text);
  },
});
