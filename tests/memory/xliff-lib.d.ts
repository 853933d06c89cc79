// The `xliff` package (a maintained XLIFF library, used by the tests as a CAT tool's stand-in) ships no types.
declare module 'xliff/xliff12ToJs' {
  export default function xliff12ToJs(xml: string): Promise<XliffJs>;
}
declare module 'xliff/jsToXliff12' {
  export default function jsToXliff12(js: XliffJs): Promise<string>;
}
declare module 'xliff/xliff2js' {
  export default function xliff2js(xml: string): Promise<XliffJs>;
}
declare module 'xliff/js2xliff' {
  export default function js2xliff(js: XliffJs): Promise<string>;
}

/** The library's JavaScript form of a document: units by file and id. */
interface XliffJs {
  sourceLanguage: string;
  targetLanguage: string;
  resources: Record<string, Record<string, { source: string; target?: string; note?: string | string[]; additionalAttributes?: Record<string, string> }>>;
}
