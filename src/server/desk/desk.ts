import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { translateBlocks } from '../../app/translate-blocks.ts';
import { ApiError } from '../../diagnostics/errors.ts';
import type { Approval } from '../../memory/approvals.ts';
import { CorrectionRefused, storeCorrection } from '../../memory/correct.ts';
import type { Memory } from '../../memory/memory.ts';
import { normalizeSegment } from '../../memory/normalize.ts';
import { STAGING_DIR, writeFileAtomic } from '../../output/atomic-write.ts';
import { ResultSchema, type Result } from '../../output/result-schema.ts';
import type { DocumentRun, DocumentSession } from '../../runner/document-session.ts';
import { buildReport } from '../../runner/report.ts';
import { slugOf } from '../../runner/slug.ts';
import { deskMessages } from '../messages.ts';
import { reviewOf, type Reviewer } from './review.ts';
import { readsAsFrench } from './reads-as.ts';
import { uploadSlot } from './upload-slug.ts';

export type DeskStatus = 'queued' | 'running' | 'done' | 'failed';

/** An article on the desk as the list shows it. */
export interface DeskArticle {
  slug: string;
  /** The uploaded file's name. */
  name: string;
  status: DeskStatus;
  title?: string;
  /** While running: the step that is running (1-based) of how many, and its kind. */
  step?: { index: number; total: number; kind: string };
  reason?: string;
  /** Its text does not read as the source language (French): its editions deserve a look first. */
  notSource?: boolean;
  /**
   * Order of this state among the desk's changes: a page keeps the newest it has seen (an upload's
   * answer, "queued", can arrive after the event saying the run already failed).
   */
  seq?: number;
}

/** Other texts offered for a segment the editor opens (keys Alt+1 … Alt+3 pick them). */
export const DESK_ALTERNATIVES = 3;

/** A save made on a version of the segment that is no longer the current one. */
export class SegmentConflict extends ApiError {
  constructor(
    /** What the segment says now (the memory's latest text for it, ahead of a run in progress). */
    readonly current: string,
    readonly version: string,
  ) {
    super(409, deskMessages.conflict());
  }
}

/** Uploaded articles, each in a folder of its own: `DIR/.sources/<slug>/<name>`. */
const SOURCES = '.sources';
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The desk's articles: each runs through the same core as `audarma run` (the pipeline, glossary,
 * shared cache and the editors' memory) into `DIR/<slug>/` (result.json, one Markdown file per
 * edition, the review page, and the article's own run-report.json), written atomically. A
 * correction goes into the memory and the article runs again, so pivots, derived editions, flags
 * and files follow it; the CLI finds the same correction in the same memory.
 */
export class Desk {
  /** Emits `article` (DeskArticle) whenever an article's state changes. */
  readonly events = new EventEmitter();
  private readonly states = new Map<string, DeskArticle>();
  /**
   * Number of the last state sent to pages (DeskArticle.seq); it starts from the clock, so a page
   * left open while the server restarts still takes the new server's states as newer.
   */
  private changes = Date.now();
  private readonly runs = new Map<string, Promise<void>>();
  /** Folders an upload or a removal is writing: taken for any other upload meanwhile. */
  private readonly reserved = new Set<string>();
  private readonly queue: PQueue;
  private closed = false;
  readonly memory: Memory;

  /** `session`: the server's, shared with `/translate`; its owner closes it. */
  constructor(
    private readonly session: DocumentSession,
    readonly dir: string,
  ) {
    this.events.setMaxListeners(0);
    this.queue = new PQueue({ concurrency: session.loaded.config.run.concurrency });
    this.memory = session.memory;
  }

  /** Every article: those written in the folder and those waiting or running, by name. */
  list(): DeskArticle[] {
    const slugs = new Set<string>(this.states.keys());
    const sources = path.join(this.dir, SOURCES);
    if (existsSync(sources)) for (const s of readdirSync(sources)) if (SLUG.test(s)) slugs.add(s);
    return [...slugs]
      .map((s) => this.article(s)!)
      .filter(Boolean)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  article(slug: string): DeskArticle | undefined {
    const live = this.states.get(slug);
    if (live) return live;
    const name = this.sourceName(slug);
    if (!name) return undefined;
    const result = this.result(slug);
    if (result) {
      const title = result.source.blocks.find((b) => b.type === 'title')?.text;
      const french = result.source.lang !== 'fr' || readsAsFrench(result.source.blocks.map((b) => b.text).join('\n'));
      return { slug, name, status: 'done', title, ...(french ? {} : { notSource: true }), seq: this.changes };
    }
    const failure = this.report(slug)?.failures?.[0];
    return {
      slug,
      name,
      status: 'failed',
      reason: failure ? this.plain(`${failure.step ? failure.step + ': ' : ''}${failure.reason}`, slug, name) : undefined,
      seq: this.changes,
    };
  }

  /** The article's result.json as last written, or undefined. */
  result(slug: string): Result | undefined {
    const file = path.join(this.dir, slug, 'result.json');
    if (!SLUG.test(slug) || !existsSync(file)) return undefined;
    return ResultSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  /** A reason as an editor reads it: the uploaded file by its name, never the server's paths. */
  private plain(reason: string, slug: string, name: string): string {
    return reason
      .split(path.join(this.dir, SOURCES, slug, name))
      .join(name)
      .split(path.resolve(this.dir))
      .join('…')
      .split(this.dir)
      .join('…');
  }

  private report(slug: string): { failures?: { reason: string; step?: string }[] } | undefined {
    const file = path.join(this.dir, slug, 'run-report.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  }

  /** The uploaded file of an article: its name and path. */
  source(slug: string): { name: string; file: string } | undefined {
    const name = this.sourceName(slug);
    return name ? { name, file: path.join(this.dir, SOURCES, slug, name) } : undefined;
  }

  private sourceName(slug: string): string | undefined {
    if (!SLUG.test(slug)) return undefined;
    const dir = path.join(this.dir, SOURCES, slug);
    return existsSync(dir) ? readdirSync(dir).find((n) => !n.startsWith('.')) : undefined;
  }

  /**
   * Keeps an uploaded article and runs it. A file whose name only shares a slug with another gets
   * its own (`-2`, `-3`…); one of the very same name replaces the article only when `replace` says
   * so, else it is refused with a 409 the desk turns into a question.
   */
  async add(filename: string, content: Buffer, replace = false): Promise<DeskArticle> {
    const name = path.basename(filename).replace(/[^\p{L}\p{N}._ -]/gu, '_');
    // Chosen before any await, so two uploads at once never take the same folder.
    const { slug, existing } = uploadSlot(slugOf(name), name, (s) => (this.reserved.has(s) ? '' : (this.states.get(s)?.name ?? this.sourceName(s))));
    if (existing && !replace) throw new ApiError(409, deskMessages.exists(name));
    const folder = path.join(this.dir, SOURCES, slug);
    this.reserved.add(slug);
    try {
      await this.settled(slug);
      await rm(folder, { recursive: true, force: true });
      await writeFileAtomic(path.join(folder, name), content, { tmpDir: path.join(this.dir, STAGING_DIR) });
    } finally {
      this.reserved.delete(slug);
    }
    void this.run(slug);
    return this.article(slug)!;
  }

  /** Removes an article, its editions and its approvals; the memory keeps the corrections made in it. */
  async remove(slug: string): Promise<void> {
    if (!this.source(slug)) throw new ApiError(404, deskMessages.noArticle(slug));
    this.reserved.add(slug);
    try {
      await this.settled(slug);
      await rm(path.join(this.dir, SOURCES, slug), { recursive: true, force: true });
      await rm(path.join(this.dir, slug), { recursive: true, force: true });
      this.states.delete(slug);
      this.memory.approvals.dropArticle(slug);
    } finally {
      this.reserved.delete(slug);
    }
    this.events.emit('removed', slug);
  }

  /** Runs the article again (after a glossary change, say); resolves when it is written. */
  run(slug: string): Promise<void> {
    const src = this.source(slug);
    if (!src) throw new ApiError(404, deskMessages.noArticle(slug));
    this.setState({ slug, name: src.name, status: 'queued' });
    // One run of an article at a time: a new one waits for the last.
    const next = (this.runs.get(slug) ?? Promise.resolve()).then(() => this.queue.add(() => this.runOne(slug)));
    this.runs.set(slug, next);
    return next;
  }

  private async settled(slug: string): Promise<void> {
    await this.runs.get(slug)?.catch(() => {});
  }

  private setState(a: DeskArticle): void {
    const stamped = { ...a, seq: ++this.changes };
    this.states.set(a.slug, stamped);
    this.events.emit('article', stamped);
  }

  /** Sends an article's new state to the pages, numbered after every earlier one. */
  private emitArticle(a: DeskArticle | undefined): void {
    this.events.emit('article', a && { ...a, seq: ++this.changes });
  }

  private async runOne(slug: string): Promise<void> {
    const src = this.source(slug);
    // A run still waiting for an earlier one of the same article when the server stopped.
    if (!src || this.closed) return;
    const started = new Date();
    const base = { slug, name: src.name };
    let run: DocumentRun;
    this.setState({ ...base, status: 'running' });
    try {
      run = await this.session.runOne({
        file: src.file,
        slug,
        outDir: this.dir,
        onStep: (index, total, kind) => this.setState({ ...base, status: 'running', step: { index: index + 1, total, kind } }),
      });
    } catch (err) {
      // Not the article's fault (a model that cannot load, a glossary that no longer parses): shown as its failure all the same.
      const reason = String((err as Error)?.message ?? err);
      run = { outcome: { file: src.file, slug, status: 'failed', reason }, counts: { translated: {}, cached: {} }, memory: {}, stages: {} };
    }
    const { outcome } = run;
    const report = buildReport({
      pipeline: this.session.pipeline.name,
      started,
      outcomes: [outcome],
      counts: run.counts,
      memory: run.memory,
      stages: run.stages,
      failureThreshold: 0,
    });
    await writeFileAtomic(path.join(this.dir, slug, 'run-report.json'), JSON.stringify(report, null, 2) + '\n', { tmpDir: path.join(this.dir, STAGING_DIR) });
    this.states.delete(slug);
    const now = this.article(slug);
    this.emitArticle(
      outcome.status === 'failed' ? { ...now, ...base, status: 'failed', reason: this.plain(report.articles[0]?.reason ?? '', slug, src.name) } : now,
    );
  }

  /** The segment `seg` of block `block` in edition `lang`, or a 404. */
  segment(slug: string, lang: string, block: number, seg: number) {
    const result = this.result(slug);
    const s = result && Object.hasOwn(result.targets, lang) ? result.targets[lang].blocks[block]?.segments[seg] : undefined;
    if (!s) throw new ApiError(404, deskMessages.noSegment(slug, lang, block, seg));
    return s;
  }

  /**
   * Other texts for one segment, offered when an editor opens it: the model's n-best list for its
   * source sentence along the edition's route (the model's own text too, when the segment is a
   * correction), each once, never the segment's text, at most `n`.
   */
  async alternatives(slug: string, lang: string, block: number, seg: number, n = DESK_ALTERNATIVES): Promise<string[]> {
    const s = this.segment(slug, lang, block, seg);
    if (!s.source.trim()) return [];
    const { loaded } = this.session;
    const ctx = { loaded, gateway: await this.session.cachedGateway(), outDir: '', pipeline: 'desk', glossary: await this.session.glossary(), alternatives: n };
    const [r] = await translateBlocks(ctx, [s.source], lang);
    return [...new Set([r.text, ...(r.alternatives ?? [])])].filter((t) => t && t !== s.text).slice(0, n);
  }

  /** What the desk shows of each segment of an article: origin and approval (see review.ts). */
  reviewer(result: Result): Reviewer {
    return reviewOf(this.memory, result);
  }

  /**
   * Saves one segment as the editor left it. A changed text is stored in the memory as their
   * correction, made in this article, and the article runs again so pivots and derived editions
   * follow it; an unchanged text is only approved (or no longer) here, and nothing runs again.
   * Resolves to whether the article runs again.
   */
  async correct(
    slug: string,
    c: { lang: string; block: number; seg: number; text: string; approved: boolean; editor: string; version?: string },
  ): Promise<boolean> {
    const result = this.result(slug)!;
    const s = this.segment(slug, c.lang, c.block, c.seg);
    const review = this.reviewer(result)(c.lang, s);
    if (c.version !== undefined && c.version !== review.version) {
      const current = this.memory.get(s.source, c.lang)?.text ?? s.text;
      throw new SegmentConflict(current, review.version);
    }
    const changed = normalizeSegment(c.text) !== normalizeSegment(s.text);
    if (!c.editor.trim()) throw new CorrectionRefused("the editor's name is missing");
    if (changed) {
      const machineText = review.origin === 'machine' ? s.text : undefined;
      storeCorrection(this.memory, { source: s.source, lang: c.lang, text: c.text, approved: c.approved, editor: c.editor, machineText, article: slug });
    }
    const source = normalizeSegment(s.source);
    if (c.approved)
      this.memory.approvals.approve([{ article: slug, lang: c.lang, source, text: normalizeSegment(c.text), editor: c.editor.trim(), at: Date.now() }]);
    else this.memory.approvals.withdraw(slug, c.lang, source);
    if (changed) await this.run(slug);
    else this.emitArticle(this.article(slug));
    return changed;
  }

  /**
   * Approves every segment of an edition not yet approved here, as it reads now: the model's
   * output stays the model's (no correction is made of it), a memory match is confirmed here.
   * One batch, which `undoApproval` takes back.
   */
  approve(slug: string, lang: string, editor: string): { batch: string; approved: number } {
    const result = this.result(slug);
    if (!result || !Object.hasOwn(result.targets, lang)) throw new ApiError(404, deskMessages.noEdition(slug, lang));
    const review = this.reviewer(result);
    const batch = randomUUID();
    const at = Date.now();
    const list = new Map<string, Approval>();
    for (const b of result.targets[lang].blocks)
      for (const s of b.segments) {
        const source = normalizeSegment(s.source);
        if (!source || review(lang, s).approved) continue;
        list.set(source, { article: slug, lang, source, text: normalizeSegment(s.text), editor, at, batch });
      }
    this.memory.approvals.approve([...list.values()]);
    this.emitArticle(this.article(slug));
    return { batch, approved: list.size };
  }

  /** Takes back one bulk approval of an article; how many segments it had approved. */
  undoApproval(slug: string, batch: string): number {
    const n = this.memory.approvals.undo(slug, batch);
    this.emitArticle(this.article(slug));
    return n;
  }

  /** The config the desk runs with. */
  runtimeConfig() {
    return this.session.loaded;
  }

  /** The glossary spellings to mark on the article's page: those its editions were checked for. */
  async glossaryTerms(result: Result): Promise<string[]> {
    const terms = new Set<string>();
    for (const e of Object.values(result.targets)) {
      for (const b of e.blocks) for (const s of b.segments) for (const t of s.terms ?? []) terms.add(t);
      for (const t of e.summaryTerms ?? []) terms.add(t);
    }
    return [...terms];
  }

  /** Waits for the runs in flight; the session is its owner's to close. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    await this.queue.onIdle();
  }
}
