import * as z from 'zod';
import { messages } from '../diagnostics/messages.ts';
import { defineStep } from './define-step.ts';

/** The summarizing code loads with the first article, not with every config check (see translate.ts). */
const summarizer = () => import('./summarize-run.ts');

/**
 * Summarizes the article in the summary language (English by default, where summarization
 * models are best), then translates that summary into every other edition.
 */
export default defineStep({
  kind: 'summarize',
  description: 'summarize the article from the summary-language edition and translate the summary into every edition',
  options: z.strictObject({}),
  check(_options, config) {
    return config.summary ? [] : [{ path: [], m: messages.summaryNotConfigured() }];
  },
  async run(article, _options, ctx) {
    const { summarizeArticle } = await summarizer();
    await summarizeArticle(article, ctx);
  },
});
