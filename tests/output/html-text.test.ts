import { describe, expect, it } from 'vitest';
import { containsTerm } from '../../src/glossary/match.ts';
import { cssToken, escapeHtml, jsonForScript } from '../../src/output/html-escape.ts';
import { htmlLang, languageName } from '../../src/output/html-lang.ts';
import { markTerms, renderBlockText, termMatcher } from '../../src/output/html-text.ts';
import { all, hasClass, parseHtml, text } from './dom.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&amp;`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;amp;');
    expect(escapeHtml('Астана 阿斯塔纳 ә ғ қ')).toBe('Астана 阿斯塔纳 ә ғ қ');
  });
});

describe('jsonForScript', () => {
  it('leaves no < or > that could end the script element, and parses back exactly', () => {
    const value = { t: '</script><script>alert(1)</script><!-- & \u2028\u2029 <\/SCRIPT >' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('cssToken', () => {
  it('keeps letters, digits and hyphens only', () => {
    expect(cssToken('kk-Latn')).toBe('kk-Latn');
    expect(cssToken('x" onclick="y')).toBe('x--onclick--y');
  });
});

describe('htmlLang', () => {
  it('says zh-Hans for zh and leaves the other tags alone', () => {
    expect(['fr', 'en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant'].map(htmlLang)).toEqual(['fr', 'en', 'kk', 'kk-Latn', 'ru', 'zh-Hans', 'zh-Hant']);
    expect(languageName('kk-Latn')).toBe('Kazakh (Latin)');
    expect(languageName('de')).toBe('German');
    expect(languageName('not a tag!')).toBe('not a tag!');
  });
});

describe('glossary terms', () => {
  const marked = (s: string, terms: string[], lang?: string) => markTerms(s, termMatcher(terms, lang));

  it('marks every occurrence, the first letter in either case, the longest term first', () => {
    expect(marked('Astana Times, astana, in Astana.', ['Astana', 'Astana Times'])).toBe(
      '<mark class="term">Astana Times</mark>, <mark class="term">astana</mark>, in <mark class="term">Astana</mark>.',
    );
  });

  it('needs whole words, allows case endings after Cyrillic names and in Kazakh; matches Han anywhere', () => {
    expect(marked('Peru, Ru', ['Ru'], 'en')).toBe('Peru, <mark class="term">Ru</mark>');
    expect(marked('Astanas', ['Astana'], 'en')).toBe('Astanas');
    expect(marked('Астанада өтті', ['Астана'], 'kk')).toBe('<mark class="term">Астана</mark>да өтті');
    expect(marked('Astanada', ['Astana'], 'kk-Latn')).toBe('<mark class="term">Astana</mark>da');
    expect(marked('五国元首在阿斯塔纳会晤', ['阿斯塔纳'], 'zh')).toBe('五国元首在<mark class="term">阿斯塔纳</mark>会晤');
  });

  it('marks exactly what the glossary check finds', () => {
    const cases: Array<[string, string, string]> = [
      ['ASTANA', 'Astana', 'en'],
      ['astana', 'Astana', 'en'],
      ['l’Assemblée nationale', 'Assemblée nationale', 'fr'],
      ['aujourd’hui', 'hui', 'fr'],
      ['Zhao Lejiang', 'Zhao Leji', 'en'],
      ['由Zhao Leji率领', 'Zhao Leji', 'zh'],
      ['Қошановтың', 'Қошанов', 'kk'],
      ['Koshanov’s visit', 'Koshanov', 'en'],
    ];
    for (const [text, term, lang] of cases) {
      expect(marked(text, [term], lang).includes('<mark'), `${term} in ${text}`).toBe(containsTerm(text, term, lang));
    }
  });

  it('treats terms as text, not patterns or markup', () => {
    expect(marked('C++ and (UN) and a.b', ['C++', '(UN)', 'a.b'])).toBe(
      '<mark class="term">C++</mark> and <mark class="term">(UN)</mark> and <mark class="term">a.b</mark>',
    );
    expect(marked('x <b> y', ['<b>'])).toBe('x <mark class="term">&lt;b&gt;</mark> y');
    expect(marked('<i>', [])).toBe('&lt;i&gt;');
    expect(termMatcher(['', '  '])).toBeUndefined();
  });
});

describe('renderBlockText', () => {
  const flag = { kind: 'length', reason: 'too "short" <b>' };

  it('marks the flagged segment in place, whatever joined the segments', () => {
    const html = renderBlockText('甲乙。丙丁。', [{ text: '甲乙。' }, { text: '丙丁。', flags: [flag] }], undefined);
    const doc = parseHtml(html);
    const [div] = all(doc, (e) => hasClass(e, 'text'));
    expect(text(div)).toBe('甲乙。丙丁。');
    const [mark] = all(doc, (e) => hasClass(e, 'flag'));
    expect(text(mark)).toBe('丙丁。');
    expect(mark.attrs).toContainEqual({ name: 'title', value: 'length: too "short" <b>' });
    expect(mark.attrs).toContainEqual({ name: 'class', value: 'flag flag-length' });
    expect(text(all(doc, (e) => hasClass(e, 'flag-notes'))[0])).toBe('length too "short" <b>');
  });

  it('finds a repeated sentence at its own place, not at the first match', () => {
    const html = renderBlockText('Oui. Oui.', [{ text: 'Oui.' }, { text: 'Oui.', flags: [flag] }], undefined);
    expect(html).toContain('Oui. <mark');
  });

  it('keeps the flag when the segment is not found in the text, quoting it', () => {
    const html = renderBlockText('Rewritten text.', [{ text: 'Original text.', flags: [flag] }], undefined);
    const doc = parseHtml(html);
    expect(text(all(doc, (e) => hasClass(e, 'text'))[0])).toBe('Rewritten text.');
    expect(text(all(doc, (e) => hasClass(e, 'flag-notes'))[0])).toContain('Original text.');
  });
});

describe('editors’ corrections on the page', () => {
  it('wraps a correction from the translation memory in a mark of its own, flagged or not, the block text unchanged', () => {
    const html = renderBlockText(
      'He signed. Prices rose.',
      [
        { text: 'He signed.', origin: 'memory', approved: true },
        { text: 'Prices rose.', origin: 'memory', flags: [{ kind: 'length', reason: 'too short' }] },
      ],
      undefined,
    );
    const doc = parseHtml(html);
    const marks = all(doc, (el) => hasClass(el, 'memory'));
    expect(marks.map((m) => [text(m), hasClass(m, 'approved'), m.attrs.find((a) => a.name === 'title')?.value])).toEqual([
      ['He signed.', true, "Editor's correction, approved (translation memory)"],
      ['Prices rose.', false, "Editor's correction (translation memory)"],
    ]);
    // The flag mark sits inside the correction's, and the text a reader copies is the block's.
    expect(all(marks[1], (el) => hasClass(el, 'flag')).map(text)).toEqual(['Prices rose.']);
    expect(text(all(doc, (el) => hasClass(el, 'text'))[0])).toBe('He signed. Prices rose.');
  });

  it('marks nothing when no segment is a correction', () => {
    expect(renderBlockText('He signed.', [{ text: 'He signed.' }], undefined)).toBe('<div class="text">He signed.</div>');
  });
});
