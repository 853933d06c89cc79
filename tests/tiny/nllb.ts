// NLLB-style many-to-many models (model_type "m2m_100"): nllb-tiny (NllbTokenizer, `kaz_Cyrl`)
// and m2m100-tiny (M2M100Tokenizer, `__kk__`), the same tables behind both. The target language comes
// from the forced BOS token, which the decoder reads back from its cache to pick a table; the
// source language token is ignored, since each table knows both French and English words.
import { englishDictionary, frenchDictionary } from './dictionaries.ts';
import { LONG_POSITIONS } from './embeddings.ts';
import { EXACT_GENERATION, modelFolder, seq2seqConfig, type TinyModel } from './folder.ts';
import { translatorDecoder } from './graphs.ts';
import { capitalTable, commonTables, dictionaryWords, isElision, joinTable, translationTable } from './tables.ts';
import { BOS, buildVocab, EOS, PAD } from './tokenizer.ts';

export const NLLB_LANGUAGES = ['fra_Latn', 'eng_Latn', 'kaz_Cyrl', 'rus_Cyrl', 'deu_Latn'] as const;
export type NllbLanguage = (typeof NLLB_LANGUAGES)[number];

/**
 * Merges French and English tables for one target; a word in both must agree, up to case
 * (French "Kazakh" is a Capitalized "kazakh", English "Kazakh" is not): French wins.
 */
function merged(...dicts: Map<string, string>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dicts) {
    for (const [k, v] of d) {
      const had = out.get(k);
      if (had === undefined) out.set(k, v);
      else if (had.toLowerCase() !== v.toLowerCase()) throw new Error(`nllb-tiny: "${k}" -> "${had}" or "${v}"?`);
    }
  }
  return out;
}

/** Target language -> source word -> target word; fra_Latn (absent) copies. */
export function nllbDictionaries(): Map<NllbLanguage, Map<string, string>> {
  return new Map<NllbLanguage, Map<string, string>>([
    ['eng_Latn', frenchDictionary('en')],
    ['kaz_Cyrl', merged(frenchDictionary('kk'), englishDictionary('kk'))],
    ['rus_Cyrl', merged(frenchDictionary('ru'), englishDictionary('ru'))],
    ['deu_Latn', frenchDictionary('de')],
  ]);
}

export function nllbModel(): TinyModel {
  return manyToManyModel('nllb-tiny', 'nllb', NLLB_LANGUAGES, (code) => code);
}

/**
 * M2M100's language tokens (`__kk__`), for the tiny M2M100-418M: the same tables as nllb-tiny's,
 * reached through M2M100Tokenizer's own codes, so the commercial config's Kazakh route is tested
 * with the tokenizer type it has on the hub.
 */
export const M2M100_LANGUAGES = ['__fr__', '__en__', '__kk__', '__ru__', '__de__'] as const;
const M2M100_CODE: Record<NllbLanguage, string> = { fra_Latn: '__fr__', eng_Latn: '__en__', kaz_Cyrl: '__kk__', rus_Cyrl: '__ru__', deu_Latn: '__de__' };

export function m2m100Model(): TinyModel {
  return manyToManyModel('m2m100-tiny', 'm2m100', M2M100_LANGUAGES, (code) => M2M100_CODE[code]);
}

function manyToManyModel(name: string, template: 'nllb' | 'm2m100', languages: readonly string[], token: (code: NllbLanguage) => string): TinyModel {
  const dicts = nllbDictionaries();
  const vocab = buildVocab(template, { ...dictionaryWords(...dicts.values()), extraSpecials: [...languages, '<mask>'] });
  const identity = vocab.tokens.map((_, id) => id);
  const rows = [identity];
  const rowOfLanguage = vocab.tokens.map(() => 0);
  for (const [lang, dict] of dicts) {
    rowOfLanguage[vocab.id(token(lang))] = rows.length;
    rows.push(translationTable(vocab, dict));
  }
  const decoder = translatorDecoder({
    ...commonTables(vocab),
    translate: { rows, rowOfLanguage },
    joinAfter: isElision(vocab),
    joinTo: joinTable(vocab, () => true),
    capTo: capitalTable(
      vocab,
      [...dicts.values()].flatMap((d) => [...d.values()]),
    ),
  });
  const ids = { bos_token_id: BOS, pad_token_id: PAD, eos_token_id: EOS, decoder_start_token_id: EOS };
  return modelFolder({
    name,
    config: seq2seqConfig('m2m_100', 'M2M100ForConditionalGeneration', ids),
    generationConfig: { ...ids, max_length: 200, ...EXACT_GENERATION },
    vocab,
    tokenizer: { template, cleanup: true },
    decoder,
    positions: LONG_POSITIONS,
  });
}
