import clean from './clean.ts';
import read from './read.ts';
import segment from './segment.ts';
import summarize from './summarize.ts';
import translate from './translate.ts';
import write from './write.ts';

/**
 * Every step kind a pipeline may use, by its `uses:` name. Adding a kind means a new file and one
 * line here; the pipeline schema is built from this table.
 */
export const STEPS = Object.freeze({
  read,
  clean,
  segment,
  translate,
  summarize,
  write,
});
