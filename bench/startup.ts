// Start-up of commands that load no model, against a bare `node -e 0`: median wall time of 7 runs
// each, the runs of the three commands interleaved so a busy spell of the machine weighs on all
// alike. Target: each command within 3× the bare Node start. Part of `npm run bench`; also runs
// alone: npx tsx bench/startup.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 7;
const TARGET_RATIO = 3;

export interface StartupFigure {
  name: string;
  medianSeconds: number;
  /** Peak RSS of one more run, measured apart so the timed runs carry no extra code. */
  peakRssMB: number;
  ratio: number;
}

const COMMANDS: { name: string; args: string[] }[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'audarma --help', args: ['bin/audarma.js', '--help'] },
  { name: 'audarma validate (tiny config)', args: ['bin/audarma.js', 'validate', '--config', 'tests/fixtures/tiny/config.yaml'] },
];

function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return seconds;
}

/** Peak RSS (MB) of one run, written at exit by a preloaded hook into a file. */
function peakRssMB(args: string[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-startup-'));
  const out = path.join(dir, 'rss');
  const hook = path.join(dir, 'hook.cjs');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  spawnSync(process.execPath, ['--require', hook, ...args], { cwd: ROOT, stdio: 'ignore' });
  const kb = Number(readFileSync(out, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return kb / 1024;
}

export function startupBench(): StartupFigure[] {
  // The bin runs dist/: build it when src/ changed since the last build.
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('npm run build failed');
  for (const c of COMMANDS) timeOnce(c.args); // warm the file cache
  const times = COMMANDS.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) COMMANDS.forEach((c, k) => times[k].push(timeOnce(c.args)));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(times[0]);
  return COMMANDS.map((c, k) => ({ name: c.name, medianSeconds: median(times[k]), peakRssMB: peakRssMB(c.args), ratio: median(times[k]) / base }));
}

export function startupLines(figures: StartupFigure[]): string[] {
  return [
    `(g) start-up, median of ${RUNS} runs (target: each command ≤ ${TARGET_RATIO}× node -e 0):`,
    ...figures.map((f) => `    ${f.name.padEnd(32)} ${f.medianSeconds.toFixed(3)} s  ${f.ratio.toFixed(2)}×  ${f.peakRssMB.toFixed(0)} MB peak RSS`),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(startupLines(startupBench()).join('\n') + '\n');
}
