// Constants the CLI names in its help text. They live apart from the metrics so that `--help`
// reads them without loading the scoring code.

/** How far (chrF points) a target's pipeline may fall below its raw models before eval flags it. */
export const DEFAULT_MARGIN = 1.0;

/** The metrics `audarma score` computes. */
export const METRICS = ['chrf', 'chrf++', 'bleu'] as const;
export type MetricName = (typeof METRICS)[number];

/** sacreBLEU's BLEU tokenizers, in the order help lists them; tokenizers.ts implements each one. */
export const TOKENIZER_NAMES = ['13a', 'zh', 'intl', 'char', 'none'] as const;
export type TokenizerName = (typeof TOKENIZER_NAMES)[number];
