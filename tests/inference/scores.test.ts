import { describe, expect, it } from 'vitest';
import { derivation } from '../../src/derive/index.ts';
import { confidenceOf, joinSpans, lowWordSpans, relocateSpans, type Span } from '../../src/inference/scores.ts';
import { tokenEnds } from '../../src/inference/text-codec.ts';

const low = Math.log(0.2);
const sure = Math.log(0.99);
const words = (text: string, spans: Span[]) => spans.map(([s, e]) => text.slice(s, e));

describe('segment confidence', () => {
  it('is the geometric mean of the token probabilities, none without scores', () => {
    expect(confidenceOf([Math.log(0.5), Math.log(0.5)])).toBeCloseTo(0.5, 12);
    expect(confidenceOf([Math.log(0.25), 0])).toBeCloseTo(0.5, 12);
    expect(confidenceOf([])).toBeUndefined();
  });
});

describe('words below probability 0.5', () => {
  // SentencePiece-like pieces: "▁The ▁deleg ation ▁, ▁said" decode to these prefixes.
  const pieces = ['The', ' deleg', 'ation', ',', ' said'];
  const decode = (ids: number[]) => ids.map((i) => pieces[i]).join('');
  const text = 'The delegation, said';
  const ends = tokenEnds(text, [0, 1, 2, 3, 4], decode);

  it('finds where each token ends by decoding prefixes', () => {
    expect(ends).toEqual([3, 9, 14, 15, 20]);
  });

  it('widens a doubted piece to its whole word, without the punctuation or space around it', () => {
    expect(words(text, lowWordSpans(text, ends, [sure, sure, low, sure, sure]))).toEqual(['delegation']);
    expect(words(text, lowWordSpans(text, ends, [sure, low, low, low, sure]))).toEqual(['delegation,']);
    expect(lowWordSpans(text, ends, [sure, sure, sure, sure, sure])).toEqual([]);
  });

  it('marks a Chinese token alone, as Chinese has no spaces to find words by', () => {
    const zh = '代表团访问首都';
    expect(words(zh, lowWordSpans(zh, [3, 5, 7], [sure, low, sure]))).toEqual(['访问']);
  });
});

describe('marked words after audarma rewrites the text', () => {
  it('follow a glossary spelling put in place of a placeholder, and a placeholder loses its mark', () => {
    const before = 'GLS1 met the delegation';
    const after = 'Yerlan Koshanov met the delegation';
    expect(
      words(
        after,
        relocateSpans(
          [
            [0, 4],
            [13, 23],
          ],
          before,
          after,
        ),
      ),
    ).toEqual(['delegation']);
  });

  it('follow a derived spelling: Kazakh in Latin letters, Chinese in traditional characters', () => {
    const kk = 'Делегация астанаға барды';
    const kkLatn = derivation('kk-latn-2021');
    expect(words(kkLatn(kk), relocateSpans([[10, 18]], kk, kkLatn(kk), kkLatn))).toEqual(['astanağa']);
    const zh = '代表团访问首都';
    const hant = derivation('opencc-cn-tw');
    expect(words(hant(zh), relocateSpans([[0, 3]], zh, hant(zh), hant))).toEqual(['代表團']);
  });

  it('move with their piece when the pieces of a long text are joined', () => {
    expect(
      joinSpans(
        [
          { text: 'One two.', lowWords: [[4, 7]] },
          { text: 'Three.', lowWords: [[0, 5]] },
        ],
        ' ',
      ),
    ).toEqual([
      [4, 7],
      [9, 14],
    ]);
  });
});
