/**
 * French-aware sentence splitting for one paragraph.
 *
 * Why not `Intl.Segmenter('fr', { granularity: 'sentence' })` alone? Measured
 * on Node 20 (ICU 78.2), it follows the language-neutral Unicode rules (UAX #29):
 *  - "M. Dupont est arrivé hier. Il repart demain." → "M. " | "Dupont est
 *    arrivé hier. " | "Il repart demain." (a title before a name splits);
 *  - "« Bonjour ! » dit-il en entrant." → "« Bonjour ! " | "» dit-il en
 *    entrant." (a French space before the closing guillemet severs it and its
 *    incise from the quote);
 *  - "Le P.-D.G. a parlé aux salariés." stays whole (a lower-case word follows),
 *    but "Le P.-D.G. Jean Martin a parlé." → "Le P.-D.G. " | "Jean Martin a
 *    parlé." – and "J. R. R. Tolkien" becomes four sentences.
 * tests/document/segment-fr.test.ts pins that behaviour down.
 *
 * How it works: the paragraph is cut only at (ordinary) spaces, so nothing
 * between two words can be lost; for each space we decide from the text on
 * its left (the sentence so far) and on its right whether a sentence ends
 * there. Documented choices:
 *  - `.` `!` `?` end a sentence before a capital letter or a digit, possibly
 *    behind opening quotes, parentheses or a dialogue dash; a lower-case word
 *    after them continues the sentence (incises: "« Vraiment ? » demanda-t-elle.").
 *  - Closing quotes and parentheses stay with the sentence they close; a space
 *    before `!`, `?`, `:`, `;`, `»` (French typography) never separates them.
 *  - An ellipsis (`...`, `…`) ends a sentence only before a capital letter;
 *    "(...)" / "[…]" marks a cut in a quotation and never does.
 *  - Titles (M., Dr, Mme…) and reference abbreviations (cf., art., p. ex.,
 *    av. J.-C.…) never end a sentence; "etc.", "J.-C.", months, "Cie", "Jr"
 *    do, before a capital letter. See abbreviations-fr.ts.
 *  - A single initial ("J.", "J.-M.") never ends a sentence, so "le plan B.
 *    Le…" is not split: initials of names are far more common in news.
 *  - A dotted acronym ("l'O.N.U.", "P.-D.G.", "U.S.A.") ends a sentence only
 *    before a word that typically opens one (Le, Il, Mais…), not before a
 *    proper noun ("le P.-D.G. Jean Martin").
 *  - "1." opening a sentence is an enumeration, not a sentence.
 *  - Sentences inside guillemets are split like any other (a long quotation
 *    can fill a whole paragraph, which must still be cut for the models);
 *    only the closing guillemet and its incise stay attached.
 *  - Numbers, times, URLs and e-mail addresses contain no space, so they are
 *    never cut ("3.5", "14.30", "1.000.000", "www.exemple.fr").
 */
import { MAY_END_ABBREVIATIONS, NON_FINAL_ABBREVIATIONS, SENTENCE_STARTERS, TITLE_ABBREVIATIONS } from './abbreviations-fr.ts';

/** Runs made only of no-break spaces are typography ("«\u00A0Oui\u00A0»") and are kept. */
const NO_BREAK_RUN = /^[\u00A0\u202F\u2007]+$/;

/**
 * The paragraph as segmentFrench sees it: trimmed, and every whitespace run
 * collapsed to one space – except runs made only of no-break spaces (U+00A0,
 * U+202F, U+2007), which are kept as they are. The sentences joined with
 * single spaces always give back exactly this string.
 */
export function normalizeWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, (run) => (NO_BREAK_RUN.test(run) ? run : ' '));
}

/** Characters that belong to the word before them even after a space. */
const STICKS_LEFT = /^[»”)\],;:!?.…%]/;
/** Closing quotes and brackets (and spaces) trailing a sentence end. */
const TRAILING_CLOSERS = /[\s»”")\]]+$/;
/** What may come before the first letter of a new sentence. */
const LEADING_OPENERS = /^[\s«“‘"(\[—–-]+/;
const ONLY_OPENERS = /^[«“‘(\[]+$/;
const QUOTATION_CUT = /^[([](?:\.\.\.|…)[)\]]$/;
const ELLIPSIS_END = /(?:\.\.\.|…)$/;
/** "J." or "J.-M.": initials of a name. */
const INITIAL = /^\p{Lu}\.(?:-\p{Lu}\.)?$/u;
/** "O.N.U.", "U.S.A.", "P.-D.G.", "S.N.C.F.". */
const ACRONYM = /^\p{Lu}{1,2}\.(?:-?\p{Lu}{1,2}\.)+$/u;

/**
 * Splits one paragraph (no line breaks) into sentences: each trimmed, none
 * empty, and `result.join(' ') === normalizeWhitespace(text)`.
 */
export function segmentFrench(text: string): string[] {
  const paragraph = normalizeWhitespace(text);
  if (paragraph === '') return [];
  const sentences: string[] = [];
  let start = 0;
  let straightQuotes = 0; // '"' seen before the current space
  let counted = 0;
  for (let gap = paragraph.indexOf(' '); gap !== -1; gap = paragraph.indexOf(' ', gap + 1)) {
    for (; counted < gap; counted++) if (paragraph[counted] === '"') straightQuotes++;
    if (endsSentence(paragraph, start, gap, straightQuotes % 2 === 1)) {
      sentences.push(paragraph.slice(start, gap));
      start = gap + 1;
    }
  }
  sentences.push(paragraph.slice(start));
  return sentences;
}

/**
 * How much text on each side of a space is looked at: enough for any word
 * and its quotes, and it keeps long paragraphs linear.
 */
const WINDOW = 200;

/**
 * Does the sentence begun at `start` end at the space at index `gap`?
 * `insideStraightQuote`: straight double quotes open and close alike, so an
 * odd number of them before the space means one is open.
 */
function endsSentence(text: string, start: number, gap: number, insideStraightQuote: boolean): boolean {
  const from = Math.max(start, gap - WINDOW);
  const left = text.slice(from, gap);
  const right = text.slice(gap + 1, gap + 1 + WINDOW);

  if (right.startsWith('"') ? insideStraightQuote : STICKS_LEFT.test(right)) return false;

  const lastToken = left.slice(left.lastIndexOf(' ') + 1);
  if (ONLY_OPENERS.test(lastToken)) return false;
  if (lastToken === '"' && insideStraightQuote) return false; // it has just opened
  if (QUOTATION_CUT.test(lastToken)) return false;

  const core = left.replace(TRAILING_CLOSERS, '');
  if (core === '') return false;
  const next = right.replace(LEADING_OPENERS, '');

  if (ELLIPSIS_END.test(core)) return startsWithCapital(next);
  const last = core[core.length - 1];
  if (last === '!' || last === '?') return startsWithCapital(next) || startsWithDigit(next);
  if (last === '.') return periodEndsSentence(core, next, from === start);
  return false;
}

/**
 * Decides for a sentence-so-far `core` ending with a single dot; `whole`
 * tells whether `core` starts where the sentence starts.
 */
function periodEndsSentence(core: string, next: string, whole: boolean): boolean {
  // The last word, split on any space (no-break ones too), without the
  // quotes or brackets before it nor an elision ("l'O.N.U." → "O.N.U.").
  const chunk = core.slice(core.search(/\S+$/));
  const word = chunk.replace(/^[«“‘"(\[»”]+/, '').replace(/^.*['’]/, '');
  const body = word.slice(0, -1);

  if (/^\d+$/.test(body) && whole && chunk === core) return false; // "1. Le …" enumerates
  switch (abbreviationKind(body)) {
    case 'never':
      return false;
    case 'may-end':
      return startsWithCapital(next);
    default:
      break;
  }
  if (INITIAL.test(word)) return false;
  if (ACRONYM.test(word)) return startsWithSentenceStarter(next);
  return startsWithCapital(next) || startsWithDigit(next);
}

type AbbreviationKind = 'never' | 'may-end' | undefined;

function abbreviationKind(body: string): AbbreviationKind {
  if (body === '') return undefined;
  if (TITLE_ABBREVIATIONS.has(body)) return 'never';
  // "Cf." or "Art." opening a sentence are the same abbreviations.
  const lowered = body[0].toLowerCase() + body.slice(1);
  if (NON_FINAL_ABBREVIATIONS.has(body) || NON_FINAL_ABBREVIATIONS.has(lowered)) return 'never';
  if (MAY_END_ABBREVIATIONS.has(body) || MAY_END_ABBREVIATIONS.has(lowered)) return 'may-end';
  return undefined;
}

function startsWithCapital(s: string): boolean {
  return /^\p{Lu}/u.test(s);
}

function startsWithDigit(s: string): boolean {
  return /^\p{Nd}/u.test(s);
}

function startsWithSentenceStarter(s: string): boolean {
  const match = /^(\p{L}+)(['’])?/u.exec(s);
  if (!match) return false;
  return SENTENCE_STARTERS.has(match[2] ? `${match[1]}'` : match[1]);
}
