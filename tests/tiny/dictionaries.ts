// The word tables of the tiny translators, as data. Tests may import them to build expected
// strings. Translation is word for word: one source token, one target token (a target "word" may
// contain a space, e.g. "of the"). DROP (the empty string) means the word is left out of that
// language (it becomes the special `<blank>` token, removed on decoding).

export const DROP = '';

/** Source languages of the tables, and their targets. */
export type FrenchTarget = 'en' | 'ru' | 'kk' | 'de';
export type EnglishTarget = 'zh' | 'ru' | 'kk';

/**
 * French news vocabulary: [french, english, russian, kazakh, chinese-of-the-english-word].
 * Written in their natural case; Capitalized forms are derived (Capitalized source gives a
 * Capitalized target). The English column, read the other way, is the English vocabulary of the
 * en→zh / en→kk / en→ru tables: the first row giving an English word decides its translations.
 */
export const FRENCH_WORDS: readonly (readonly [string, string, string, string, string])[] = [
  // articles, prepositions, conjunctions
  ['le', 'the', DROP, DROP, DROP],
  ['la', 'the', DROP, DROP, DROP],
  ['les', 'the', DROP, DROP, DROP],
  ["l'", 'the', DROP, DROP, DROP],
  ['un', 'a', DROP, DROP, DROP],
  ['une', 'a', DROP, DROP, DROP],
  ['de', 'of', DROP, DROP, DROP],
  ["d'", 'of', DROP, DROP, DROP],
  ['du', 'of the', DROP, DROP, DROP],
  ['des', 'of the', DROP, DROP, DROP],
  ['au', 'to the', 'в', DROP, DROP],
  ['aux', 'to the', DROP, DROP, DROP],
  ['à', 'to', 'в', DROP, DROP],
  ['en', 'in', 'в', DROP, '在'],
  ['dans', 'in', 'в', DROP, '在'],
  ['et', 'and', 'и', 'және', '和'],
  ['ou', 'or', 'или', 'немесе', '或'],
  ['avec', 'with', 'с', 'бірге', '与'],
  ['pour', 'for', 'для', 'үшін', '为'],
  ['sur', 'on', 'о', 'туралы', '关于'],
  ['par', 'by', DROP, 'арқылы', '由'],
  ['entre', 'between', 'между', 'арасында', '之间'],
  ['sans', 'without', 'без', 'жоқ', '没有'],
  ['contre', 'against', 'против', 'қарсы', '反对'],
  ['après', 'after', 'после', 'кейін', '之后'],
  ['avant', 'before', 'до', 'дейін', '之前'],
  ['depuis', 'since', 'с', 'бері', '自'],
  ['pendant', 'during', 'в течение', 'кезінде', '期间'],
  ['vers', 'towards', 'к', 'қарай', '向'],
  ['selon', 'according to', 'по словам', 'бойынша', DROP],
  ["jusqu'", 'until', 'до', 'дейін', '直到'],
  ["lorsqu'", 'when', 'когда', 'кезде', '当'],
  ["puisqu'", 'since', 'поскольку', 'себебі', '因为'],
  // pronouns and determiners
  ['il', 'he', 'он', 'ол', '他'],
  ['elle', 'she', 'она', 'ол', '她'],
  ['ils', 'they', 'они', 'олар', '他们'],
  ['nous', 'we', 'мы', 'біз', '我们'],
  ["j'", 'I', 'я', 'мен', '我'],
  ["m'", 'me', 'меня', 'мені', '我'],
  ["t'", 'you', 'тебя', 'сені', '你'],
  ["c'", 'it', 'это', 'бұл', '它'],
  ["s'", DROP, DROP, DROP, DROP],
  ['qui', 'who', 'который', DROP, DROP],
  ['que', 'that', 'что', DROP, DROP],
  ["qu'", 'that', 'что', DROP, DROP],
  ['ce', 'this', 'этот', 'бұл', '这'],
  ['cette', 'this', 'эта', 'бұл', '这'],
  ['ces', 'these', 'эти', 'бұл', '这些'],
  ['son', 'his', 'его', 'оның', '他的'],
  ['sa', 'his', 'его', 'оның', '他的'],
  ['ses', 'his', 'его', 'оның', '他的'],
  ['leur', 'their', 'их', 'олардың', '他们的'],
  ['leurs', 'their', 'их', 'олардың', '他们的'],
  ['notre', 'our', 'наш', 'біздің', '我们的'],
  // verbs
  ['a', 'has', DROP, DROP, DROP],
  ['ont', 'have', DROP, DROP, DROP],
  ['est', 'is', DROP, DROP, '是'],
  ['sont', 'are', DROP, DROP, '是'],
  ['été', 'been', DROP, DROP, DROP],
  ['était', 'was', 'был', 'болды', '是'],
  ['sera', 'will be', 'будет', 'болады', DROP],
  ['fait', 'made', 'сделал', 'жасады', '做'],
  ['dit', 'said', 'сказал', 'деді', '说'],
  ['annoncé', 'announced', 'объявил', 'жариялады', '宣布'],
  ['signé', 'signed', 'подписал', 'қол қойды', '签署'],
  ['visité', 'visited', 'посетил', 'барды', '访问'],
  ['rencontré', 'met', 'встретил', 'кездесті', '会见'],
  ['discuté', 'discussed', 'обсудил', 'талқылады', '讨论'],
  ['déclaré', 'stated', 'заявил', 'мәлімдеді', '表示'],
  ['ouvert', 'opened', 'открыл', 'ашты', '开幕'],
  ['lancé', 'launched', 'запустил', 'бастады', '启动'],
  ['présenté', 'presented', 'представил', 'таныстырды', '介绍'],
  ['renforcer', 'strengthen', 'укрепить', 'нығайту', '加强'],
  ['développer', 'develop', 'развивать', 'дамыту', '发展'],
  // nouns
  ['président', 'president', 'президент', 'президент', '总统'],
  ['délégation', 'delegation', 'делегация', 'делегация', '代表团'],
  ['parlement', 'parliament', 'парламент', 'парламент', '议会'],
  ['visite', 'visit', 'визит', 'сапар', '访问'],
  ['ministre', 'minister', 'министр', 'министр', '部长'],
  ['ministère', 'ministry', 'министерство', 'министрлік', '部'],
  ['gouvernement', 'government', 'правительство', 'үкімет', '政府'],
  ['accord', 'agreement', 'соглашение', 'келісім', '协议'],
  ['accords', 'agreements', 'соглашения', 'келісімдер', '协议'],
  ['coopération', 'cooperation', 'сотрудничество', 'ынтымақтастық', '合作'],
  ['partenariat', 'partnership', 'партнёрство', 'серіктестік', '伙伴关系'],
  ['pays', 'country', 'страна', 'ел', '国家'],
  ['Chine', 'China', 'Китай', 'Қытай', '中国'],
  ['Kazakhstan', 'Kazakhstan', 'Казахстан', 'Қазақстан', '哈萨克斯坦'],
  ['Russie', 'Russia', 'Россия', 'Ресей', '俄罗斯'],
  ['France', 'France', 'Франция', 'Франция', '法国'],
  ['Europe', 'Europe', 'Европа', 'Еуропа', '欧洲'],
  ['intelligence', 'intelligence', 'интеллект', 'интеллект', '智能'],
  ['économie', 'economy', 'экономика', 'экономика', '经济'],
  ['eau', 'water', 'вода', 'су', '水'],
  ['rivière', 'river', 'река', 'өзен', '河'],
  ['culture', 'culture', 'культура', 'мәдениет', '文化'],
  ['éducation', 'education', 'образование', 'білім', '教育'],
  ['jour', 'day', 'день', 'күн', '天'],
  ['semaine', 'week', 'неделя', 'апта', '周'],
  ['mois', 'month', 'месяц', 'ай', '月'],
  ['année', 'year', 'год', 'жыл', '年'],
  ['ville', 'city', 'город', 'қала', '城市'],
  ['capitale', 'capital', 'столица', 'астана', '首都'],
  ['région', 'region', 'регион', 'өңір', '地区'],
  ['monde', 'world', 'мир', 'әлем', '世界'],
  ['frontière', 'border', 'граница', 'шекара', '边境'],
  ['projet', 'project', 'проект', 'жоба', '项目'],
  ['projets', 'projects', 'проекты', 'жобалар', '项目'],
  ['programme', 'program', 'программа', 'бағдарлама', '计划'],
  ['initiative', 'initiative', 'инициатива', 'бастама', '倡议'],
  ['rencontre', 'meeting', 'встреча', 'кездесу', '会晤'],
  ['sommet', 'summit', 'саммит', 'саммит', '峰会'],
  ['forum', 'forum', 'форум', 'форум', '论坛'],
  ['conférence', 'conference', 'конференция', 'конференция', '会议'],
  ['dialogue', 'dialogue', 'диалог', 'диалог', '对话'],
  ['question', 'question', 'вопрос', 'мәселе', '问题'],
  ['questions', 'questions', 'вопросы', 'мәселелер', '问题'],
  ['relations', 'relations', 'отношения', 'қарым-қатынас', '关系'],
  ['partenaires', 'partners', 'партнёры', 'серіктестер', '伙伴'],
  ['affaires', 'affairs', 'дела', 'істер', '事务'],
  ['représentants', 'representatives', 'представители', 'өкілдер', '代表'],
  ['entreprises', 'companies', 'компании', 'компаниялар', '企业'],
  ['investissements', 'investments', 'инвестиции', 'инвестициялар', '投资'],
  ['commerce', 'trade', 'торговля', 'сауда', '贸易'],
  ['sécurité', 'security', 'безопасность', 'қауіпсіздік', '安全'],
  ['innovation', 'innovation', 'инновация', 'инновация', '创新'],
  ['développement', 'development', 'развитие', 'даму', '发展'],
  ['énergie', 'energy', 'энергия', 'энергия', '能源'],
  ['technologie', 'technology', 'технология', 'технология', '技术'],
  ['technologies', 'technologies', 'технологии', 'технологиялар', '技术'],
  ['université', 'university', 'университет', 'университет', '大学'],
  ['étudiants', 'students', 'студенты', 'студенттер', '学生'],
  ['santé', 'health', 'здоровье', 'денсаулық', '卫生'],
  ['agriculture', 'agriculture', 'сельское хозяйство', 'ауыл шаруашылығы', '农业'],
  ['peuple', 'people', 'народ', 'халық', '人民'],
  ['histoire', 'history', 'история', 'тарих', '历史'],
  ['langue', 'language', 'язык', 'тіл', '语言'],
  // adjectives, numbers, adverbs
  ['artificielle', 'artificial', 'искусственный', 'жасанды', '人工'],
  ['nouveau', 'new', 'новый', 'жаңа', '新'],
  ['nouvelle', 'new', 'новая', 'жаңа', '新'],
  ['nouveaux', 'new', 'новые', 'жаңа', '新'],
  ['international', 'international', 'международный', 'халықаралық', '国际'],
  ['internationale', 'international', 'международная', 'халықаралық', '国际'],
  ['économique', 'economic', 'экономический', 'экономикалық', '经济'],
  ['national', 'national', 'национальный', 'ұлттық', '国家'],
  ['officielle', 'official', 'официальный', 'ресми', '正式'],
  ['bilatérale', 'bilateral', 'двусторонняя', 'екіжақты', '双边'],
  ['grand', 'great', 'большой', 'үлкен', '大'],
  ['important', 'important', 'важный', 'маңызды', '重要'],
  ['premier', 'first', 'первый', 'бірінші', '第一'],
  ['première', 'first', 'первая', 'бірінші', '第一'],
  ['étrangères', 'foreign', 'иностранных', 'сыртқы', '外交'],
  ['chinois', 'Chinese', 'китайский', 'қытайлық', '中国'],
  ['russe', 'Russian', 'российский', 'ресейлік', '俄罗斯'],
  ['kazakh', 'Kazakh', 'казахский', 'қазақ', '哈萨克'],
  ['français', 'French', 'французский', 'француз', '法国'],
  ['deux', 'two', 'два', 'екі', '两'],
  ['trois', 'three', 'три', 'үш', '三'],
  ['plusieurs', 'several', 'несколько', 'бірнеше', '几个'],
  ['aussi', 'also', 'также', 'да', '也'],
  ['également', 'also', 'также', 'сондай-ақ', '也'],
  ['plus', 'more', 'более', 'көбірек', '更多'],
  ['très', 'very', 'очень', 'өте', '很'],
  ['ne', DROP, 'не', DROP, DROP],
  ["n'", DROP, 'не', DROP, DROP],
  ['pas', 'not', DROP, 'емес', '不'],
  ["aujourd'hui", 'today', 'сегодня', 'бүгін', '今天'],
  ['hier', 'yesterday', 'вчера', 'кеше', '昨天'],
  ['demain', 'tomorrow', 'завтра', 'ертең', '明天'],
];

/** A handful of French words into German, for a target added by configuration only. */
export const FRENCH_GERMAN: Readonly<Record<string, string>> = {
  le: 'der',
  la: 'die',
  les: 'die',
  "l'": 'die',
  de: 'von',
  "d'": 'von',
  du: 'vom',
  des: 'der',
  et: 'und',
  a: 'hat',
  est: 'ist',
  avec: 'mit',
  pour: 'für',
  dans: 'in',
  en: 'in',
  à: 'nach',
  président: 'Präsident',
  délégation: 'Delegation',
  visite: 'Besuch',
  ministre: 'Minister',
  gouvernement: 'Regierung',
  parlement: 'Parlament',
  accord: 'Abkommen',
  coopération: 'Zusammenarbeit',
  pays: 'Land',
  Chine: 'China',
  Kazakhstan: 'Kasachstan',
  Russie: 'Russland',
  France: 'Frankreich',
  économie: 'Wirtschaft',
  culture: 'Kultur',
  nouveau: 'neu',
  nouvelle: 'neue',
  deux: 'zwei',
  visité: 'besucht',
  signé: 'unterzeichnet',
};

/** Chinese punctuation for English punctuation attached to a word ("China." -> "中国。"). */
export const CHINESE_PUNCTUATION: Readonly<Record<string, string>> = { '.': '。', ',': '，' };

export function capitalize(word: string): string {
  return word.length === 0 ? word : word[0].toUpperCase() + word.slice(1);
}

/** Adds the Capitalized form and the typographic-apostrophe form of every entry. */
function expand(pairs: Iterable<readonly [string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  const put = (src: string, tgt: string) => {
    for (const s of new Set([src, src.replaceAll("'", '’')])) if (!out.has(s)) out.set(s, tgt);
  };
  const list = [...pairs];
  for (const [src, tgt] of list) put(src, tgt);
  for (const [src, tgt] of list) put(capitalize(src), capitalize(tgt));
  return out;
}

const FRENCH_COLUMN = { en: 1, ru: 2, kk: 3 } as const;

/** French word -> target word (DROP = left out), with Capitalized and ’ forms. */
export function frenchDictionary(target: FrenchTarget): Map<string, string> {
  if (target === 'de') return expand(Object.entries(FRENCH_GERMAN));
  const col = FRENCH_COLUMN[target];
  return expand(FRENCH_WORDS.map((row) => [row[0], row[col]] as const));
}

/** The English words the French→English table produces (single words only). */
export function englishWords(): string[] {
  const seen = new Set<string>();
  for (const row of FRENCH_WORDS) if (row[1] !== DROP && !row[1].includes(' ')) seen.add(row[1]);
  return [...seen];
}

const ENGLISH_COLUMN = { ru: 2, kk: 3, zh: 4 } as const;

/** English word -> target word (DROP = left out), with Capitalized forms. */
export function englishDictionary(target: EnglishTarget): Map<string, string> {
  const first = new Map<string, string>();
  for (const row of FRENCH_WORDS) {
    const en = row[1];
    if (en === DROP || en.includes(' ') || first.has(en)) continue;
    first.set(en, row[ENGLISH_COLUMN[target]]);
  }
  if (target === 'zh') for (const [p, z] of Object.entries(CHINESE_PUNCTUATION)) first.set(p, z);
  return expand(first);
}
