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
  translate(texts: string[], target: string, format: TextFormat): Promise<TextTranslation[]>;
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
  /** One text or file through `run`, whose pieces go through the core: what it gives and what the core found. */
  const translateOne = async <T>(target: string, run: (translate: TranslateTexts) => Promise<T>): Promise<{ value: T } & Omit<TextTranslation, 'text'>> => {
    const used: BlockTranslation[] = [];
    // A view of the memory per text: it looks entries up once per edition of the request.
    const textCtx = { ...(await current()), memory: articleMemory(memory, fromMemory) };
    const value = await run(async (pieces) => {
      const out = await translateBlocks(textCtx, pieces, target);
      used.push(...out.filter((o) => o.text !== ''));
      return out.map((o) => o.text);
    });
    return {
      value,
      flags: used.flatMap((u) => u.flags),
      terms: [...new Set(used.flatMap((u) => u.terms))],
      route: routeOf(loaded.config, target),
      models: used[0]?.models ?? [],
      memory: used.reduce((n, u) => n + u.memory, 0),
    };
  };
  return {
    targets: Object.keys(loaded.config.targets),
    translate: (texts, target, format) =>
      Promise.all(
        texts.map(async (text) => {
          const { value, ...found } = await translateOne(target, (tr) => FORMATS[format].text.translate(text, tr));
          return { text: value, ...found };
        }),
      ),
    async translateFile(bytes, file, format, target) {
      const { value, ...found } = await translateOne(target, (tr) => format.translateFile(bytes, file, tr));
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
