import cliProgress from 'cli-progress';
import type { BatchEvent } from '../runner/run-batch.ts';
import type { RunReport } from '../output/report-schema.ts';

export type ProgressMode = 'bar' | 'plain' | 'json' | 'quiet';

/** A bar on a terminal; a plain line every few seconds in logs; JSON lines for scripts; nothing when quiet. */
export function progressMode(opts: { quiet?: boolean; json?: boolean }, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (opts.json) return 'json';
  if (opts.quiet) return 'quiet';
  return stream.isTTY ? 'bar' : 'plain';
}

/**
 * Writes JSON lines to stdout until whoever reads them goes away (`audarma run --json | head`):
 * the run itself goes on to the end, its report and exit code unchanged, without a stack trace.
 */
function jsonLines(): (line: string) => void {
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  return (line) => {
    if (!closed) process.stdout.write(line);
  };
}

/** Turns batch events into what the chosen mode shows. */
export function createProgress(mode: ProgressMode, intervalMs = 5000): (e: BatchEvent) => void {
  const writeJson = mode === 'json' ? jsonLines() : undefined;
  const counts = { done: 0, failed: 0, unchanged: 0 };
  let total = 0;
  let started = Date.now();
  let lastLine = 0;
  let bar: cliProgress.SingleBar | undefined;
  const finished = () => counts.done + counts.failed + counts.unchanged;
  const line = () => {
    const n = finished();
    const elapsed = (Date.now() - started) / 1000;
    const eta = n > 0 && n < total ? ` ETA ${Math.round((elapsed / n) * (total - n))} s` : '';
    return `${n}/${total} documents (${counts.done} done, ${counts.failed} failed, ${counts.unchanged} unchanged)${eta}`;
  };
  return (e) => {
    if (mode === 'json') {
      const event = e.type === 'end' ? { type: 'end', documents: e.report.documents, segments: e.report.segments, exitCode: e.report.exitCode } : e;
      writeJson!(JSON.stringify({ ...event, time: new Date().toISOString() }) + '\n');
      return;
    }
    if (e.type === 'warning') {
      // Shown even when quiet: a nightly log must say that a stale lock was taken over, and whose.
      bar?.stop();
      process.stderr.write(`audarma: ${e.message}\n`);
      if (bar) bar.start(total, finished(), counts);
      return;
    }
    if (e.type === 'start') {
      total = e.total;
      started = Date.now();
      if (mode === 'bar') {
        bar = new cliProgress.SingleBar(
          {
            format: 'translating [{bar}] {value}/{total} | {done} done, {failed} failed, {unchanged} unchanged | ETA {eta_formatted}',
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, finished(), counts);
      }
      return;
    }
    if (e.type === 'document') {
      counts[e.status]++;
      if (mode === 'quiet') return;
      if (e.status === 'failed' && mode === 'plain') process.stderr.write(`failed  ${e.file}: ${e.reason}\n`);
      bar?.update(finished(), counts);
      if (mode === 'plain' && (Date.now() - lastLine >= intervalMs || finished() === total)) {
        lastLine = Date.now();
        process.stderr.write(line() + '\n');
      }
      return;
    }
    bar?.stop();
    if (mode !== 'quiet') process.stderr.write(summary(e.report));
  };
}

/** The human summary printed at the end of a run. */
export function summary(r: RunReport): string {
  const lines = [
    `${r.documents.done} done, ${r.documents.failed} failed, ${r.documents.unchanged} unchanged of ${r.documents.total} documents in ${r.seconds.toFixed(1)} s`,
    `segments: ${r.segments.translated} translated by a model, ${r.segments.cached} from the cache${r.segments.memory ? `, ${r.segments.memory} from editors' corrections` : ''}`,
    `summaries: ${r.summaries.translated} made, ${r.summaries.cached} from the cache`,
  ];
  for (const [lang, t] of Object.entries(r.targets)) {
    const flags = Object.entries(t.flags)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const memory = t.memory ? `, ${t.memory} corrected` : '';
    lines.push(`  ${lang.padEnd(8)} ${t.translated} translated, ${t.cached} cached${memory}${flags ? `; flags: ${flags}` : ''}`);
  }
  const flagged = Object.entries(r.flags);
  if (flagged.length) lines.push(`quality flags: ${flagged.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const stages = Object.entries(r.stages);
  if (stages.length) lines.push(`time in each step, summed over documents in flight: ${stages.map(([k, s]) => `${k} ${s.toFixed(2)} s`).join(', ')}`);
  const models = Object.entries(r.models ?? {});
  if (models.length) lines.push(`models: ${models.map(([k, m]) => `${k} (${m.licence})`).join(', ')}`);
  for (const f of r.failures) lines.push(`failed: ${f.file}: ${f.step ? `${f.step}: ` : ''}${f.reason}`);
  return lines.join('\n') + '\n';
}
