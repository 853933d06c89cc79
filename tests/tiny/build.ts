// Builds the tiny deterministic models the integration tests run through the real
// @huggingface/transformers pipelines. Output is byte-for-byte reproducible.
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bartLeadModel } from './bart.ts';
import { ORG, type TinyModel } from './folder.ts';
import { echoModel, englishChinese, frenchMarian, loopModel, unsureModel } from './marian.ts';
import { m2m100Model, nllbModel } from './nllb.ts';
import { PLACEHOLDER_BEHAVIOURS, placeholderModel, placeholderModelName, type PlaceholderBehaviour } from './placeholders.ts';

/** Where the models live (git-ignored); use it as transformers.js `env.localModelPath`. */
export const TINY_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/tiny/models');

/** Bump whenever the builder's output changes, so ensureTinyModels rebuilds stale folders. */
export const BUILDER_VERSION = 'audarma-tiny-builder 7';
const STAMP = '.version';

/** Model ids, e.g. `audarma-tiny/opus-mt-fr-en`, as passed to `pipeline()`. */
export const TINY_MODEL_IDS = {
  frEn: `${ORG}/opus-mt-fr-en`,
  frRu: `${ORG}/opus-mt-fr-ru`,
  enZh: `${ORG}/opus-mt-en-zh`,
  nllb: `${ORG}/nllb-tiny`,
  m2m100: `${ORG}/m2m100-tiny`,
  bartLead: `${ORG}/bart-lead`,
  loopFrEn: `${ORG}/loop-fr-en`,
  echoFr: `${ORG}/echo-fr`,
  unsureFrEn: `${ORG}/unsure-fr-en`,
} as const;

/** Models doing to glossary placeholders what real ones do, by behaviour: `audarma-tiny/gls-split-fr-en`… */
export const PLACEHOLDER_MODEL_IDS = Object.fromEntries(
  Object.keys(PLACEHOLDER_BEHAVIOURS).map((b) => [b, `${ORG}/${placeholderModelName(b as PlaceholderBehaviour)}`]),
) as Record<PlaceholderBehaviour, string>;

export function tinyModels(): TinyModel[] {
  return [
    frenchMarian('en'),
    frenchMarian('ru'),
    englishChinese(),
    nllbModel(),
    m2m100Model(),
    bartLeadModel(),
    loopModel(),
    echoModel(),
    unsureModel(),
    ...Object.keys(PLACEHOLDER_BEHAVIOURS).map((b) => placeholderModel(b as PlaceholderBehaviour)),
  ];
}

// Written under a unique name then renamed: several test runs sharing the checkout may build
// at once, and a reader must never see a half-written file (the bytes are identical anyway).
async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

export async function buildTinyModels(dir: string = TINY_MODELS_DIR, report: (path: string, bytes: number) => void = () => {}): Promise<void> {
  const models = tinyModels();
  const orgDir = join(dir, ORG);
  await mkdir(orgDir, { recursive: true });
  const wanted = new Set(models.map((m) => m.name));
  for (const entry of await readdir(orgDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || wanted.has(entry.name)) continue;
    await rm(join(orgDir, entry.name), { recursive: true, force: true });
  }
  for (const model of models) {
    for (const [rel, content] of model.files) {
      const path = join(orgDir, model.name, rel);
      await writeAtomic(path, content);
      report(path, typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength);
    }
  }
  await writeAtomic(join(dir, STAMP), `${BUILDER_VERSION}\n`);
}

const REQUIRED = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model.onnx',
  'onnx/decoder_model_merged.onnx',
];

async function upToDate(dir: string): Promise<boolean> {
  try {
    if ((await readFile(join(dir, STAMP), 'utf8')).trim() !== BUILDER_VERSION) return false;
    const ids = [...Object.values(TINY_MODEL_IDS), ...Object.values(PLACEHOLDER_MODEL_IDS)];
    for (const id of ids) for (const f of REQUIRED) await access(join(dir, id, f));
    return true;
  } catch {
    return false;
  }
}

/** Builds the models unless they are present and stamped with the current builder version. */
export async function ensureTinyModels(dir: string = TINY_MODELS_DIR): Promise<void> {
  if (!(await upToDate(dir))) await buildTinyModels(dir);
}
