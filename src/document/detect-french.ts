/**
 * Is a text French? audarma translates from French only, so "which language is this" narrows to
 * this question: enough to answer LibreTranslate's `source: auto` with `fr` and a confidence, or
 * to refuse the text. Evidence is counted over words: French function words and elisions (l', d',
 * qu'…) and words with letters French uses (è, ê, ç, œ…) for; English, Spanish, Italian, German
 * and Portuguese function words, and letters outside the Latin script, against. Words shared by
 * French and a neighbour (de, la, que, il, en) count for neither.
 */
const FRENCH = new Set(
  (
    'le les un une des du et est sont au aux dans sur pour par avec qui ne pas cette ces elle ils elles nous vous je tu ' +
    'leur leurs mais où été ont très aussi comme depuis selon après avant chez sans sous lui mon ma mes notre votre ' +
    'bonjour merci oui cela ceci était avait sera fait peut doit entre contre vers encore toujours déjà lors dont ' +
    "tout tous toute toutes même ainsi donc car puis quand quelle quel quels quelles aujourd'hui hier demain"
  ).split(' '),
);
const OTHER = new Set(
  // English
  (
    'the and of to is are was were that with for on it this be by at from has have had an or not but which will would ' +
    'he she they we you his her their its hello thank yes what who when where there been more ' +
    // Spanish, Portuguese
    'el los las y es una por con para del al lo se su sus muy pero como está son não uma com os em ao pelo pela ' +
    // Italian
    'che di della delle degli gli è sono per non ma anche questo questa ' +
    // German
    'der die das und ist nicht ein eine zu mit den dem von auf für sich auch wird'
  ).split(' '),
);
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'\p{L}/u;
const FRENCH_LETTERS = /[èêëçœîïôûùÿ]/u;

export interface FrenchDetection {
  french: boolean;
  /** 0 to 100, as LibreTranslate reports a detection's confidence. */
  confidence: number;
}

/** Tells whether the texts, read together, are French; no evidence either way is "not French". */
export function detectFrench(texts: string[]): FrenchDetection {
  let french = 0;
  let other = 0;
  for (const text of texts) {
    for (const word of text
      .toLowerCase()
      .replaceAll('’', "'")
      .match(/[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)*/gu) ?? []) {
      if (!/\p{Script=Latin}/u.test(word)) other++;
      else if (ELISION.test(word)) french++;
      else if (FRENCH.has(word)) french++;
      else if (OTHER.has(word)) other++;
      else if (FRENCH_LETTERS.test(word)) french += 0.5;
    }
  }
  const confidence = french + other === 0 ? 0 : Math.round((100 * french) / (french + other));
  return { french: confidence > 50, confidence };
}
