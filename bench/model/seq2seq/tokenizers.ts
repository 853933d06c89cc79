// tokenizer.json and tokenizer_config.json of the two stand-ins, of the real files' types:
//   NLLB: SentencePiece BPE (sentencepiece.bpe.model converted): Precompiled normalizer (no
//         charsmap: transformers.js applies NFKC whatever the map) + Replace of repeated spaces,
//         Metaspace pre-tokenizer and decoder, `<s> <pad> </s> <unk>` = 0–3, the 202 FLORES-200
//         language codes as special added tokens from 256001 (eng_Latn 256047, fra_Latn 256057,
//         kaz_Cyrl 256089) and `<mask>` after them; the post-processor puts the source language
//         code first and `</s>` last (transformers.js swaps in `src_lang`; `tgt_lang` becomes
//         forced_bos_token_id).
//   M2M100: as NLLB's (sentencepiece.bpe.model is a BPE model too), with 128,004 pieces and
//         specials, its 100 language tokens `__af__` … `__zu__` from 128004 (`__en__` 128022,
//         `__fr__` 128028, `__kk__` 128049) and 8 `madeupword` fillers to 128,112; the
//         post-processor puts `__en__` first (transformers.js swaps in `src_lang`), M2M100Tokenizer.
//   BART: byte-level BPE (GPT-2's vocab.json + merges.txt converted): ByteLevel pre-tokenizer and
//         decoder, RobertaProcessing `<s> … </s>`, `<mask>` = 50264 (one past the embedding rows,
//         as in facebook/bart-large-cnn).
import { specialToken } from '../../../tests/tiny/tokenizer.ts';
import { bpeVocab } from './bpe-vocab.ts';
import type { Seq2SeqSpec } from './spec.ts';

/** FLORES-200 codes in the order of transformers' FAIRSEQ_LANGUAGE_CODES (id = 256001 + index). */
export const NLLB_LANGUAGE_CODES = `ace_Arab ace_Latn acm_Arab acq_Arab aeb_Arab afr_Latn ajp_Arab aka_Latn amh_Ethi apc_Arab
arb_Arab ars_Arab ary_Arab arz_Arab asm_Beng ast_Latn awa_Deva ayr_Latn azb_Arab azj_Latn bak_Cyrl bam_Latn ban_Latn
bel_Cyrl bem_Latn ben_Beng bho_Deva bjn_Arab bjn_Latn bod_Tibt bos_Latn bug_Latn bul_Cyrl cat_Latn ceb_Latn ces_Latn
cjk_Latn ckb_Arab crh_Latn cym_Latn dan_Latn deu_Latn dik_Latn dyu_Latn dzo_Tibt ell_Grek eng_Latn epo_Latn est_Latn
eus_Latn ewe_Latn fao_Latn pes_Arab fij_Latn fin_Latn fon_Latn fra_Latn fur_Latn fuv_Latn gla_Latn gle_Latn glg_Latn
grn_Latn guj_Gujr hat_Latn hau_Latn heb_Hebr hin_Deva hne_Deva hrv_Latn hun_Latn hye_Armn ibo_Latn ilo_Latn ind_Latn
isl_Latn ita_Latn jav_Latn jpn_Jpan kab_Latn kac_Latn kam_Latn kan_Knda kas_Arab kas_Deva kat_Geor knc_Arab knc_Latn
kaz_Cyrl kbp_Latn kea_Latn khm_Khmr kik_Latn kin_Latn kir_Cyrl kmb_Latn kon_Latn kor_Hang kmr_Latn lao_Laoo lvs_Latn
lij_Latn lim_Latn lin_Latn lit_Latn lmo_Latn ltg_Latn ltz_Latn lua_Latn lug_Latn luo_Latn lus_Latn mag_Deva mai_Deva
mal_Mlym mar_Deva min_Latn mkd_Cyrl plt_Latn mlt_Latn mni_Beng khk_Cyrl mos_Latn mri_Latn zsm_Latn mya_Mymr nld_Latn
nno_Latn nob_Latn npi_Deva nso_Latn nus_Latn nya_Latn oci_Latn gaz_Latn ory_Orya pag_Latn pan_Guru pap_Latn pol_Latn
por_Latn prs_Arab pbt_Arab quy_Latn ron_Latn run_Latn rus_Cyrl sag_Latn san_Deva sat_Beng scn_Latn shn_Mymr sin_Sinh
slk_Latn slv_Latn smo_Latn sna_Latn snd_Arab som_Latn sot_Latn spa_Latn als_Latn srd_Latn srp_Cyrl ssw_Latn sun_Latn
swe_Latn swh_Latn szl_Latn tam_Taml tat_Cyrl tel_Telu tgk_Cyrl tgl_Latn tha_Thai tir_Ethi taq_Latn taq_Tfng tpi_Latn
tsn_Latn tso_Latn tuk_Latn tum_Latn tur_Latn twi_Latn tzm_Tfng uig_Arab ukr_Cyrl umb_Latn urd_Arab uzn_Latn vec_Latn
vie_Latn war_Latn wol_Latn xho_Latn ydd_Hebr yor_Latn yue_Hant zho_Hans zho_Hant zul_Latn`.split(/\s+/);

/** M2M100's language codes in the order of transformers' FAIRSEQ_LANGUAGE_CODES (`__xx__` id = 128004 + index). */
export const M2M100_LANGUAGE_CODES = `af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he hi hr
ht hu hy id ig ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne nl no ns oc or pa pl ps pt ro ru sd si
sk sl so sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo xh yi yo zh zu`.split(/\s+/);
const M2M100_FIRST_CODE_ID = 128_004;
const M2M100_MADEUP_WORDS = 8;

/** NLLB's SentencePiece pieces take ids up to 256000; the language codes follow. */
const NLLB_FIRST_CODE_ID = 256_001;
const SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'];

const vocabObject = (pieces: string[]) => Object.fromEntries(pieces.map((p, i) => [p, i]));
const mask = (id: number) => ({ ...specialToken(id, '<mask>'), lstrip: true });

/** `bpeSize` is the BPE model's own vocabulary: 256,001 for the real sizes, less for tiny tests. */
export function nllbTokenizerJson(bpeSize: number): object {
  const firstCode = Math.max(NLLB_FIRST_CODE_ID, bpeSize);
  const codes = NLLB_LANGUAGE_CODES.map((c, i) => specialToken(firstCode + i, c));
  return sentencePieceBpeJson(bpeSize, [...codes, mask(firstCode + codes.length)], 'eng_Latn', firstCode + NLLB_LANGUAGE_CODES.indexOf('eng_Latn'));
}

/** M2M100's tokenizer.json: 128,004 pieces and specials, the `__xx__` codes, the madeup words. */
export function m2m100TokenizerJson(): object {
  const codes = M2M100_LANGUAGE_CODES.map((c, i) => specialToken(M2M100_FIRST_CODE_ID + i, `__${c}__`));
  const after = M2M100_FIRST_CODE_ID + codes.length;
  const madeup = Array.from({ length: M2M100_MADEUP_WORDS }, (_, i) => specialToken(after + i, `madeupword${String(i).padStart(4, '0')}`));
  return sentencePieceBpeJson(M2M100_FIRST_CODE_ID, [...codes, ...madeup], '__en__', M2M100_FIRST_CODE_ID + M2M100_LANGUAGE_CODES.indexOf('en'));
}

/** SentencePiece BPE (NLLB, M2M100): `lead` (a language code) first, `</s>` last. */
function sentencePieceBpeJson(bpeSize: number, extra: object[], lead: string, leadId: number): object {
  const { pieces, merges } = bpeVocab({ size: bpeSize, specials: SPECIALS, kind: 'sentencepiece' });
  const metaspace = { type: 'Metaspace', replacement: '\u2581', add_prefix_space: true, prepend_scheme: 'always' };
  const special = (content: string, id: number) => ({ id: content, ids: [id], tokens: [content] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIALS.map((s, i) => specialToken(i, s)), ...extra],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Precompiled', precompiled_charsmap: null },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: lead, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: lead, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '</s>': special('</s>', 2), [lead]: special(lead, leadId) },
    },
    decoder: metaspace,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<unk>',
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: false,
      vocab: vocabObject(pieces),
      merges,
    },
  };
}

/** The special tokens NLLB's and BART's tokenizer_config.json both name (fairseq's vocabulary). */
const FAIRSEQ_SPECIAL_TOKENS = {
  bos_token: '<s>',
  eos_token: '</s>',
  sep_token: '</s>',
  cls_token: '<s>',
  unk_token: '<unk>',
  pad_token: '<pad>',
  mask_token: '<mask>',
};

export function nllbTokenizerConfigJson(): object {
  return {
    tokenizer_class: 'NllbTokenizer',
    ...FAIRSEQ_SPECIAL_TOKENS,
    additional_special_tokens: NLLB_LANGUAGE_CODES,
    legacy_behaviour: false,
    model_max_length: 1024,
    src_lang: null,
    tgt_lang: null,
    sp_model_kwargs: {},
    clean_up_tokenization_spaces: true,
  };
}

/** `size` is the tokenizer's length, `<mask>` included: 50,265 for the real sizes. */
export function bartTokenizerJson(size: number): object {
  const { pieces, merges } = bpeVocab({ size: size - 1, specials: SPECIALS, kind: 'byte-level' });
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIALS.map((s, i) => specialToken(i, s)), mask(size - 1)],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: { ...vocabObject(pieces), '<mask>': size - 1 },
      merges,
    },
  };
}

export function bartTokenizerConfigJson(): object {
  return {
    tokenizer_class: 'BartTokenizer',
    add_prefix_space: false,
    ...FAIRSEQ_SPECIAL_TOKENS,
    errors: 'replace',
    trim_offsets: true,
    model_max_length: 1024,
    clean_up_tokenization_spaces: true,
  };
}

/** As facebook/m2m100_418M's tokenizer_config.json: no default languages, every call names them. */
export function m2m100TokenizerConfigJson(): object {
  const { mask_token: _, cls_token: __, ...specials } = FAIRSEQ_SPECIAL_TOKENS;
  return {
    tokenizer_class: 'M2M100Tokenizer',
    ...specials,
    additional_special_tokens: M2M100_LANGUAGE_CODES.map((c) => `__${c}__`),
    language_codes: 'm2m100',
    num_madeup_words: M2M100_MADEUP_WORDS,
    model_max_length: 1024,
    src_lang: null,
    tgt_lang: null,
    sp_model_kwargs: {},
  };
}

/** Sizes of the tokenizers for a spec (tiny specs keep the real vocabulary: it is cheap). */
export function tokenizerFiles(s: Seq2SeqSpec): { tokenizer: object; config: object } {
  if (s.tokenizer === 'nllb') return { tokenizer: nllbTokenizerJson(NLLB_FIRST_CODE_ID), config: nllbTokenizerConfigJson() };
  if (s.tokenizer === 'm2m100') return { tokenizer: m2m100TokenizerJson(), config: m2m100TokenizerConfigJson() };
  return { tokenizer: bartTokenizerJson(s.vocabSize + 1), config: bartTokenizerConfigJson() };
}
