import { licenceOf } from '../config/licences.ts';
import { routeOf } from '../config/routes.ts';
import { articleMemory } from '../memory/article-memory.ts';
import type { MemoryEntry } from '../memory/memory.ts';
import type { CacheCounts, DocumentSession } from '../runner/document-session.ts';
import type { StepContext } from '../steps/define-step.ts';
import type { Correction } from '../memory/correct.ts';
import { correctSentence, proposeSentence } from './corrections.ts';
import type { Suggestion } from '../memory/suggestions.ts';
import type { Runtime } from './open-runtime.ts';
import { FORMATS, type TextFormatName } from '../document/formats/registry.ts';
import type { DocumentFormat, TranslateTexts } from '../document/formats/types.ts';

/** Model calls made within `fn` take turns with other origins' (each HTTP request is one) in the batch queue. */
export { withOrigin } from '../inference/batch-queue.ts';
import { translateBlocks, type BlockTranslation } from './translate-blocks.ts';

/** How a text is written (a format's name: `txt`, `md`, `html`): its markup is kept and only its words are translated. */
export type TextFormat = TextFormatName;

/**
 * One translated text and what the core found while making it: what a block of an article gets
 * (flags, glossary terms, route, models, sentences from the memory), for the whole text.
 */
export type TextTranslation = BlockTranslation;

export interface TextStats {
  /** Texts and batches that went through each model, per catalogue key. */
  models: Record<string, { id: string; licence: string; texts: number; batches: number }>;
  /** Sentences translated by a model, answered from the cache, and from the translation memory, per output language. */
  segments: CacheCounts & { memory: Record<string, number> };
}

/** Translation of texts (not files of articles) for faces such as the HTTP server. */
export interface TextService {
  /** Languages a text can be translated into: every target of the config. */
  readonly targets: string[];
  /** `alternatives`: up to this many other texts per text, from the models' n-best lists (plain text only). */
  translate(texts: string[], target: string, format: TextFormat, opts?: { alternatives?: number }): Promise<TextTranslation[]>;
  /** Translates a file of the format in place (formats/registry.ts), its markup kept: bytes in, bytes out. */
  translateFile(bytes: Uint8Array, file: string, format: DocumentFormat, target: string): Promise<Omit<TextTranslation, 'text'> & { bytes: Uint8Array }>;
  stats(): TextStats;
  /** Stores an editor's correction of one sentence; every later translation uses it. */
  correct(input: Omit<Correction, 'machineText'>): Promise<MemoryEntry>;
  /** Keeps a proposed correction of one sentence aside until an editor accepts it. */
  propose(input: { source: string; lang: string; text: string; proposer: string }): Promise<Suggestion>;
  /** The corrections in the memory, of one edition or all. */
  corrections(target?: string): MemoryEntry[];
  /** Closes the cache and the memory (unless the session was given); the runtime is closed by its owner. */
  close(): void;
}

/**
 * A plain text's other texts, at most `n`: its lines (translated in one call, one piece each)
 * put together again with each line's k-th alternative (its translation when it has fewer), each
 * once and never the text itself.
 */
async function textAlternatives(text: string, best: string, lines: BlockTranslation[], n: number): Promise<string[]> {
  const out = new Set<string>();
  for (let k = 0; k < n; k++) {
    const alt = await FORMATS.txt.text.translate(text, async () => lines.map((l) => l.alternatives?.[k] ?? l.text));
    if (alt !== best) out.add(alt);
  }
  return [...out];
}

/**
 * Starts the runtime and opens its document session for translating texts: every sentence goes
 * through the same core as an article's in `audarma run` (segmentation, glossary as it is now,
 * pivots, quality checks), answered from the shared cache when any face translated it before, and
 * from the editors' translation memory (the same file runs use) before any model. The cache
 * folder's lock is not taken: that lock keeps two batch runs apart, while SQLite (WAL) lets this
 * service read and write the same store while a run does. `session`: one already open (the
 * server's, shared with its desk), which its owner closes.
 */
export async function openTextService(runtime: Runtime, session?: DocumentSession): Promise<TextService> {
  const gateway = await runtime.start();
  const { loaded } = runtime;
  const own = session ? undefined : await runtime.openSession();
  const { memory } = (session ?? own)!;
  const fromMemory: Record<string, number> = {};
  const cached = await (session ?? own)!.cachedGateway();
  const ctx: StepContext = { loaded, gateway: cached, outDir: '', pipeline: 'serve' };
  // The glossary as it is now, for each request.
  const current = async (): Promise<StepContext> => ({ ...ctx, glossary: await runtime.readGlossary() });
  /**
   * One text or file through `run`, whose pieces go through the core: what it gives and what the
   * core found. With `alternatives`, the pieces of the last call carry their other texts too.
   */
  const translateOne = async <T>(
    target: string,
    run: (translate: TranslateTexts) => Promise<T>,
    alternatives?: number,
  ): Promise<{ value: T; pieces: BlockTranslation[] } & Omit<TextTranslation, 'text'>> => {
    const used: BlockTranslation[] = [];
    let pieces: BlockTranslation[] = [];
    // A view of the memory per text: it looks entries up once per edition of the request.
    const textCtx = { ...(await current()), memory: articleMemory(memory, fromMemory), alternatives };
    const value = await run(async (texts) => {
      const out = (pieces = await translateBlocks(textCtx, texts, target));
      used.push(...out.filter((o) => o.text !== ''));
      return out.map((o) => o.text);
    });
    const scored = used.flatMap((u) => (u.confidence === undefined ? [] : [u.confidence]));
    return {
      value,
      pieces,
      flags: used.flatMap((u) => u.flags),
      terms: [...new Set(used.flatMap((u) => u.terms))],
      route: routeOf(loaded.config, target),
      models: used[0]?.models ?? [],
      memory: used.reduce((n, u) => n + u.memory, 0),
      // A text is as trustworthy as its least sure sentence.
      ...(scored.length ? { confidence: Math.min(...scored) } : {}),
    };
  };
  return {
    targets: Object.keys(loaded.config.targets),
    translate: (texts, target, format, opts = {}) =>
      Promise.all(
        texts.map(async (text) => {
          // Alternatives of plain text only: LibreTranslate gives none for HTML either.
          const n = format === 'txt' ? opts.alternatives : undefined;
          const { value, pieces, ...found } = await translateOne(target, (tr) => FORMATS[format].text.translate(text, tr), n);
          return { text: value, ...found, ...(n ? { alternatives: await textAlternatives(text, value, pieces, n) } : {}) };
        }),
      ),
    async translateFile(bytes, file, format, target) {
      const { value, pieces: _, ...found } = await translateOne(target, (tr) => format.translateFile(bytes, file, tr, target));
      return { bytes: value, ...found };
    },
    stats() {
      const models = Object.fromEntries(
        Object.entries(loaded.config.catalogue).map(([key, m]) => [
          key,
          { id: m.id, licence: licenceOf(m), texts: gateway.calls[key] ?? 0, batches: gateway.batches?.[key] ?? 0 },
        ]),
      );
      return { models, segments: { ...structuredClone(cached.counts), memory: { ...fromMemory } } };
    },
    correct: async (input) => correctSentence(await current(), memory, input),
    propose: async (input) => proposeSentence(await current(), memory, input),
    corrections: (target) => memory.all(target),
    close() {
      own?.close();
    },
  };
}
