import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from '../../src/document/decode.ts';
import { DocumentError } from '../../src/document/errors.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Runs `fn` and returns the DocumentError it throws. */
function errorOf(fn: () => unknown): DocumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return error as DocumentError;
  }
  throw new Error('expected a DocumentError');
}

describe('decodeText', () => {
  it('decodes UTF-8 and strips a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Élection à Nîmes : « œuvre »')]);
    expect(decodeText(bytes, 'a.txt')).toBe('Élection à Nîmes : « œuvre »');
    expect(decodeText(utf8('Déjà vu'), 'a.txt')).toBe('Déjà vu');
  });

  it('turns CRLF and CR line ends into LF', () => {
    expect(decodeText(utf8('Titre\r\n\r\nUn été.\rFin.\r\n'), 'a.txt')).toBe('Titre\n\nUn été.\nFin.\n');
  });

  it('decodes Windows-1252 / Latin-1 French text without mojibake', () => {
    const latin1 = Buffer.from("Élève à l'école, côté Noël", 'latin1');
    expect(decodeText(latin1, 'vieux.txt')).toBe("Élève à l'école, côté Noël");
  });

  it('maps the Windows-1252 range 0x80–0x9F (’ “ ” œ € …) to the right characters', () => {
    // "L’œuvre coûte 5 € … « oui »" as Windows-1252 bytes.
    const bytes = new Uint8Array([
      0x4c, 0x92, 0x9c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x63, 0x6f, 0xfb, 0x74, 0x65, 0x20, 0x35, 0x20, 0x80, 0x20, 0x85, 0x20, 0x93, 0x6f, 0x75, 0x69, 0x94,
    ]);
    expect(decodeText(bytes, 'a.txt')).toBe('L’œuvre coûte 5 € … “oui”');
    expect(decodeWindows1252(new Uint8Array([0x8c, 0x9f, 0x96, 0x97]))).toBe('ŒŸ–—');
  });

  it('produces NFC text so decomposed accents equal precomposed ones', () => {
    expect(decodeText(utf8('e\u0301te\u0301'), 'a.txt')).toBe('été');
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Noël à Paris', 'utf16le')]);
    expect(decodeText(le, 'a.txt')).toBe('Noël à Paris');
  });

  it('rejects binary files, naming them', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    const error = errorOf(() => decodeText(png, 'article.bin'));
    expect(error.message).toBe('article.bin: binary file, expected UTF-8 or Windows-1252 text');
    expect(error).toMatchObject({ file: 'article.bin', code: 'binary' });
    // No NUL, but mostly control bytes.
    const controls = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7)));
    expect(errorOf(() => decodeText(controls, 'x.txt')).code).toBe('binary');
  });

  it('rejects empty and whitespace-only files, naming them', () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), utf8(' \n\t\r\n \u00a0')]) {
      const error = errorOf(() => decodeText(bytes, 'vide.txt'));
      expect(error.message).toBe('vide.txt: empty file');
      expect(error.code).toBe('empty');
    }
  });

  it('refuses mostly-UTF-8 text with stray bytes instead of garbling its accents', () => {
    const bytes = new Uint8Array([...utf8('Un été très chaud à Nîmes'), 0xe9, ...utf8(' fin')]);
    const error = errorOf(() => decodeText(bytes, 'mixte.txt'));
    expect(error.code).toBe('encoding');
    expect(error.message).toMatch(/^mixte\.txt: invalid UTF-8 at byte 30/);
  });

  it('refuses bytes undefined in Windows-1252 (another code page, e.g. Mac Roman)', () => {
    // "français" in Mac Roman: ç is 0x8D.
    const bytes = new Uint8Array([0x66, 0x72, 0x61, 0x6e, 0x8d, 0x61, 0x69, 0x73]);
    expect(errorOf(() => decodeText(bytes, 'mac.txt')).code).toBe('encoding');
  });
});
