// (i) One /translate request of 100,000 short segments (a list q) against `audarma serve` on the
// tiny models, with a one-sentence request sent every second meanwhile: how long the big one takes,
// and how long the small ones wait (the batch queue serves requests in turn, so they should not
// wait for the big one). The target: the big one under 30 s, the small ones never held for long.
//   npx tsx bench/many-segments.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEGMENTS = 100_000;

export interface ManySegmentsResult {
  segments: number;
  seconds: number;
  smallRequests: number;
  smallMaxMs: number;
  smallMedianMs: number;
}

export async function manySegments(): Promise<ManySegmentsResult> {
  const cache = mkdtempSync(path.join(tmpdir(), 'audarma-many-'));
  // The tiny models' config with batches of 64 (the tests' 4 keeps their batches small on purpose),
  // beside the original so its models folder resolves the same.
  const tiny = path.join(REPO, 'tests/fixtures/tiny/config.yaml');
  const config = path.join(REPO, 'tests/fixtures/tiny/.bench-many.yaml');
  writeFileSync(config, readFileSync(tiny, 'utf8').replace(/batchSize: 4/g, 'batchSize: 64'));
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin/audarma.js'), 'serve', '--config', config, '--cache-dir', cache, '--port', '0', '--batch-limit', String(SEGMENTS)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (b: Buffer) => {
        log += b.toString();
        const port = /"port":(\d+),"msg":"listening"/.exec(log)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.on('exit', () => reject(new Error(`serve ended:\n${log}`)));
    });
    const translate = (q: string | string[]) =>
      fetch(`${url}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q, source: 'fr', target: 'en' }),
      }).then(async (r) => {
        if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
        return r.json();
      });
    await translate('Bonjour.');
    const q = Array.from({ length: SEGMENTS }, (_, i) => `Oui ${i}.`);
    const t0 = performance.now();
    let done = false;
    const big = translate(q).then((r) => ((done = true), r));
    const small: number[] = [];
    // Bounded: at most 120 small requests, one a second, while the big one runs.
    for (let i = 0; i < 120 && !done; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const s0 = performance.now();
      await translate(`La délégation ${i} a signé un accord.`);
      small.push(performance.now() - s0);
    }
    const out = (await big) as { translatedText: string[] };
    // The small requests' loop ends when the big one does.
    if (out.translatedText.length !== SEGMENTS) throw new Error('wrong answer length');
    const seconds = (performance.now() - t0) / 1000;
    const sorted = [...small].sort((a, b) => a - b);
    return {
      segments: SEGMENTS,
      seconds: Math.round(seconds * 10) / 10,
      smallRequests: small.length,
      smallMaxMs: Math.round(sorted.at(-1) ?? 0),
      smallMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await manySegments();
  process.stdout.write(
    `(i) ${r.segments} short segments in one /translate request: ${r.seconds} s; ${r.smallRequests} one-sentence requests meanwhile, median ${r.smallMedianMs} ms, slowest ${r.smallMaxMs} ms\n`,
  );
}
