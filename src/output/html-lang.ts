/**
 * Language tags as HTML wants them. Our config says `zh` for the Simplified edition (the models'
 * own name for it), but a browser picks Han glyph shapes and fonts from `lang`, and a bare `zh`
 * leaves that to chance; `zh-Hans` pins Simplified. Every other tag is already a proper BCP 47 tag.
 */
export function htmlLang(tag: string): string {
  return tag === 'zh' ? 'zh-Hans' : tag;
}

/** English names for the column headers; tags without a name fall back to the tag itself. */
const NAMES: Record<string, string> = {
  fr: 'French',
  en: 'English',
  kk: 'Kazakh',
  'kk-Latn': 'Kazakh (Latin)',
  ru: 'Russian',
  zh: 'Chinese (Simplified)',
  'zh-Hant': 'Chinese (Traditional)',
};

export function languageName(tag: string): string {
  if (NAMES[tag]) return NAMES[tag];
  // Intl knows most other tags; a fixed table above keeps the usual ones independent of ICU data.
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    if (name && name !== tag) return name;
  } catch {
    // Not a well-formed tag for Intl: show it as it is.
  }
  return tag;
}
