import * as z from 'zod';
import { cleanBlocks } from '../document/clean.ts';
import { messages } from '../diagnostics/messages.ts';
import { defineStep } from './define-step.ts';

const compile = (pattern: string) => new RegExp(pattern, 'iu');

/** Drops boilerplate blocks (newsletter prompts, share buttons) matched by the pipeline's patterns. */
export default defineStep({
  kind: 'clean',
  description: 'drop boilerplate blocks whose text matches one of the patterns (case-insensitive regular expressions)',
  options: z.strictObject({
    /** Regular expressions, matched case-insensitively against each block's text. @default [] */
    patterns: z.array(z.string().min(1)).default([]),
  }),
  check(options) {
    return options.patterns.flatMap((p, i) => {
      try {
        compile(p);
        return [];
      } catch (err) {
        return [{ path: ['patterns', i], m: messages.invalidValue(`expected a regular expression (${(err as Error).message})`, `\`${p}\``) }];
      }
    });
  },
  async run(article, options) {
    const { blocks, dropped } = cleanBlocks(article.blocks, options.patterns.map(compile));
    article.blocks = blocks.map((b) => ({ ...b, segments: [] }));
    article.dropped.push(...dropped);
  },
});
