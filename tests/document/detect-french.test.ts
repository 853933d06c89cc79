import { describe, expect, it } from 'vitest';
import { detectFrench } from '../../src/document/detect-french.ts';

describe('detectFrench', () => {
  it.each([
    ['Le président a visité la Chine.', { french: true, confidence: 100 }],
    ["L'économie de la région, aujourd’hui.", { french: true, confidence: 100 }],
    ['Bonjour', { french: true, confidence: 100 }],
    ['The president visited China.', { french: false, confidence: 0 }],
    ['La casa es grande y los perros son pequeños.', { french: false, confidence: 0 }],
    ['Der Präsident ist nicht in der Stadt.', { french: false, confidence: 0 }],
    ['Президент посетил Китай.', { french: false, confidence: 0 }],
    ['总统访问中国。', { french: false, confidence: 0 }],
    ['Astana 2024', { french: false, confidence: 0 }],
  ])('%s', (text, expected) => {
    expect(detectFrench([text])).toEqual(expected);
  });

  it('reads a list of texts together: names alone are carried by the French around them', () => {
    expect(detectFrench(['Le président a visité la Chine.', 'Astana'])).toEqual({ french: true, confidence: 100 });
    // le against the, of, the.
    expect(detectFrench(['Le sommet', 'The summit of the year'])).toEqual({ french: false, confidence: 25 });
  });
});
