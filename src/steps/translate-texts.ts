import type { Generation } from '../config/schema.ts';
import { splitClauses } from '../document/split-clauses.ts';
import { defineGlossary, maskTerms, spellingFor, unmaskTerms, type Glossary, type Slot } from '../glossary/index.ts';
import type { ModelOutput } from '../inference/gateway.ts';
import { modelLimitsReader, nBestGeneration } from '../inference/model-limits.ts';
import { joinSpans, relocateSpans } from '../inference/scores.ts';
import { detectRepetition } from '../quality/index.ts';
import type { StepContext } from './define-step.ts';

/** A translated text, the glossary spellings it must contain, and how sure the model was of it. */
export interface Translated extends ModelOutput {
  /** Target spellings of the glossary terms found in the input. */
  terms: string[];
}

/**
 * Pieces of one text (split to fit the model) joined back: a text is as trustworthy as its least
 * confident piece, and the marked words move to where their piece landed.
 */
function joinOutputs(parts: ModelOutput[], separator: string): ModelOutput {
  const kept = parts.filter((p) => p.text !== '');
  const out: ModelOutput = { text: kept.map((p) => p.text).join(separator) };
  const scored = kept.map((p) => p.confidence).filter((c) => c !== undefined);
  if (scored.length && scored.length === kept.length) out.confidence = Math.min(...scored);
  const low = joinSpans(kept, separator);
  if (low.length) out.lowWords = low;
  // Other candidates of a text split to fit the model are not combined: only a whole text's are kept.
  if (parts.length === 1 && parts[0].alternatives) out.alternatives = parts[0].alternatives;
  return out;
}

/** The output with its placeholders turned back into glossary spellings; marked words and alternatives follow. */
function restore(o: ModelOutput, text: string, slots: Slot[]): ModelOutput {
  const out: ModelOutput = { ...o, text };
  if (o.lowWords) out.lowWords = relocateSpans(o.lowWords, o.text, text);
  if (o.alternatives) out.alternatives = [...new Set(o.alternatives.map((a) => unmaskTerms(a, slots).text))].filter((a) => a !== text);
  return out;
}

/**
 * The glossary as seen on one hop: from the source it is the file itself; on a pivot hop
 * (en → zh) the terms are matched in their `from` spelling, so they survive both hops.
 */
function glossaryForHop(glossary: Glossary | undefined, from: string, source: string): Glossary | undefined {
  if (!glossary || from === source) return glossary;
  return defineGlossary(
    glossary.entries.map((e) => (e.keep ? { source: e.source, keep: true as const } : { source: spellingFor(e, from).text, targets: e.targets })),
  );
}

/**
 * Translates texts with one model, never truncating and never losing a glossary term silently:
 * terms are masked before the model and restored after; a text longer than the model's input
 * limit (counted with its own tokenizer) is split at clause boundaries, all pieces go through the
 * model in one batched call and are joined back in order with `separator`; an output caught in a
 * repetition loop is retried with the model's `loopRetry` options; a placeholder the model lost is
 * retried without masking, so the text is complete (the missing spelling is flagged later).
 */
export async function translateTexts(
  ctx: StepContext,
  modelKey: string,
  langs: { from: string; to: string },
  texts: string[],
  separator: string,
): Promise<Translated[]> {
  const glossary = glossaryForHop(ctx.glossary, langs.from, ctx.loaded.config.source);
  const masked = texts.map((t) => (glossary ? maskTerms(t, glossary, langs.to) : { masked: t, slots: [] }));
  const run = async (inputs: string[], generation?: Generation): Promise<ModelOutput[]> => {
    const pieces = await fitToModel(ctx, modelKey, inputs);
    const out = await ctx.gateway.translate(modelKey, pieces.flat(), langs, generation);
    let at = 0;
    return pieces.map((p) => joinOutputs(out.slice(at, (at += p.length)), separator));
  };
  const m = ctx.loaded.config.catalogue[modelKey];
  const nBest = ctx.alternatives ? nBestGeneration(m, modelLimitsReader(ctx.loaded.modelsDir)(m), ctx.alternatives + 1) : undefined;
  const outputs = await run(
    masked.map((x) => x.masked),
    nBest,
  );

  const retry = m.loopRetry;
  const looping = outputs.map((_o, i) => i).filter((i) => detectRepetition(outputs[i].text).looping);
  if (retry && looping.length) {
    const again = await run(
      looping.map((i) => masked[i].masked),
      retry,
    );
    looping.forEach((i, k) => (outputs[i] = again[k]));
  }

  const restored = outputs.map((o, i) => {
    const r = unmaskTerms(o.text, masked[i].slots);
    return { ...r, output: restore(o, r.text, masked[i].slots) };
  });
  const lost = restored.map((_r, i) => i).filter((i) => restored[i].lost.length > 0);
  // Texts that needed the loop retry keep its options when tried again unmasked.
  const retried = retry ? lost.filter((i) => looping.includes(i)) : [];
  for (const [group, generation] of [
    [lost.filter((i) => !retried.includes(i)), undefined],
    [retried, retry || undefined],
  ] as const) {
    if (group.length === 0) continue;
    const plain = await run(
      group.map((i) => texts[i]),
      generation,
    );
    group.forEach((i, k) => (restored[i] = { text: plain[k].text, lost: restored[i].lost, repaired: false, output: plain[k] }));
  }
  return restored.map((r, i) => ({ ...r.output, terms: masked[i].slots.map((s) => s.target) }));
}

/** Most tokens a model adds to one input beyond its bytes: BOS, EOS, a language code and SentencePiece's leading "▁". */
const SPECIAL_TOKENS_MAX = 4;

/** Splits each text into pieces that fit the model's maximum input tokens; empty texts give no piece. */
export async function fitToModel(ctx: StepContext, modelKey: string, texts: string[]): Promise<string[][]> {
  const max = ctx.gateway.inputLimit(modelKey);
  const count = await ctx.gateway.tokenCounter(modelKey);
  // Every other token covers at least one byte of UTF-8, so a short text fits without running the
  // tokenizer (which competes with the models for the CPU).
  const fits = (s: string) => Buffer.byteLength(s) + SPECIAL_TOKENS_MAX <= max || count(s) <= max;
  return texts.map((t) => (t.trim() === '' ? [] : fits(t) ? [t] : splitClauses(t, fits)));
}
