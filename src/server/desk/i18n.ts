import { formatList } from '../../document/formats/registry.ts';

/** The desk's interface in English and French: Accept-Language picks one, the switch (a cookie) overrides it. */
export const UI_LANGS = ['en', 'fr'] as const;
export type UiLang = (typeof UI_LANGS)[number];

const en = {
  title: 'audarma desk',
  skip: 'Skip to the articles',
  switchTo: 'Français',
  switchLang: 'fr',
  switchLabel: 'Interface language',
  editorLabel: 'Your name (saved in this browser)',
  editorSave: 'Save name',
  keyTitle: 'API key',
  keyHelp: 'This server needs an API key. It is kept in this browser, so you enter it once.',
  keyLabel: 'API key',
  keySave: 'Use this key',
  keyWrong: 'This key is not valid.',
  upload: 'Add articles',
  uploadHelp: `Drop ${formatList()} files here, or pick them. Each runs through the pipeline, glossary, cache and translation memory.`,
  pick: 'Pick files',
  articles: 'Articles',
  none: 'No articles yet.',
  file: 'File',
  titleCol: 'Title',
  status: 'Status',
  actions: 'Actions',
  queued: 'waiting',
  running: 'running',
  done: 'done',
  failed: 'failed',
  step: 'step {i} of {n}: {kind}',
  open: 'Open',
  retranslate: 'Translate again',
  retranslateHelp: 'Runs the article again with the glossary as it is now.',
  back: '← All articles',
  downloads: 'Downloads',
  report: 'Run report (JSON)',
  source: 'source',
  block: 'Block',
  show: 'Show:',
  summaries: 'Summaries',
  noFlags: 'no flags',
  corrections: "{n} editor's correction",
  correctionsMany: "{n} editor's corrections",
  approvedEdition: 'Edition approved',
  approveEdition: 'Approve edition',
  editHint: 'Click a segment (or focus it and press Enter) to correct it. Enter or Ctrl+Enter saves, Escape cancels.',
  editSegment: 'Correct this segment',
  correction: 'Correction',
  approved: 'Approved',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  saved: 'Saved. The article is being updated.',
  needName: 'Enter your name first (top of the page).',
  fromMemory: 'from the translation memory',
  legend: "Segments with a pen come from the translation memory (an editor's correction); a solid underline means approved.",
  confidenceLegend:
    "The percentage after a segment is the model's confidence in it: the geometric mean of the probabilities it gave its tokens (amber below 80%, red below 50%). Words with a dotted red underline hold a token the model gave a probability below 0.5. It is the model's own certainty, not a check of meaning.",
  nextHint: 'N: next least confident segment.',
  confidenceFilter: 'Show rows',
  filterAll: 'all',
  filterBelow: 'with a segment below {pct}',
  confidenceOf: 'confidence {pct}',
  alternatives: 'Alternatives (Alt+number picks one):',
  noAlternatives: 'The model has no other candidate for this segment.',
  missing: 'This article is not on the desk.',
  notReady: 'This article has no editions yet.',
  error: 'Error: {e}',
  suggestions: 'Suggestions',
  suggestionsHelp: 'Corrections proposed through the API. None is used until an editor accepts it.',
  edition: 'Edition',
  suggested: 'Suggested',
  machine: 'Machine',
  proposer: 'From',
  accept: 'Accept',
  reject: 'Reject',
  accepted: 'Accepted: the translation memory uses it now.',
  rejected: 'Rejected.',
};
export type Messages = typeof en;

const fr: Messages = {
  title: 'Bureau audarma',
  skip: 'Aller aux articles',
  switchTo: 'English',
  switchLang: 'en',
  switchLabel: "Langue de l'interface",
  editorLabel: 'Votre nom (gardé dans ce navigateur)',
  editorSave: 'Enregistrer le nom',
  keyTitle: "Clé d'API",
  keyHelp: "Ce serveur demande une clé d'API. Elle est gardée dans ce navigateur : vous la saisissez une fois.",
  keyLabel: "Clé d'API",
  keySave: 'Utiliser cette clé',
  keyWrong: "Cette clé n'est pas valide.",
  upload: 'Ajouter des articles',
  uploadHelp: `Déposez ici des fichiers ${formatList('ou')}, ou choisissez-les. Chacun passe par le pipeline, le glossaire, le cache et la mémoire de traduction.`,
  pick: 'Choisir des fichiers',
  articles: 'Articles',
  none: "Pas encore d'article.",
  file: 'Fichier',
  titleCol: 'Titre',
  status: 'État',
  actions: 'Actions',
  queued: 'en attente',
  running: 'en cours',
  done: 'terminé',
  failed: 'échec',
  step: 'étape {i} sur {n} : {kind}',
  open: 'Ouvrir',
  retranslate: 'Retraduire',
  retranslateHelp: "Relance l'article avec le glossaire tel qu'il est maintenant.",
  back: '← Tous les articles',
  downloads: 'Téléchargements',
  report: "Rapport d'exécution (JSON)",
  source: 'source',
  block: 'Bloc',
  show: 'Afficher :',
  summaries: 'Résumés',
  noFlags: 'aucun signalement',
  corrections: '{n} correction de rédaction',
  correctionsMany: '{n} corrections de rédaction',
  approvedEdition: 'Édition validée',
  approveEdition: "Valider l'édition",
  editHint: 'Cliquez sur un segment (ou placez-vous dessus et appuyez sur Entrée) pour le corriger. Entrée ou Ctrl+Entrée enregistre, Échap annule.',
  editSegment: 'Corriger ce segment',
  correction: 'Correction',
  approved: 'Validé',
  save: 'Enregistrer',
  cancel: 'Annuler',
  saving: 'Enregistrement…',
  saved: "Enregistré. L'article est mis à jour.",
  needName: "Saisissez d'abord votre nom (en haut de la page).",
  fromMemory: 'de la mémoire de traduction',
  legend: "Les segments marqués d'un crayon viennent de la mémoire de traduction (correction de rédaction) ; souligné plein : validé.",
  confidenceLegend:
    "Le pourcentage après un segment est la confiance du modèle : la moyenne géométrique des probabilités qu'il a données à ses tokens (orange sous 80 %, rouge sous 50 %). Les mots soulignés en pointillé rouge contiennent un token de probabilité inférieure à 0,5. C'est la certitude du modèle, pas une vérification du sens.",
  nextHint: 'N : segment suivant le moins sûr.',
  confidenceFilter: 'Afficher les lignes',
  filterAll: 'toutes',
  filterBelow: 'avec un segment sous {pct}',
  confidenceOf: 'confiance {pct}',
  alternatives: 'Autres traductions (Alt+chiffre en choisit une) :',
  noAlternatives: "Le modèle n'a pas d'autre candidat pour ce segment.",
  missing: "Cet article n'est pas sur le bureau.",
  notReady: "Cet article n'a pas encore d'éditions.",
  error: 'Erreur : {e}',
  suggestions: 'Suggestions',
  suggestionsHelp: "Corrections proposées par l'API. Aucune n'est utilisée avant qu'un rédacteur l'accepte.",
  edition: 'Édition',
  suggested: 'Proposé',
  machine: 'Machine',
  proposer: 'De',
  accept: 'Accepter',
  reject: 'Refuser',
  accepted: 'Acceptée : la mémoire de traduction l\'utilise désormais.',
  rejected: 'Refusée.',
};

export const MESSAGES: Record<UiLang, Messages> = { en, fr };

/** `{name}` placeholders filled in; values are plain text (the caller escapes the result). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The interface language: the switch's cookie, else the first of Accept-Language we speak, else English. */
export function uiLang(cookie: string | undefined, acceptLanguage: string | undefined): UiLang {
  if (cookie === 'en' || cookie === 'fr') return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  return (wanted.find((w) => w.tag === 'en' || w.tag === 'fr')?.tag as UiLang | undefined) ?? 'en';
}
