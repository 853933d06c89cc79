import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Generation, ModelConfig } from '../config/schema.ts';
import { modelFolder } from './model-store.ts';

/** What a model's own files say about the lengths it can handle. */
export interface ModelLimits {
  /**
   * Decoder positions (config.json `max_position_embeddings`): the decoder uses one per generated
   * token, so no output can be longer. Marian has 512; a 513th token fails the whole batch
   * ("Gather … idx=512").
   */
  positions?: number;
  /** Longest input: `positions`, or tokenizer_config.json `model_max_length` when smaller. */
  inputTokens?: number;
  /** The beams the model decodes with by its own generation_config.json (`num_beams`). */
  beams?: number;
}

/** Input limit when neither the catalogue nor the model's files give one. */
export const FALLBACK_INPUT_TOKENS = 512;

const readJson = (file: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

// Tokenizers without a limit say 1e30 (not a safe integer), which is no limit at all.
const count = (v: unknown): number | undefined => (Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : undefined);

/** Reads the limits from a model folder; an absent or unreadable file gives no limit. */
export function readModelLimits(folder: string): ModelLimits & { found: boolean } {
  const config = readJson(path.join(folder, 'config.json'));
  const tokenizer = readJson(path.join(folder, 'tokenizer_config.json'));
  const beams = count(readJson(path.join(folder, 'generation_config.json'))?.num_beams);
  const positions = count(config?.max_position_embeddings);
  const tokenizerMax = count(tokenizer?.model_max_length);
  const inputTokens = positions && tokenizerMax ? Math.min(positions, tokenizerMax) : (positions ?? tokenizerMax);
  return { positions, inputTokens, ...(beams ? { beams } : {}), found: config !== undefined };
}

/**
 * The limits of catalogue models, read once per model folder. A folder without config.json is
 * read again next time: the model may be pulled meanwhile.
 */
export function modelLimitsReader(modelsDir: string): (m: ModelConfig) => ModelLimits {
  const known = new Map<string, ModelLimits>();
  return (m) => {
    const folder = modelFolder(modelsDir, m);
    let limits = known.get(folder);
    if (!limits) {
      const { found, ...read } = readModelLimits(folder);
      limits = read;
      if (found) known.set(folder, limits);
    }
    return limits;
  };
}

/** The input limit a model runs with: the catalogue's, never above the model's own; else the model's own. */
export function inputLimitOf(m: ModelConfig, limits: ModelLimits): number {
  const own = limits.inputTokens;
  if (m.maxInputTokens === undefined) return own ?? FALLBACK_INPUT_TOKENS;
  return own ? Math.min(m.maxInputTokens, own) : m.maxInputTokens;
}

/**
 * Options asking a model for its `n` best texts (the API's `alternatives: n - 1`): `n` sequences,
 * from at least `n` beams and never fewer than the model decodes with otherwise.
 */
export function nBestGeneration(m: ModelConfig, limits: ModelLimits, n: number): Generation {
  const beams = m.generation.num_beams ?? limits.beams ?? 1;
  return { num_beams: Math.max(n, beams), num_return_sequences: n };
}

/**
 * The generation options a call runs with: the model's, then the call's (summary settings, the
 * loop retry), and `max_new_tokens` defaulted from the input limit (an output may be longer than
 * its input) and clamped to the decoder's positions, so a looping output stops at the end of the
 * position table instead of failing its batch. What goes to the model is what the cache key holds.
 */
export function generationFor(m: ModelConfig, limits: ModelLimits, call?: Generation): Generation {
  const merged: Generation = { ...m.generation, ...call };
  const wanted = merged.max_new_tokens ?? Math.ceil(inputLimitOf(m, limits) * 1.5) + 8;
  return { ...merged, max_new_tokens: limits.positions ? Math.min(wanted, limits.positions) : wanted };
}
