import { describe, expect, it } from 'vitest';
import { toTraditional } from '../../src/derive/zh-hant.ts';

describe('toTraditional', () => {
  it.each([
    ['总统访问中国', '總統訪問中國'],
    ['议会代表团', '議會代表團'],
    ['发展', '發展'],
    // one simplified character, two traditional ones: OpenCC picks by phrase
    ['头发', '頭髮'],
    ['干部', '幹部'],
    // Taiwan variant form
    ['里面', '裡面'],
    ['马克龙在巴黎说：“欧洲必须团结。”', '馬克龍在巴黎說：“歐洲必須團結。”'],
  ])('%s → %s', (simplified, traditional) => {
    expect(toTraditional(simplified)).toBe(traditional);
  });

  it('keeps vocabulary: characters only, not s2twp phrases', () => {
    expect(toTraditional('软件和网络信息')).toBe('軟件和網絡信息');
  });

  it('passes non-Han text unchanged', () => {
    const text = 'Emmanuel Macron, 2025 — « Қазақстан » ёлка ✓ ½';
    expect(toTraditional(text)).toBe(text);
  });

  it('leaves text already Traditional alone', () => {
    expect(toTraditional('總統訪問中國')).toBe('總統訪問中國');
  });
});
