import type { Config } from '../config/schema.ts';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';

/** A language as LibreTranslate's `GET /languages` lists it. */
export interface ApiLanguage {
  code: string;
  name: string;
  /** Codes it can be translated into. */
  targets: string[];
}

// Codes LibreTranslate clients send for Chinese (libretranslate/language.py), matched lower-case.
const ALIASES: Record<string, string> = { 'zh-hans': 'zh', zt: 'zh-Hant' };
const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** Reads the config as LibreTranslate's language list and checks the codes a request names. */
export class Languages {
  readonly list: ApiLanguage[];
  private readonly byCode = new Map<string, ApiLanguage>();

  constructor(config: Config) {
    const name = (code: string) => config.targets[code]?.name ?? englishNames.of(code) ?? code;
    const targets = Object.keys(config.targets);
    // The source first, with every edition of the config (derived ones such as kk-Latn too); the
    // targets are listed as languages a client may ask for, but none is translated from.
    this.list = [
      { code: config.source, name: name(config.source), targets },
      ...targets.filter((t) => t !== config.source).map((code) => ({ code, name: name(code), targets: [] })),
    ];
    for (const lang of this.list) this.byCode.set(lang.code.toLowerCase(), lang);
    for (const [alias, code] of Object.entries(ALIASES)) {
      const lang = this.byCode.get(code.toLowerCase());
      if (lang && !this.byCode.has(alias)) this.byCode.set(alias, lang);
    }
  }

  /** The language a code names, ignoring case (`kk-latn`, `ZH`), or undefined. */
  find(code: string): ApiLanguage | undefined {
    return this.byCode.get(code.toLowerCase());
  }

  /** The languages two codes name, or the 400 LibreTranslate gives for an unknown one. */
  resolve(source: string, target: string): { from: ApiLanguage; to: ApiLanguage } {
    const from = this.find(source);
    if (!from) throw new ApiError(400, apiMessages.notSupported(source));
    const to = this.find(target);
    if (!to) throw new ApiError(400, apiMessages.notSupported(target));
    return { from, to };
  }

  /** The config's target code when `from` translates into `to`, or the 400 LibreTranslate gives. */
  pair(from: ApiLanguage, to: ApiLanguage): string {
    if (!from.targets.includes(to.code)) throw new ApiError(400, apiMessages.pairUnavailable(to, from));
    return to.code;
  }

  get source(): ApiLanguage {
    return this.list[0];
  }
}
