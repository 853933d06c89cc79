import path from 'node:path';
import { licenceOf } from '../config/licences.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ModelConfig } from '../config/schema.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { modelOnDisk, pullMissing } from '../app/pull-models.ts';

/** The licence, and under `models.allowLicenses` whether a run may load the model. */
const licenceCell = (m: ModelConfig, allowed?: string[]) =>
  !allowed ? licenceOf(m) : `${licenceOf(m)} (${m.license && allowed.includes(m.license) ? 'allowed' : 'not allowed'})`;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `audarma models list`: each catalogue model, whether it is in the store, its size and licence. */
export async function modelsListCommand(opts: { config: string }): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const rows = Object.entries(loaded.config.catalogue).map(([key, m]) => {
    const bytes = modelOnDisk(loaded.modelsDir, m);
    const size = bytes !== undefined ? mb(bytes) : m.sizeMB ? `~${m.sizeMB} MB to pull` : '-';
    return [key, m.id, m.dtype, bytes !== undefined ? 'present' : 'missing', size, licenceCell(m, loaded.config.models.allowLicenses)];
  });
  const header = ['key', 'model', 'dtype', 'status', 'size', 'licence'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows])
    process.stdout.write(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd() + '\n',
    );
  process.stdout.write(`models folder: ${path.relative(process.cwd(), loaded.modelsDir) || '.'}\n`);
  return 0;
}

/** `audarma models pull [ID…]`: downloads the named (or all) catalogue models into the store. */
export async function modelsPullCommand(ids: string[], opts: { config: string }): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const { catalogue } = loaded.config;
  const wanted = ids.length ? ids : Object.keys(catalogue);
  const chosen = wanted.map((id) => {
    const key = Object.hasOwn(catalogue, id) ? id : Object.keys(catalogue).find((k) => catalogue[k].id === id);
    if (!key) throw UserError.from(messages.unknownModelId(id, Object.keys(catalogue)));
    return catalogue[key];
  });
  const errors = await pullMissing(loaded, chosen);
  for (const e of errors) process.stderr.write(`audarma: ${e}\n`);
  return errors.length ? 1 : 0;
}
