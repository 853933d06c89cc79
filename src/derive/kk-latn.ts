// Kazakh Cyrillic → Kazakh Latin as presented in January 2021: 31 letters
// A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z (no C, no Ç).
// Sources: en.wikipedia.org/wiki/Kazakh_alphabets (the 2021 letters and its sample
// "bır danyşpan kısı … üiıne": і → ı, й → i, ш → ş, ы → y); OFFICIAL_LATIN_2021 in
// github.com/Qazaq-Genius/Qazaq-Cyrillic-to-Latin (src/Transliterator.php) for the
// 33 native letters; stanfordnlp/stanza stanza/utils/datasets/ner/kazakh_transliteration.py
// for the loan letters (ё/ю/я → io/iu/ia, ч → ç). The table is data: ./kk-latn-2021.json.
//
// The nine Russian-only letters have no letter of their own in 2021; the JSON
// gives them spellings that a reader of the new alphabet pronounces correctly:
//   ё → io, ю → iu, я → ia  the /j/ glide is written i, as й is; y is ы here, so
//                           "yo/yu/ya" would read /ɯo/, /ɯu/, /ɯa/.
//   ц → ts                  c is not a 2021 letter, and in Turkic Latin alphabets
//                           (Turkish, Azerbaijani, Common Turkic) c means /dʒ/.
//   ч → ç                   also outside the 31, but the Common Turkic letter for /tʃ/,
//                           kept for loanwords and names; ş (as some tools do) would
//                           merge ч into ш, and "tş" is unreadable.
//   щ → şş                  in Kazakh щ is a long ш (ащы "bitter" → aşşy).
//   ъ, ь → dropped          no sound of their own, and 2021 has no apostrophe.
//   э → e                   Kazakh е and э are the same /e/.
// и and й both become İ i (2021 merged them); і becomes I ı (dotless), so upper
// casing must be Turkic: i → İ, ı → I.
import table from './kk-latn-2021.json' with { type: 'json' };

const LOWER: ReadonlyMap<string, string> = new Map(Object.entries(table));

// A "word" is a run of letters and marks, so hyphens, apostrophes and digits
// split words and stay untouched.
const WORD = /\p{L}[\p{L}\p{M}]*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

const isUpper = (c: string): boolean => c !== c.toLowerCase();
const isLower = (c: string): boolean => c !== c.toUpperCase();

function upper(latin: string): string {
  return latin.replaceAll('i', 'İ').toUpperCase();
}

function title(latin: string): string {
  const [first = '', ...rest] = [...latin];
  return upper(first) + rest.join('');
}

function word(source: string): string {
  // NFC first: Ё and Й may arrive decomposed (Е + ̈, И + ̆).
  const chars = [...source.normalize('NFC')];
  // ҚАЗАҚСТАН → QAZAQSTAN, so ЦИРК → TSİRK and not TsİRK.
  const allCaps = chars.filter(isUpper).length > 1 && !chars.some(isLower);
  return chars
    .map((c, i) => {
      const latin = LOWER.get(c.toLowerCase());
      if (latin === undefined) return c;
      if (!isUpper(c)) return latin;
      // A capital followed by a capital is inside an acronym even in a mixed word (ЦСКАның).
      const next = chars[i + 1];
      const shouting = allCaps || (next !== undefined && isUpper(next));
      return shouting ? upper(latin) : title(latin);
    })
    .join('');
}

/** Kazakh Cyrillic text in the 2021 Latin alphabet; anything not Cyrillic passes unchanged. */
export function transliterateKazakh(text: string): string {
  return text.replace(WORD, (w) => (CYRILLIC.test(w) ? word(w) : w));
}
