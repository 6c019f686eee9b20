import { performance } from 'node:perf_hooks';
import { parseBoundedJson } from '../../utils/gar/json-bounds';
import { readCsv, readXlsx } from '../../utils/gar/table-file';
import { readUsageExport } from '../../utils/gar/usage-import';
import { MAX_BACKUP_BYTES, MAX_BACKUP_DEPTH } from '../../utils/store/backup';
import { bombWorkbook, rowsXml, workbook } from '../unit/gar/zip-fixture';
import { type Benchmark, type BenchResult, median } from './harness';

/**
 * Hostile files (issue 14, item 5): how long the readers take to refuse them, against a floor
 * measured in the same run — reading a normal export of 2,000 lines in the same format, what the
 * RA waits for on a good day, of about the same size (60 KB) for the CSVs. Budget: « refused within
 * 1 s », as at most twice the floor (a hostile file costs no more than an honest one: a CSV must be
 * parsed before its columns are counted), and never above 1 s whatever the machine. The readers
 * are called directly (node-side): in the page they run in a worker, whose start adds a constant.
 */

const MB = 1024 * 1024;
const LINES = 2_000;
/** Refusing may cost at most twice what reading a normal export costs… */
const RATIO = 2;
/** …and never more than the second the issue allows. */
const ABSOLUTE_MS = 1_000;

async function medianWallMs(run: () => unknown, runs = 7): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function expectRefused(result: { ok: boolean }, what: string): void {
  if (result.ok) throw new Error(`${what} : accepté, alors qu’il devait être refusé`);
}

const normalLines = Array.from({ length: LINES }, (_, i) => [
  `Ressource ${i}`,
  String(30 + (i % 9)),
  `BC-${i}`,
]);
const NORMAL_CSV = new TextEncoder().encode(
  `Titre;Quantité;N° de commande\n${normalLines.map((line) => line.join(';')).join('\n')}\n`,
);
const NORMAL_XLSX = workbook(rowsXml([['Titre', 'Quantité', 'N° de commande'], ...normalLines]));
const NORMAL_USAGE = new TextEncoder().encode(
  `idRessource;libelleRessource;mois;profil;acces;utilisateurs\n${Array.from(
    { length: LINES },
    (_, i) => `ark:/1/${i};Ressource ${i};2025-09;ELEVE;${10 + i};${i % 10}`,
  ).join('\n')}\n`,
);

/** As the review's: 58 KB, one line of 20,000 fields among short ones (padding would be quadratic). */
const wide = (header: string, line: string) =>
  new TextEncoder().encode(
    `${header}\n${';'.repeat(19_999)}\n${`${line}\n`.repeat(Math.floor(38_000 / (line.length + 1)))}`,
  );
const WIDE_ORDERS = wide('Titre;Quantité', 'Maths 6e;30');
const WIDE_USAGE = wide(
  'idRessource;libelleRessource;mois;profil;acces;utilisateurs',
  'ark:/1;T;2025-09;ELEVE;1;1',
);
const FAR_SHEET = workbook(
  '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="XFD1048576"/></row>',
);
const DEEP_BACKUP = `{"format":"compagnon-gar-backup","stores":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
const NORMAL_BACKUP = JSON.stringify({
  format: 'compagnon-gar-backup',
  stores: { journal: Array.from({ length: LINES }, (_, i) => ({ id: `op-${i}`, steps: [{ ok: true }] })) },
});

function result(name: string, medianMs: number, floorMs: number, detail: string): BenchResult {
  return {
    name,
    medianMs,
    baselineMs: floorMs,
    budgetMs: Math.min(ABSOLUTE_MS, RATIO * floorMs),
    detail: `${detail} ; plancher : lecture d’un export normal de ${LINES} lignes`,
  };
}

export const filesBenchmarks: Benchmark[] = [
  {
    name: 'fichiers hostiles refusés',
    async run() {
      const bomb = bombWorkbook(200 * MB);
      for (const [file, what] of [
        [readXlsx(bomb), 'bombe'],
        [readXlsx(FAR_SHEET), 'feuille étendue'],
      ] as const) {
        expectRefused(await file, what);
      }
      expectRefused(readCsv(WIDE_ORDERS), 'CSV large');
      expectRefused(readUsageExport(WIDE_USAGE, 'statistiques-0561622J.csv'), 'statistiques larges');
      expectRefused(
        parseBoundedJson(DEEP_BACKUP, { maxBytes: MAX_BACKUP_BYTES, maxDepth: MAX_BACKUP_DEPTH }),
        'JSON',
      );

      const xlsxFloor = await medianWallMs(() => readXlsx(NORMAL_XLSX));
      const csvFloor = await medianWallMs(() => readCsv(NORMAL_CSV));
      const usageFloor = await medianWallMs(() => readUsageExport(NORMAL_USAGE, 'statistiques-0561622J.csv'));
      const jsonFloor = await medianWallMs(() => JSON.parse(NORMAL_BACKUP));
      return [
        result(
          `XLSX de ${Math.round(bomb.length / 1024)} Ko gonflant à 200 Mo, refusé`,
          await medianWallMs(() => readXlsx(bomb)),
          xlsxFloor,
          'répertoire ZIP lu, rien décompressé',
        ),
        result(
          'XLSX d’une cellule en XFD1048576, refusé',
          await medianWallMs(() => readXlsx(FAR_SHEET)),
          xlsxFloor,
          'étendue de la feuille lue avant toute ligne',
        ),
        result(
          `CSV de commandes de 20 000 colonnes (${Math.round(WIDE_ORDERS.length / 1024)} Ko), refusé`,
          await medianWallMs(() => readCsv(WIDE_ORDERS)),
          csvFloor,
          'colonnes comptées avant tout remplissage',
        ),
        result(
          'CSV de statistiques de 20 000 colonnes, refusé',
          await medianWallMs(() => readUsageExport(WIDE_USAGE, 'statistiques-0561622J.csv')),
          usageFloor,
          'même lecture que les commandes',
        ),
        result(
          'sauvegarde JSON imbriquée 100 000 fois, refusée',
          await medianWallMs(() =>
            parseBoundedJson(DEEP_BACKUP, { maxBytes: MAX_BACKUP_BYTES, maxDepth: MAX_BACKUP_DEPTH }),
          ),
          jsonFloor,
          'profondeur mesurée avant JSON.parse',
        ),
      ];
    },
  },
];
