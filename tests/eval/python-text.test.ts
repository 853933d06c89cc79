// The Python behaviours sacreBLEU's numbers rest on; each expected value is what Python 3.11 gives.
import { describe, expect, it } from 'vitest';
import { formatFixed, pySplit, readLinesAsSacrebleu } from '../../src/eval/python-text.ts';

describe('formatFixed is f"{x:.Nf}"', () => {
  it.each([
    [0.25, 1, '0.2'], // an exact tie goes to the even digit; toFixed gives 0.3
    [0.75, 1, '0.8'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [12.25, 1, '12.2'],
    [0.35, 1, '0.3'], // 0.35 is stored as 0.34999…: no tie
    [1.0005, 3, '1.000'],
    [48.530827, 2, '48.53'],
    [100, 1, '100.0'],
  ])('%d to %d decimals: %s', (x, digits, text) => {
    expect(formatFixed(x, digits)).toBe(text);
  });
});

it('pySplit splits where str.split() does: U+001C and U+0085 are whitespace, U+FEFF is not', () => {
  expect(pySplit(' a\u2000b\u001cc\ufeffd\u0085e')).toEqual(['a', 'b', 'c\ufeffd', 'e']);
});

describe('readLinesAsSacrebleu', () => {
  it.each([
    ['a\r\nb \n\n', ['a', 'b', '']],
    ['', []],
    ['x', ['x']],
    ['\ufeffbom\u3000\n', ['\ufeffbom']],
  ])('%j', (text, lines) => {
    expect(readLinesAsSacrebleu(text)).toEqual(lines);
  });
});
