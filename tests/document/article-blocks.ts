import type { Block } from '../../src/document/types.ts';

/**
 * The blocks of the fixture article (tests/fixtures/articles/article.{txt,md,html}), which all
 * three readers must find. `space` is what stands between a number and its unit: the HTML
 * version writes a no-break space there, as French typography asks.
 */
export function articleBlocks(space = ' '): Block[] {
  return [
    { type: 'title', text: 'À Lyon, une ligne de bus électrique relie enfin les quartiers de l’est' },
    { type: 'kicker', text: 'Transports urbains' },
    {
      type: 'paragraph',
      text: `La métropole a mis en service lundi une ligne de bus entièrement électrique entre la gare de la Part-Dieu et le plateau de l’est. Les premiers voyageurs ont salué une fréquence de dix${space}minutes aux heures de pointe.`,
    },
    { type: 'heading', text: 'Un trajet raccourci d’un quart d’heure' },
    {
      type: 'paragraph',
      text: 'Selon les services de la métropole, le temps de parcours passe de quarante-cinq à trente minutes grâce à des voies réservées sur la moitié du tracé. Douze véhicules, rechargés la nuit dans un dépôt voisin, assurent le service de cinq heures à minuit.',
    },
    {
      type: 'quote',
      text: '« Nous voulions offrir une vraie solution de rechange à la voiture », a expliqué la vice-présidente chargée des mobilités.',
    },
    { type: 'heading', text: 'Des commerçants inquiets' },
    {
      type: 'paragraph',
      text: 'Plusieurs commerçants de l’avenue principale regrettent la suppression d’une centaine de places de stationnement. Une réunion publique est prévue le mois prochain.',
    },
    { type: 'paragraph', text: `Le coût total du projet atteint 38${space}millions d’euros.` },
  ];
}
