// Simplified (Mainland) → Traditional (Taiwan) Chinese with OpenCC, as opencc-js's
// { from: 'cn', to: 'tw' } (OpenCC's s2tw): characters are converted, with OpenCC's
// phrase-level segmentation to pick among one-to-many mappings (发 → 發/髮), plus
// the Taiwan variant forms (里 → 裡). Not 'twp' (s2twp): that also swaps vocabulary
// (软件 → 軟體, 信息 → 資訊, 出租车 → 計程車), i.e. it re-translates, which a derived
// edition must not do: it has to say exactly what the reviewed zh edition says.
//
// 'opencc-js/cn2t' is the package's export that carries only the cn → t/tw/hk
// dictionaries (package.json "exports"); the full entry would load t → cn too.
// Its 1 MB of dictionary source is loaded on first use, not at start (`audarma validate`
// imports this file through the config checks): required, since toTraditional is
// synchronous; the package's "require" build is the same code as its ESM one.
import { createRequire } from 'node:module';

type OpenCC = typeof import('opencc-js/cn2t');

let convert: ((text: string) => string) | undefined;

/** Simplified Chinese text in Taiwan Traditional characters; non-Han text passes unchanged. */
export function toTraditional(text: string): string {
  // Built on first use: building the dictionary tries takes ~150 ms, which runs
  // that never derive a zh-Hant edition should not pay.
  const run = (convert ??= (createRequire(import.meta.url)('opencc-js/cn2t') as OpenCC).Converter({ from: 'cn', to: 'tw' }));
  return run(text);
}
