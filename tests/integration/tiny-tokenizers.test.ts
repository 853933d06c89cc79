// The tiny models' tokenizers are of the types the real models ship (OPUS-MT: SentencePiece
// Unigram; NLLB-200: SentencePiece BPE with language codes; distilbart: byte-level BPE), read by
// transformers.js's own tokenizer classes, so the code paths real models take are the ones tested.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AutoTokenizer, env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_MODEL_IDS, TINY_MODEL_IDS, TINY_MODELS_DIR } from '../tiny/build.ts';

type Tokenizer = ((text: string) => { input_ids: { tolist(): bigint[][] } }) & {
  tokenize(text: string): string[];
  _tokenizer: { model: { vocab: string[] } };
};

type Pipe<Out> = ((texts: string[]) => Promise<Out[]>) & { dispose(): Promise<void> };
const pipes: Pipe<unknown>[] = [];
async function load<Out>(task: 'translation' | 'summarization', id: string): Promise<Pipe<Out>> {
  const p = (await pipeline(task, id)) as unknown as Pipe<Out>;
  pipes.push(p);
  return p;
}

beforeAll(() => {
  env.localModelPath = TINY_MODELS_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR; // MarianTokenizer warns on every load
});
afterAll(async () => {
  for (const p of pipes) await p.dispose();
});

const json = async (id: string, file: string) => JSON.parse(await readFile(join(TINY_MODELS_DIR, id, file), 'utf8'));
const tokenizer = async (id: string) => (await AutoTokenizer.from_pretrained(id)) as unknown as Tokenizer;
/** The pieces of the model input, special tokens included. */
const inputPieces = (t: Tokenizer, text: string) =>
  t(text)
    .input_ids.tolist()[0]
    .map((i) => t._tokenizer.model.vocab[Number(i)]);

describe('tokenizer.json of the real types', () => {
  const { frEn, frRu, enZh, loopFrEn, echoFr } = TINY_MODEL_IDS;
  const marian = [frEn, frRu, enZh, loopFrEn, echoFr, ...Object.values(PLACEHOLDER_MODEL_IDS)];

  it('Marian: Unigram, Precompiled normalizer, Metaspace, `$A </s>`, MarianTokenizer', async () => {
    for (const id of marian) {
      const tok = await json(id, 'tokenizer.json');
      const types = [tok.model.type, tok.normalizer.type, tok.pre_tokenizer.type, tok.decoder.type];
      expect([id, ...types]).toEqual([id, 'Unigram', 'Precompiled', 'Metaspace', 'Metaspace']);
      expect(tok.normalizer.precompiled_charsmap).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(tok.post_processor.single.map((x: object) => Object.values(x)[0].id)).toEqual(['A', '</s>']);
      expect((await json(id, 'tokenizer_config.json')).tokenizer_class).toBe('MarianTokenizer');
    }
  });

  it('NLLB: SentencePiece BPE with merges, language codes as special tokens, `<src_lang> $A </s>`', async () => {
    const tok = await json(TINY_MODEL_IDS.nllb, 'tokenizer.json');
    const types = [tok.model.type, tok.model.unk_token, tok.model.fuse_unk, tok.pre_tokenizer.type, tok.decoder.type];
    expect(types).toEqual(['BPE', '<unk>', true, 'Metaspace', 'Metaspace']);
    expect(tok.normalizer.normalizers.map((n: { type: string }) => n.type)).toEqual(['Precompiled', 'Replace']);
    expect(tok.model.merges.length).toBeGreaterThan(1000);
    const codes = tok.added_tokens.filter((t: { content: string }) => /^[a-z]{3}_[A-Z][a-z]{3}$/.test(t.content));
    expect(codes.map((t: { content: string; special: boolean }) => [t.content, t.special])).toEqual(
      ['fra_Latn', 'eng_Latn', 'kaz_Cyrl', 'rus_Cyrl', 'deu_Latn'].map((c) => [c, true]),
    );
    expect(tok.post_processor.single.map((x: object) => Object.values(x)[0].id)).toEqual(['eng_Latn', 'A', '</s>']);
    expect((await json(TINY_MODEL_IDS.nllb, 'tokenizer_config.json')).tokenizer_class).toBe('NllbTokenizer');
  });

  it('M2M100: SentencePiece BPE like NLLB, its `__kk__`-style codes as special tokens, `__en__ $A </s>`, M2M100Tokenizer', async () => {
    const tok = await json(TINY_MODEL_IDS.m2m100, 'tokenizer.json');
    expect([tok.model.type, tok.model.fuse_unk, tok.pre_tokenizer.type, tok.decoder.type]).toEqual(['BPE', true, 'Metaspace', 'Metaspace']);
    const codes = tok.added_tokens.filter((t: { content: string }) => /^__[a-z]{2,3}__$/.test(t.content));
    expect(codes.map((t: { content: string; special: boolean }) => [t.content, t.special])).toEqual(
      ['__fr__', '__en__', '__kk__', '__ru__', '__de__'].map((c) => [c, true]),
    );
    expect(tok.post_processor.single.map((x: object) => Object.values(x)[0].id)).toEqual(['__en__', 'A', '</s>']);
    const config = await json(TINY_MODEL_IDS.m2m100, 'tokenizer_config.json');
    expect([config.tokenizer_class, config.src_lang, config.tgt_lang]).toEqual(['M2M100Tokenizer', null, null]);
  });

  it('BART: byte-level BPE, RobertaProcessing, BartTokenizer', async () => {
    const tok = await json(TINY_MODEL_IDS.bartLead, 'tokenizer.json');
    const types = [tok.model.type, tok.pre_tokenizer.type, tok.pre_tokenizer.add_prefix_space, tok.decoder.type, tok.post_processor.type];
    expect(types).toEqual(['BPE', 'ByteLevel', false, 'ByteLevel', 'RobertaProcessing']);
    expect((await json(TINY_MODEL_IDS.bartLead, 'tokenizer_config.json')).tokenizer_class).toBe('BartTokenizer');
  });
});

describe('tokenization through transformers.js', () => {
  it('Marian keeps an elision in one chunk with its word and spells unknown words from characters', async () => {
    const t = await tokenizer(TINY_MODEL_IDS.frEn);
    expect(inputPieces(t, "L'économie de Pékin")).toEqual(["▁L'", 'économie', '▁de', '▁P', 'é', 'k', 'in', '</s>']);
  });

  it('NLLB puts the source language code first and merges dictionary words into one piece', async () => {
    const t = await tokenizer(TINY_MODEL_IDS.nllb);
    const pieces = ['eng_Latn', '▁La', '▁délégation', '▁de', '▁P', 'é', 'k', 'in', '</s>'];
    expect(inputPieces(t, 'La délégation de Pékin')).toEqual(pieces);
  });

  it('M2M100 takes ISO 639-1 codes: `src_lang: fr` puts `__fr__` first, `tgt_lang: kk` forces `__kk__` as the first output token', async () => {
    const t = (await tokenizer(TINY_MODEL_IDS.m2m100)) as Tokenizer & {
      language_codes: string[];
      _build_translation_inputs(texts: string[], o: object, g: Record<string, unknown>): { input_ids: { tolist(): bigint[][] } };
    };
    expect(t.language_codes).toEqual(['fr', 'en', 'kk', 'ru', 'de']);
    const generation: Record<string, unknown> = { src_lang: 'fr', tgt_lang: 'kk' };
    const ids = t._build_translation_inputs(['La délégation'], {}, generation).input_ids.tolist()[0];
    expect(ids.map((i) => t._tokenizer.model.vocab[Number(i)])).toEqual(['__fr__', '▁La', '▁délégation', '</s>']);
    expect(t._tokenizer.model.vocab[generation.forced_bos_token_id as number]).toBe('__kk__');
  });

  it('BART writes bytes, a space as Ġ, and adds no prefix space to the first word', async () => {
    const t = await tokenizer(TINY_MODEL_IDS.bartLead);
    const pieces = ['<s>', 'T', 'he', 'Ġeconomy', 'Ġof', 'ĠP', 'Ã©', 'k', 'in', '.', '</s>'];
    expect(inputPieces(t, 'The economy of Pékin.')).toEqual(pieces);
  });
});

describe('what the real normalizers do to text', () => {
  it('Marian (Precompiled): no-break spaces become spaces, "…" three dots (NFKC)', async () => {
    const echo = await load<{ translation_text: string }>('translation', TINY_MODEL_IDS.echoFr);
    expect(await echo(['Il a dit\u202f: « non »…', 'Le 1er mai, 5\u00a0000 personnes.'])).toEqual([
      { translation_text: 'Il a dit : « non »...' },
      { translation_text: 'Le 1er mai, 5 000 personnes.' },
    ]);
  });

  it('BART (byte level): characters outside every vocabulary come back byte for byte', async () => {
    const lead = await load<{ summary_text: string }>('summarization', TINY_MODEL_IDS.bartLead);
    expect(await lead(['Prices rose 🙂 in 东京 today. Next sentence.'])).toEqual([{ summary_text: 'Prices rose 🙂 in 东京 today.' }]);
  });
});
