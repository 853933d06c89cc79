// Deterministic French-like news text for benchmarks, written only with the bench model's sample
// words (so the tokenizer never produces <unk>): sentences of realistic lengths and articles.
import * as L from './model/lexicon.ts';
import { hashString, mulberry32, pick, randInt, type Rng } from './model/random.ts';

type Gender = 'm' | 'f';
interface NP {
  words: string[];
  plural: boolean;
}

const PRE_ADJ = new Set(['nouveau', 'grand', 'dernier', 'premier', 'prochain', 'ancien', 'long']);
const PREPS = [
  'dans',
  'pour',
  'sur',
  'avec',
  'par',
  'selon',
  'après',
  'avant',
  'depuis',
  'pendant',
  'contre',
  'sans',
  'sous',
  'entre',
  'vers',
  'face à',
  'lors de',
];
const ADVERBS = ['déjà', 'encore', 'toujours', 'aussi', 'notamment', 'désormais', 'hier', 'également', 'enfin', 'ainsi', 'alors'];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function nounPhrase(r: Rng, allowComplement = true): NP {
  const g: Gender = r() < 0.5 ? 'm' : 'f';
  const plural = r() < 0.3;
  const noun = pick(r, g === 'm' ? L.NOUNS_M : L.NOUNS_F);
  const det = plural ? pick(r, L.DETERMINERS.p) : r() < 0.6 ? (g === 'm' ? 'le' : 'la') : pick(r, L.DETERMINERS[g]);
  const words = [det];
  const adjPair = r() < 0.45 ? pick(r, L.ADJECTIVES) : null;
  const adj = adjPair ? (g === 'm' ? adjPair[0] : adjPair[1]) : null;
  const agreed = adj && plural ? L.plural(adj) : adj;
  if (agreed && PRE_ADJ.has(adjPair![0])) words.push(agreed);
  words.push(plural ? L.plural(noun) : noun);
  if (agreed && !PRE_ADJ.has(adjPair![0])) words.push(agreed);
  if (allowComplement && r() < 0.35) words.push(...complement(r));
  return { words, plural };
}

/** "de" + NP with the contractions du/des (elision to d' happens when rendering). */
function complement(r: Rng): string[] {
  if (r() < 0.2) return ['de', cap(pick(r, L.PLACES))];
  const np = nounPhrase(r, false);
  const [det, ...rest] = np.words;
  if (det === 'le') return ['du', ...rest];
  if (det === 'les') return ['des', ...rest];
  return ['de', det, ...rest];
}

function person(r: Rng): string[] {
  return r() < 0.5
    ? [pick(r, L.TITLES), cap(pick(r, L.PEOPLE))]
    : ['le', pick(r, ['ministre', 'maire', 'président', 'député', 'juge']), cap(pick(r, L.PEOPLE))];
}

function clause(r: Rng): string[] {
  const subject = r() < 0.2 ? { words: person(r), plural: false } : nounPhrase(r);
  const verb = r() < 0.5 ? [subject.plural ? 'ont' : 'a', pick(r, L.PARTICIPLES)] : [pick(r, subject.plural ? L.VERBS_PLURAL : L.VERBS_PRESENT)];
  return [...subject.words, ...verb, ...nounPhrase(r).words];
}

/** One extension of a sentence, a few words long. */
function chunk(r: Rng): string[] {
  const k = r();
  if (k < 0.3) return [pick(r, PREPS), ...nounPhrase(r, r() < 0.5).words];
  if (k < 0.4) return [pick(r, ['à', 'de', 'vers']), cap(pick(r, L.PLACES))];
  if (k < 0.48)
    return r() < 0.5
      ? [
          'en',
          pick(r, L.MONTHS),
          pick(
            r,
            L.NUMBERS.filter((n) => /^20/.test(n)),
          ),
        ]
      : [pick(r, L.WEEKDAYS)];
  if (k < 0.56) return [',', 'selon', ...nounPhrase(r, false).words];
  if (k < 0.63) return [',', 'a', pick(r, ['déclaré', 'indiqué', 'expliqué', 'rappelé', 'affirmé']), ...person(r)];
  if (k < 0.73) return [',', 'qui', pick(r, L.VERBS_PRESENT), ...nounPhrase(r).words];
  if (k < 0.81) return [',', pick(r, ['et', 'mais', 'tandis que', 'alors que']), ...clause(r)];
  if (k < 0.88) return ['de', pick(r, L.NUMBERS.slice(0, 60)), pick(r, ['millions', 'milliards']), 'de', 'euros'];
  if (k < 0.93) return ['«', ...nounPhrase(r, false).words, '»'];
  return [pick(r, ADVERBS)];
}

const VOWEL = /^[aeiouyhéèêâîôûàœ]/i;
const ELIDE: Record<string, string> = { le: 'l', la: 'l', de: 'd', que: 'qu', ne: 'n', se: 's' };
const FIX_BEFORE_VOWEL: Record<string, string> = { sa: 'son', ce: 'cet' };

/** Joins words into text: elisions (l'état, d'euros), punctuation attached to the left. */
function render(words: string[]): string {
  const flat = words.flatMap((w) => w.split(' '));
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const w = flat[i];
    const next = flat[i + 1];
    if (ELIDE[w] && next && VOWEL.test(next)) {
      out += `${out && !out.endsWith("'") ? ' ' : ''}${ELIDE[w]}'`;
      continue;
    }
    // No glue after punctuation: the Punctuation pre-tokenizer keeps a run like "»," together.
    const glue = !out || out.endsWith("'") || (/^[,.]$/.test(w) && /[\p{L}\p{N}]$/u.test(out)) ? '' : ' ';
    out += glue + (FIX_BEFORE_VOWEL[w] && next && VOWEL.test(next) ? FIX_BEFORE_VOWEL[w] : w);
  }
  return out;
}

const countWords = (words: string[]) =>
  render(words)
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** A sentence of [min, max] words; headings get no final period. */
function sentence(r: Rng, min: number, max: number, heading: boolean): string {
  const target = randInt(r, min, max);
  let words = heading ? (r() < 0.4 ? [...nounPhrase(r).words, ':'] : []) : clause(r);
  if (heading) words.push(...nounPhrase(r).words);
  for (let tries = 0; countWords(words) < target && tries < 50; tries++) {
    const next = [...words, ...chunk(r)];
    if (countWords(next) <= max) words = next;
  }
  while (countWords(words) > max) words.pop();
  while (countWords(words) < min) words.push(pick(r, ADVERBS));
  while (/^[,:«]$/.test(words[words.length - 1])) words.pop();
  if (words.filter((w) => w === '«').length > words.filter((w) => w === '»').length) words.push('»');
  const text = cap(render(words));
  return heading ? text : /[\p{L}\p{N}]$/u.test(text) ? `${text}.` : `${text} .`;
}

/** One sentence of a given kind: 'heading' 4–8 words, 'normal' 15–30, 'long' 40–60. */
export function benchSentence(r: Rng, kind: 'heading' | 'normal' | 'long'): string {
  if (kind === 'heading') return sentence(r, 4, 8, true);
  return kind === 'normal' ? sentence(r, 15, 30, false) : sentence(r, 40, 60, false);
}

/** `n` segments: ~75 % sentences of 15–30 words, ~12 % headings of 4–8, ~13 % of 40–60. */
export function benchSegments(n = 200, seed = 1): string[] {
  const r = mulberry32(hashString(seed, 'segments'));
  return Array.from({ length: n }, () => {
    const k = r();
    return benchSentence(r, k < 0.12 ? 'heading' : k < 0.87 ? 'normal' : 'long');
  });
}

/** Article texts: a title, then 3–6 paragraphs of 2–5 sentences, blank-line separated. */
export function benchArticles(count: number, seed = 1): string[] {
  const r = mulberry32(hashString(seed, 'articles'));
  return Array.from({ length: count }, () => {
    const blocks = [benchSentence(r, 'heading')];
    const paragraphs = randInt(r, 3, 6);
    for (let p = 0; p < paragraphs; p++) {
      if (p > 0 && r() < 0.2) blocks.push(benchSentence(r, 'heading')); // intertitle
      const n = randInt(r, 2, 5);
      blocks.push(Array.from({ length: n }, () => benchSentence(r, r() < 0.85 ? 'normal' : 'long')).join(' '));
    }
    return blocks.join('\n\n');
  });
}
