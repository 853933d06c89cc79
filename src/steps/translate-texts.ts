import { splitClauses } from '../document/split-clauses.ts';
import type { StepContext } from './define-step.ts';

/**
 * Translates texts with one model, never truncating: a text longer than the model's input limit
 * (counted with its own tokenizer) is split at clause boundaries, the pieces go through the model
 * with everything else in one batched call, and are joined back in order with `separator`.
 */
export async function translateTexts(
  ctx: StepContext,
  modelKey: string,
  langs: { from: string; to: string },
  texts: string[],
  separator: string,
): Promise<string[]> {
  const pieces = await fitToModel(ctx, modelKey, texts);
  const flat = pieces.flat();
  const out = await ctx.gateway.translate(modelKey, flat, langs);
  let at = 0;
  return pieces.map((p) => {
    const joined = out.slice(at, at + p.length).join(separator);
    at += p.length;
    return joined;
  });
}

/** Splits each text into pieces that fit the model's maximum input tokens; empty texts give no piece. */
export async function fitToModel(ctx: StepContext, modelKey: string, texts: string[]): Promise<string[][]> {
  const max = ctx.loaded.config.catalogue[modelKey].maxInputTokens;
  const count = await ctx.gateway.tokenCounter(modelKey);
  const fits = (s: string) => count(s) <= max;
  return texts.map((t) => (t.trim() === '' ? [] : fits(t) ? [t] : splitClauses(t, fits)));
}
