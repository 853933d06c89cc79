import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// French news-like articles made from words the tiny dictionaries know plus names and numbers
// they pass through, so every article translates and each differs from the others.
const SUBJECTS = ['Le président', 'La délégation', 'Le ministre', 'Le gouvernement', 'Le parlement'];
const VERBS = ['a visité', 'a signé', 'a présenté', 'a rencontré'];
const OBJECTS = ['un accord de coopération', 'le projet', 'la capitale', 'un nouveau projet', 'le sommet'];
const PLACES = ['Astana', 'Almaty', 'Pékin', 'Moscou', 'Tachkent', 'Bichkek'];
const NAMES = ['Aigerim Seitkali', 'Nurlan Abenov', 'Li Wei', 'Olga Petrova', 'Daniyar Omarov'];

function sentence(i: number, k: number): string {
  const pick = <T>(a: T[], n: number) => a[(i * 7 + k * 3 + n) % a.length];
  return `${pick(SUBJECTS, 0)} ${pick(VERBS, 1)} ${pick(OBJECTS, 2)} avec ${pick(NAMES, 3)} à ${pick(PLACES, 4)} en ${2000 + ((i + k) % 25)}.`;
}

/** The text of article `i`: title, kicker, heading and three paragraphs. */
export function articleText(i: number): string {
  const para = (k: number) => [sentence(i, k), sentence(i + 1, k + 1)].join(' ');
  return [
    `Article ${i} : ${PLACES[i % PLACES.length]} et la coopération`,
    `dossier ${i}`,
    '',
    para(0),
    '',
    `La rencontre de ${PLACES[(i + 2) % PLACES.length]}`,
    '',
    para(1),
    '',
    para(2),
    '',
  ].join('\n');
}

/** Writes `count` articles `article-000.fr.txt`… into `dir` and returns their paths. */
export function writeArticles(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `article-${String(i).padStart(3, '0')}.fr.txt`);
    writeFileSync(file, articleText(i));
    return file;
  });
}
