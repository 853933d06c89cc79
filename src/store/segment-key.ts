import { createHash } from 'node:crypto';

/** Everything that decides a segment's translation; any change must give a different cache key. */
export interface SegmentKeyParts {
  text: string;
  model: string;
  /** Model revision (branch, tag or commit). @default 'main' */
  revision?: string;
  dtype: string;
  /**
   * Generation options as the model runs them (num_beams, min_length, the effective
   * max_new_tokens, …); their key order does not matter.
   */
  generation: Record<string, unknown>;
  /** Target-language token put before the input (`>>cmn_Hans<<`), if the model has one. */
  targetToken?: string;
  from: string;
  to: string;
  /** Pivot route, e.g. 'fr>en>kk', when the pair is not translated directly. */
  route?: string;
}

// Bumped when the key layout or the meaning of a field changes, so old cache rows are never
// mistaken for new ones (they simply stop being hit). 2: the generation options are the effective
// ones (max_new_tokens always present), and the target token is part of the key.
const KEY_FORMAT = 2;

/** sha256 hex of the canonical JSON of the parts: one key per (segment, model setup, pair). */
export function segmentKey(parts: SegmentKeyParts): string {
  const canonical = canonicalJson({
    v: KEY_FORMAT,
    text: parts.text,
    model: parts.model,
    revision: parts.revision ?? 'main',
    dtype: parts.dtype,
    generation: parts.generation,
    targetToken: parts.targetToken ?? null,
    from: parts.from,
    to: parts.to,
    // null rather than omitted so "no route" is explicit in the hashed text.
    route: parts.route ?? null,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted at every depth, so logically equal options hash equally.
 * Keys whose value is undefined are dropped (as JSON.stringify does), so `{a: undefined}`
 * and `{}` give the same key.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortDeep(v);
    }
    return out;
  }
  return value;
}
