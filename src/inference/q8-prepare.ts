// Prepares a model folder's decoder once: a quantized one so onnxruntime-node loads it at full speed
// (tied-head-rewrite.ts), any one with the scores head decoding reads (scores-head.ts).
// The hub's files stay untouched in `onnx/`; a rewritten decoder goes into `onnx-audarma/`, beside
// links to the files that need no change, and transformers.js loads that folder through its
// `subfolder` option. A stamp records which source file (size, mtime) the rewrite came from, so a
// re-downloaded model is prepared again and an unchanged one costs two stat calls per load.
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ModelConfig } from '../config/schema.ts';
import { firstLine } from '../diagnostics/errors.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { modelFolder } from './model-store.ts';
import onnxPkg from 'onnx-proto';
import { addScoresHead } from './scores-head.ts';
import { rewriteTiedHead } from './tied-head-rewrite.ts';

const { onnx } = onnxPkg;

/** The folder transformers.js reads by default, and the one audarma writes prepared files to. */
export const ORIGINAL_SUBFOLDER = 'onnx';
export const PREPARED_SUBFOLDER = 'onnx-audarma';
const STAMP = 'prepared.json';
/** Bump when the rewrite changes, so folders prepared by an older audarma are prepared again. */
const REWRITE_VERSION = 3;

/** Quantized dtypes whose files quantize_dynamic writes, with their file-name suffix. */
const QUANTIZED_SUFFIX: Record<string, string> = { q8: '_quantized', int8: '_int8', uint8: '_uint8' };
/** File-name suffix of each dtype's files, as transformers.js names them. */
const SUFFIX: Record<string, string> = { ...QUANTIZED_SUFFIX, fp32: '', fp16: '_fp16' };
/** protobuf cannot read a file this large; such a decoder keeps its weights as external data anyway. */
const MAX_READ = 2 ** 31 - 1;

/** The rewritten bytes of a decoder, or null when neither rewrite applies. */
function rewriteDecoder(bytes: Uint8Array, quantized: boolean, ruleIds: number[]): Uint8Array | null {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    // An unquantized decoder needs no rewrite to load: leave a damaged one to onnxruntime, whose
    // message names the file and the fault as the user needs them.
    if (!quantized) return null;
    throw err;
  }
  const head = quantized && rewriteTiedHead(model) !== null;
  const scores = addScoresHead(model, ruleIds);
  return head || scores ? onnx.ModelProto.encode(model).finish() : null;
}

/**
 * The token ids the model's config.json and generation_config.json name for the generation rules
 * (end, pad, decoder start, bad words, forced tokens): the scores head gathers their logits.
 */
export function configRuleIds(modelFolder: string): number[] {
  const ids: number[] = [];
  const add = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(add);
    else if (typeof x === 'number' && Number.isInteger(x)) ids.push(x);
  };
  for (const name of ['config.json', 'generation_config.json']) {
    try {
      const c = JSON.parse(readFileSync(path.join(modelFolder, name), 'utf8')) as Record<string, unknown>;
      for (const key of [
        'eos_token_id',
        'pad_token_id',
        'bos_token_id',
        'decoder_start_token_id',
        'forced_bos_token_id',
        'forced_eos_token_id',
        'bad_words_ids',
      ])
        add(c[key]);
    } catch {
      // No such file: the rules it would set do not apply.
    }
  }
  return ids;
}

interface Stamp {
  version: number;
  decoder: string;
  size: number;
  mtimeMs: number;
  rewritten: boolean;
}

const sourceOf = (file: string) => {
  const s = statSync(file);
  return { size: s.size, mtimeMs: Math.round(s.mtimeMs) };
};

function readStamp(file: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Makes `to` the same file as `from`: a hard link, else a symlink, else a copy. */
function linkInto(from: string, to: string): void {
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    try {
      symlinkSync(path.relative(path.dirname(to), from), to);
    } catch {
      copyFileSync(from, to);
    }
  }
}

/** Whether a file of `onnx/` belongs to the dtype whose files end in `suffix` (fp32: no suffix). */
function isOfDtype(name: string, suffix: string): boolean {
  if (suffix) return name.includes(suffix);
  return !Object.values(SUFFIX).some((s) => s && name.includes(s));
}

/**
 * The subfolder transformers.js should load this model's ONNX files from for `dtype`: `onnx` when
 * the files load as they are, else `onnx-audarma`, written now if absent or stale. Synchronous and
 * idempotent: two processes preparing at once write the same bytes under atomic renames.
 */
export function preparedSubfolder(modelFolder: string, dtype: string): string {
  const suffix = SUFFIX[dtype];
  if (suffix === undefined) return ORIGINAL_SUBFOLDER;
  const decoderName = `decoder_model_merged${suffix}.onnx`;
  const original = path.join(modelFolder, ORIGINAL_SUBFOLDER);
  const decoder = path.join(original, decoderName);
  if (!existsSync(decoder)) return ORIGINAL_SUBFOLDER;
  const prepared = path.join(modelFolder, PREPARED_SUBFOLDER);
  const stampFile = path.join(prepared, `${dtype}.${STAMP}`);
  const source = sourceOf(decoder);
  const stamp = readStamp(stampFile);
  const fresh = stamp && stamp.version === REWRITE_VERSION && stamp.decoder === decoderName && stamp.size === source.size && stamp.mtimeMs === source.mtimeMs;
  if (fresh && (!stamp.rewritten || existsSync(path.join(prepared, decoderName)))) {
    return stamp.rewritten ? PREPARED_SUBFOLDER : ORIGINAL_SUBFOLDER;
  }

  const result = source.size < MAX_READ ? rewriteDecoder(readFileSync(decoder), dtype in QUANTIZED_SUFFIX, configRuleIds(modelFolder)) : null;
  mkdirSync(prepared, { recursive: true });
  if (result) {
    writeAtomic(path.join(prepared, decoderName), result);
    // Every other file of this dtype (the encoder, external data) is used as it is.
    for (const name of readdirSync(original)) {
      if (name !== decoderName && isOfDtype(name, suffix)) linkInto(path.join(original, name), path.join(prepared, name));
    }
  }
  const next: Stamp = { version: REWRITE_VERSION, decoder: decoderName, ...source, rewritten: Boolean(result) };
  writeAtomic(stampFile, `${JSON.stringify(next, null, 2)}\n`);
  return result ? PREPARED_SUBFOLDER : ORIGINAL_SUBFOLDER;
}

/**
 * preparedSubfolder for a catalogue model in the store; a file that cannot be read or rewritten
 * (damaged, truncated, not ONNX) is a setup error naming the model, the file and the cause.
 */
export function prepareModel(modelsDir: string, model: Pick<ModelConfig, 'id' | 'revision' | 'dtype'>): string {
  const folder = modelFolder(modelsDir, model);
  try {
    return preparedSubfolder(folder, model.dtype);
  } catch (err) {
    const cause = firstLine(err);
    const file = path.join(folder, ORIGINAL_SUBFOLDER, `decoder_model_merged${SUFFIX[model.dtype] ?? ''}.onnx`);
    throw UserError.from(messages.modelLoadFailed(model.id, `${path.relative(process.cwd(), file) || file}: ${cause}`));
  }
}
