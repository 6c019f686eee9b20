import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import { type Abonnement, PROFILS, type Profil } from '../../../utils/gar/abonnement';
import { parseAbonnementsXml } from '../../../utils/gar/abonnement-xml';
import type { Affectation } from '../../../utils/gar/affectation';
import { GarFormatError } from '../../../utils/gar/errors';
import {
  type Etablissement,
  isGarEntRoot,
  mergePopulation,
  type Population,
  type PopulationFile,
  parsePopulationXml,
} from '../../../utils/gar/population';
import { parseXmlDocument } from '../../../utils/gar/xml';
import { daysSince, shiftDateTime, shiftMonth, shiftSchoolYear } from './seed-dates';
import { SeedError } from './seed-error';

/**
 * Reads a seed folder (tests/sim/README.md): GAR-ENT XML files, the subscription web service's
 * XML, affectations.csv, statistiques.csv and simulateur.json. Everything is checked before
 * anything is returned: a broken file stops the load with a SeedError — never a half school.
 * Only the GAR-ENT and subscription XML are required: a folder of GAR's own files loads as is
 * (schools named by GAR-ENT-Etab, dates not shifted), the other three files are the simulator's.
 */

const metaSchema = z.object({
  format: z.literal('compagnon-gar-seed'),
  version: z.literal(1),
  profil: z.string(),
  graine: z.union([z.number(), z.string()]),
  dateReference: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  etablissements: z.array(z.object({ uai: z.string().min(1), nom: z.string().min(1) })).min(1),
});
/** Without simulateur.json there is no `dateReference`: the files' dates are used as written. */
export type SeedMeta = Omit<z.infer<typeof metaSchema>, 'dateReference'> & { dateReference?: string };

export interface Statistique {
  uai: string;
  idRessource: string;
  mois: string;
  profil: Profil;
  acces: number;
  utilisateurs: number;
}

export interface Seed {
  dir: string;
  meta: SeedMeta;
  abonnements: Abonnement[];
  population: Population;
  affectations: Affectation[];
  statistiques: Statistique[];
}

const META_FILE = 'simulateur.json';
const AFFECTATIONS_FILE = 'affectations.csv';
const STATISTIQUES_FILE = 'statistiques.csv';
const AFFECTATIONS_HEADER = ['uai', 'idAbonnement', 'idPersonne', 'profil', 'verrouillee'];
const STATISTIQUES_HEADER = ['uai', 'idRessource', 'mois', 'profil', 'acces', 'utilisateurs'];

function isIgnored(name: string): boolean {
  return name.startsWith('.') || /^readme/i.test(name);
}

async function readText(dir: string, file: string): Promise<string> {
  const text = await readFile(join(dir, file), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function readMeta(file: string, text: string): SeedMeta {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(file, 'racine', `JSON invalide (${(error as Error).message})`);
  }
  const parsed = metaSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeedError(file, issue?.path.join('.') || 'racine', issue?.message ?? 'valeur invalide');
  }
  return parsed.data;
}

/** What a GAR-only folder's meta says when it has no `simulateur.json` of its own. */
const NO_GRAINE = 'aucune';

type XmlContent =
  | { kind: 'abonnements'; abonnements: Abonnement[] }
  | { kind: 'population'; file: PopulationFile };

function readXml(file: string, text: string): XmlContent {
  try {
    const { rootName } = parseXmlDocument(text, new Set());
    if (rootName === 'abonnements') return { kind: 'abonnements', abonnements: parseAbonnementsXml(text) };
    if (isGarEntRoot(rootName)) return { kind: 'population', file: parsePopulationXml(text) };
    throw new SeedError(
      file,
      rootName,
      'racine inconnue : abonnements ou GAR-ENT-Etab, GAR-ENT-Eleve, GAR-ENT-Enseignant, GAR-ENT-Groupe, GAR-ENT-RespAff attendu',
    );
  } catch (error) {
    if (error instanceof GarFormatError) throw new SeedError(file, error.element, error.message);
    throw error;
  }
}

/** Rows of a `;`-separated file with exactly the expected header. */
function readCsv(
  file: string,
  text: string,
  header: string[],
): { line: number; row: Record<string, string> }[] {
  const parsed = Papa.parse<Record<string, string>>(text, {
    delimiter: ';',
    header: true,
    skipEmptyLines: true,
  });
  const error = parsed.errors[0];
  if (error) throw new SeedError(file, `ligne ${(error.row ?? 0) + 2}`, error.message);
  const fields = parsed.meta.fields ?? [];
  if (fields.join(';') !== header.join(';')) {
    throw new SeedError(file, 'ligne 1', `en-tête « ${fields.join(';')} », attendu « ${header.join(';')} »`);
  }
  return parsed.data.map((row, index) => ({ line: index + 2, row }));
}

function profilOf(file: string, line: number, value: string | undefined): Profil {
  if (!(PROFILS as readonly string[]).includes(value ?? '')) {
    throw new SeedError(
      file,
      `ligne ${line}/profil`,
      `« ${value} » n'est pas un profil (${PROFILS.join(', ')})`,
    );
  }
  return value as Profil;
}

function integerOf(file: string, line: number, column: string, value: string | undefined): number {
  if (!/^\d+$/.test(value ?? '')) {
    throw new SeedError(file, `ligne ${line}/${column}`, `« ${value} » n'est pas un entier positif`);
  }
  return Number(value);
}

function readAffectations(text: string, abonnements: Abonnement[], population: Population): Affectation[] {
  const file = AFFECTATIONS_FILE;
  const known = new Set(population.persons.map((person) => person.id));
  const seen = new Set<string>();
  return readCsv(file, text, AFFECTATIONS_HEADER).map(({ line, row }) => {
    const { uai = '', idAbonnement = '', idPersonne = '', verrouillee } = row;
    const abonnement = abonnements.find((candidate) => candidate.idAbonnement === idAbonnement);
    if (!abonnement?.uaiEtab.includes(uai)) {
      throw new SeedError(
        file,
        `ligne ${line}/idAbonnement`,
        `abonnement ${idAbonnement} inconnu pour ${uai}`,
      );
    }
    if (verrouillee !== '0' && verrouillee !== '1') {
      throw new SeedError(file, `ligne ${line}/verrouillee`, `« ${verrouillee} » : 0 ou 1 attendu`);
    }
    if (verrouillee === '0' && !known.has(idPersonne)) {
      throw new SeedError(
        file,
        `ligne ${line}/idPersonne`,
        `personne ${idPersonne} absente de la population`,
      );
    }
    const key = `${uai}|${idAbonnement}|${idPersonne}`;
    if (seen.has(key)) {
      throw new SeedError(
        file,
        `ligne ${line}/idPersonne`,
        `${idPersonne} a déjà une licence de ${idAbonnement}`,
      );
    }
    seen.add(key);
    const profil = profilOf(file, line, row.profil);
    return { idAbonnement, uai, personId: idPersonne, profil, verrouillee: verrouillee === '1' };
  });
}

function readStatistiques(text: string, uais: Set<string>): Statistique[] {
  const file = STATISTIQUES_FILE;
  return readCsv(file, text, STATISTIQUES_HEADER).map(({ line, row }) => {
    const { uai = '', idRessource = '', mois = '' } = row;
    if (!uais.has(uai)) throw new SeedError(file, `ligne ${line}/uai`, `établissement ${uai} inconnu`);
    if (!/^\d{4}-\d{2}$/.test(mois))
      throw new SeedError(file, `ligne ${line}/mois`, `« ${mois} » : AAAA-MM attendu`);
    return {
      uai,
      idRessource,
      mois,
      profil: profilOf(file, line, row.profil),
      acces: integerOf(file, line, 'acces', row.acces),
      utilisateurs: integerOf(file, line, 'utilisateurs', row.utilisateurs),
    };
  });
}

interface EtabFile {
  name: string;
  etablissements: Etablissement[];
}

/**
 * The meta of a folder without simulateur.json, from its GAR-ENT-Etab files: the same UAI twice
 * would leave the school's name ambiguous, so it is refused rather than one name picked.
 * A school always has a name here: the parser already refuses a GAREtab without one.
 */
function metaFromEtab(dir: string, etabFiles: EtabFile[]): SeedMeta {
  if (etabFiles.length === 0) {
    throw new SeedError(
      META_FILE,
      'dossier',
      "fichier absent et aucun fichier GAR-ENT-Etab pour nommer les établissements : il faut l'un ou l'autre",
    );
  }
  const etablissements: SeedMeta['etablissements'] = [];
  for (const { name, etablissements: schools } of etabFiles) {
    for (const { uai, nom } of schools) {
      if (etablissements.some((known) => known.uai === uai)) {
        throw new SeedError(name, `GAREtab ${uai}`, 'établissement déjà défini');
      }
      etablissements.push({ uai, nom });
    }
  }
  if (etablissements.length === 0) {
    throw new SeedError(
      etabFiles[0]?.name ?? 'GAR-ENT-Etab',
      'GAREtab',
      'aucun établissement dans la graine',
    );
  }
  return {
    format: 'compagnon-gar-seed',
    version: 1,
    profil: basename(dir),
    graine: NO_GRAINE,
    etablissements,
  };
}

function checkSchools(
  abonnements: Abonnement[],
  uais: Set<string>,
  files: Map<Abonnement, string>,
  schoolsSource: string,
): void {
  abonnements.forEach((abonnement) => {
    const unknown = abonnement.uaiEtab.find((uai) => !uais.has(uai));
    if (unknown) {
      throw new SeedError(
        files.get(abonnement) ?? 'abonnements.xml',
        `abonnement ${abonnement.idAbonnement}/uaiEtab`,
        `établissement ${unknown} absent de ${schoolsSource}`,
      );
    }
  });
}

function shiftAbonnement(abonnement: Abonnement, days: number): Abonnement {
  const shifted = { ...abonnement, debutValidite: shiftDateTime(abonnement.debutValidite, days) };
  if (abonnement.finValidite) shifted.finValidite = shiftDateTime(abonnement.finValidite, days);
  if (abonnement.anneeFinValidite)
    shifted.anneeFinValidite = shiftSchoolYear(abonnement.anneeFinValidite, days);
  return shifted;
}

/**
 * Loads and checks a whole seed folder; with a simulateur.json, dates are moved so the seed's
 * reference day is `today`.
 */
export async function loadSeed(dir: string, today: Date = new Date()): Promise<Seed> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !isIgnored(name)).sort();
  } catch {
    throw new SeedError(dir, 'dossier', 'dossier de graine introuvable ou illisible');
  }
  const hasMeta = names.includes(META_FILE);
  const declaredMeta = hasMeta ? readMeta(META_FILE, await readText(dir, META_FILE)) : undefined;
  const abonnements: Abonnement[] = [];
  const sourceOf = new Map<Abonnement, string>();
  const populationFiles: PopulationFile[] = [];
  const etabFiles: EtabFile[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.xml'))) {
    const content = readXml(name, await readText(dir, name));
    if (content.kind === 'population') populationFiles.push(content.file);
    if (content.kind === 'population' && content.file.kind === 'etab')
      etabFiles.push({ name, etablissements: content.file.etablissements });
    for (const abonnement of content.kind === 'abonnements' ? content.abonnements : []) {
      if (abonnements.some((other) => other.idAbonnement === abonnement.idAbonnement)) {
        throw new SeedError(name, `abonnement ${abonnement.idAbonnement}`, 'identifiant déjà défini');
      }
      abonnements.push(abonnement);
      sourceOf.set(abonnement, name);
    }
  }
  const unknown = names.find(
    (name) => !name.endsWith('.xml') && ![META_FILE, AFFECTATIONS_FILE, STATISTIQUES_FILE].includes(name),
  );
  if (unknown) throw new SeedError(unknown, 'fichier', 'fichier inconnu dans une graine du simulateur');

  // The schools first: without them nothing else in the folder can be checked.
  const meta = declaredMeta ?? metaFromEtab(dir, etabFiles);
  const population = mergePopulation(populationFiles);
  if (population.respAffs.length === 0) {
    throw new SeedError('GAR-ENT-RespAff', 'GARRespAff', "aucun responsable d'affectation dans la graine");
  }
  const schoolsSource = hasMeta ? META_FILE : etabFiles.map((etab) => etab.name).join(', ');
  const uais = new Set(meta.etablissements.map((etablissement) => etablissement.uai));
  checkSchools(abonnements, uais, sourceOf, schoolsSource);
  const affectations = names.includes(AFFECTATIONS_FILE)
    ? readAffectations(await readText(dir, AFFECTATIONS_FILE), abonnements, population)
    : [];
  const statistiques = names.includes(STATISTIQUES_FILE)
    ? readStatistiques(await readText(dir, STATISTIQUES_FILE), uais)
    : [];

  // GAR's own files carry real dates, with no reference day to move them from.
  const days = meta.dateReference ? daysSince(meta.dateReference, today) : 0;
  return {
    dir,
    meta,
    abonnements: abonnements.map((abonnement) => shiftAbonnement(abonnement, days)),
    population,
    affectations,
    statistiques: statistiques.map((ligne) => ({ ...ligne, mois: shiftMonth(ligne.mois, days) })),
  };
}
