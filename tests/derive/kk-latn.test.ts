import { describe, expect, it } from 'vitest';
import { transliterateKazakh } from '../../src/derive/kk-latn.ts';
import table from '../../src/derive/kk-latn-2021.json' with { type: 'json' };

// Expected values written by hand from the 2021 table and the rules in kk-latn.ts.
const CASES: [string, string][] = [
  // native letters
  ['Қазақстан', 'Qazaqstan'],
  ['Астана', 'Astana'],
  ['Ерлан Қошанов', 'Erlan Qoşanov'],
  ['әлем', 'älem'],
  ['ұлттық', 'ūlttyq'],
  ['үкімет', 'ükımet'],
  ['шешім', 'şeşım'],
  ['жаңа', 'jaña'],
  ['ғылым', 'ğylym'],
  ['өмір', 'ömır'],
  ['шаһар', 'şahar'],
  ['ауыл', 'auyl'],
  // і → ı, и/й → i (İ in capitals)
  ['іс', 'ıs'],
  ['Іс', 'Is'],
  ['ит', 'it'],
  ['Ит', 'İt'],
  ['ойын', 'oiyn'],
  // Russian-only letters
  ['цирк', 'tsirk'],
  ['щётка', 'şşiotka'],
  ['ащы', 'aşşy'],
  ['объект', 'obekt'],
  ['съезд', 'sezd'],
  ['мэр', 'mer'],
  ['юрист', 'iurist'],
  ['ясли', 'iasli'],
  ['ёлка', 'iolka'],
  // letter by letter, no contextual rules: и + я is i + ia
  ['Чехия', 'Çehiia'],
  // all caps stays all caps, multi-letter outputs included
  ['ҚАЗАҚСТАН', 'QAZAQSTAN'],
  ['ҰЛТТЫҚ ІС', 'ŪLTTYQ IS'],
  ['ЦИРК', 'TSİRK'],
  ['ЮРИСТ', 'İURİST'],
  ['ОБЪЕКТ', 'OBEKT'],
  ['ЧЕХИЯ', 'ÇEHİİA'],
  ['ЦСКА-ның', 'TSSKA-nyñ'],
  // Title case stays Title case
  ['Цирк', 'Tsirk'],
  ['Юрист', 'İurist'],
  ['Ясли', 'İasli'],
  ['Ёлка', 'İolka'],
  ['Щётка', 'Şşiotka'],
  ['Нұр-Сұлтан', 'Nūr-Sūltan'],
  ['ҚазҰУ', 'QazŪU'],
  ['Ю. Иванов', 'İu. İvanov'],
  // sentences, Latin, digits and punctuation
  ['Ерлан Қошанов Астанада шешім қабылдады.', 'Erlan Qoşanov Astanada şeşım qabyldady.'],
  ['Президент Тоқаев: «Жаңа Қазақстан» — 2022!', 'Prezident Toqaev: «Jaña Qazaqstan» — 2022!'],
  ['COVID-19 індеті 2020 жылы 3,5 %', 'COVID-19 ındetı 2020 jyly 3,5 %'],
  ['Emmanuel Macron мен Қасым-Жомарт Тоқаев', 'Emmanuel Macron men Qasym-Jomart Toqaev'],
  ['', ''],
];

describe('transliterateKazakh', () => {
  it.each(CASES)('%s → %s', (cyrillic, latin) => {
    expect(transliterateKazakh(cyrillic)).toBe(latin);
  });

  it('leaves text with no Cyrillic byte for byte unchanged', () => {
    const text = 'Macron a dit « naïve » (nai\u0308ve) — 12:30, 3.5 %, 北京 ✓';
    expect(transliterateKazakh(text)).toBe(text);
  });

  it('accepts decomposed ё and й', () => {
    expect(transliterateKazakh('е\u0308лка ои\u0306ын')).toBe('iolka oiyn');
  });

  it('leaves Cyrillic letters outside the Kazakh alphabet alone', () => {
    expect(transliterateKazakh('ґї')).toBe('ґї');
  });
});

describe('kk-latn-2021.json', () => {
  const ALPHABET = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
  // The 31 letters of 2021, plus ç for ч (see kk-latn.ts).
  const LATIN = new Set([...'aäbdefgğhıijklmnñoöpqrsştuūüvyz', 'ç']);

  it('has exactly the 42 letters of the Kazakh Cyrillic alphabet, lower case', () => {
    const letters = [...ALPHABET].map((c) => c.toLowerCase());
    expect(letters).toHaveLength(42);
    expect(Object.keys(table).sort()).toEqual([...letters].sort());
  });

  it('writes only letters of the 2021 alphabet', () => {
    for (const latin of Object.values(table)) for (const c of latin) expect(LATIN).toContain(c);
  });

  it('maps every capital to a capital', () => {
    for (const c of ALPHABET) {
      const out = transliterateKazakh(c);
      if (out) expect(out[0]).toBe(out[0]!.toUpperCase());
    }
  });
});
