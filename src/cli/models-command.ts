import path from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { UserError } from '../diagnostics/messages.ts';
import { folderSize, isModelPresent, modelFolder } from '../inference/model-store.ts';
import { pullModel } from '../inference/pull.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `audarma models list`: each catalogue model, whether it is in the store, its size and licence. */
export async function modelsListCommand(opts: { config: string }): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const rows = Object.entries(loaded.config.catalogue).map(([key, m]) => {
    const present = isModelPresent(loaded.modelsDir, m);
    const size = present ? mb(folderSize(modelFolder(loaded.modelsDir, m))) : m.sizeMB ? `~${m.sizeMB} MB to pull` : '-';
    return [key, m.id, m.dtype, present ? 'present' : 'missing', size, m.license ?? 'unknown'];
  });
  const header = ['key', 'model', 'dtype', 'status', 'size', 'licence'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
  process.stdout.write(`models folder: ${path.relative(process.cwd(), loaded.modelsDir) || '.'}\n`);
  return 0;
}

/** `audarma models pull [ID…]`: downloads the named (or all) catalogue models into the store. */
export async function modelsPullCommand(ids: string[], opts: { config: string }): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const { catalogue, models } = loaded.config;
  const wanted = ids.length ? ids : Object.keys(catalogue);
  const chosen = wanted.map((id) => {
    const key = catalogue[id] ? id : Object.keys(catalogue).find((k) => catalogue[k].id === id);
    if (!key) throw new UserError('MODEL_UNKNOWN', `unknown model "${id}"; expected a catalogue key or hub id: ${Object.keys(catalogue).join(', ')}`);
    return catalogue[key];
  });
  let failed = 0;
  for (const m of chosen) {
    if (isModelPresent(loaded.modelsDir, m)) {
      process.stderr.write(`${m.id}: already present\n`);
      continue;
    }
    process.stderr.write(`${m.id}: downloading (${m.dtype}) into ${path.relative(process.cwd(), modelFolder(loaded.modelsDir, m))}\n`);
    let last = 0;
    try {
      await pullModel(loaded.modelsDir, models.hub, m, (p) => {
        if (Date.now() - last < 1000 && p.loaded < p.total) return;
        last = Date.now();
        const pct = p.total ? ` ${((100 * p.loaded) / p.total).toFixed(0)}%` : '';
        process.stderr.write(`  ${p.file} ${mb(p.loaded)}${p.total ? ` / ${mb(p.total)}` : ''}${pct}\n`);
      });
      process.stderr.write(`${m.id}: done\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`audarma: ${(err as Error).message}\n`);
    }
  }
  return failed ? 1 : 0;
}
