// NLLB-style many-to-many model (NllbTokenizer, model_type "m2m_100"). The target language comes
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
  const dicts = nllbDictionaries();
  const vocab = buildVocab('nllb', { ...dictionaryWords(...dicts.values()), extraSpecials: [...NLLB_LANGUAGES, '<mask>'] });
  const identity = vocab.tokens.map((_, id) => id);
  const rows = [identity];
  const rowOfLanguage = vocab.tokens.map(() => 0);
  for (const [lang, dict] of dicts) {
    rowOfLanguage[vocab.id(lang)] = rows.length;
    rows.push(translationTable(vocab, dict));
  }
  const decoder = translatorDecoder({
    ...commonTables(vocab),
    translate: { rows, rowOfLanguage },
    joinAfter: isElision(vocab),
    joinTo: joinTable(vocab, () => true),
    capTo: capitalTable(vocab, [...dicts.values()].flatMap((d) => [...d.values()])),
  });
  const ids = { bos_token_id: BOS, pad_token_id: PAD, eos_token_id: EOS, decoder_start_token_id: EOS };
  return modelFolder({
    name: 'nllb-tiny',
    config: seq2seqConfig('m2m_100', 'M2M100ForConditionalGeneration', ids),
    generationConfig: { ...ids, max_length: 200, ...EXACT_GENERATION },
    vocab,
    tokenizer: { template: 'nllb', cleanup: true },
    decoder,
    positions: LONG_POSITIONS,
  });
}
