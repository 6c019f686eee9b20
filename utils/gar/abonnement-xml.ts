import {
  type Abonnement,
  abonnementSchema,
  type LicenceCount,
  type Licences,
  PROFILS,
  type Profil,
} from './abonnement';
import { GarFormatError } from './errors';
import { effectiveEndDate } from './validity';
import { childElements, childTexts, ElementReader, parseXmlDocument, type XmlNode } from './xml';

/**
 * Reads the subscription web service's XML (DOMAIN.md §3): root `<abonnements>` in namespace
 * http://www.atosworldline.com/wsabonnement/v1.0/, one `<abonnement>` per subscription. Every
 * rule is checked; the first broken one refuses the whole file — never a partial result.
 */

const REPEATABLE = new Set(['abonnement', 'uaiEtab', 'publicCible']);

/** Which per-profile count goes with which public cible. */
const COUNT_FIELDS: ReadonlyArray<readonly [string, Profil]> = [
  ['nbLicenceEnseignant', 'ENSEIGNANT'],
  ['nbLicenceEleve', 'ELEVE'],
  ['nbLicenceProfDoc', 'DOCUMENTALISTE'],
  ['nbLicenceAutrePersonnel', 'AUTRE PERSONNEL'],
];

const MAX_VALIDITY_YEARS = 10;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DISTRIBUTOR = /^\d{9}_\d{16}$/;
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** Reads one `<abonnement>`, adding GAR's counts and dates to the generic element reader. */
class AbonnementReader extends ElementReader {
  count(element: string): LicenceCount | undefined {
    const value = this.optional(element);
    if (value === undefined) return undefined;
    if (value === 'ILLIMITE') return 'ILLIMITE';
    if (!/^\d+$/.test(value)) this.fail(element, `la valeur « ${value} » n'est ni un entier ni ILLIMITE`);
    return Number(value);
  }

  dateTime(element: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(element, `la date « ${value} » doit être une date-heure avec son décalage horaire`);
    }
    return value;
  }
}

function readPublics(reader: AbonnementReader, node: XmlNode): Profil[] {
  const publics = childTexts(node, 'publicCible');
  if (publics.length === 0) reader.fail('publicCible', 'au moins un public cible est obligatoire');
  for (const value of publics) {
    if (!(PROFILS as readonly string[]).includes(value)) {
      reader.fail('publicCible', `« ${value} » n'est pas un public cible (${PROFILS.join(', ')})`);
    }
  }
  return [...new Set(publics as Profil[])];
}

function readLicences(reader: AbonnementReader, publics: Profil[], typeAffectation: string): Licences {
  const global = reader.count('nbLicenceGlobale');
  const perProfile = COUNT_FIELDS.flatMap(([element, profil]) => {
    const count = reader.count(element);
    return count === undefined ? [] : [{ element, profil, count }];
  });
  if (global !== undefined && perProfile.length > 0) {
    reader.fail('nbLicenceGlobale', 'un nombre global et des nombres par profil ne peuvent pas coexister');
  }
  if (typeAffectation === 'ETABL' && global === undefined) {
    reader.fail('nbLicenceGlobale', 'un abonnement ETABL ne compte que des licences globales');
  }
  if (global !== undefined) return { kind: 'global', count: global };
  if (perProfile.length === 0) {
    reader.fail('nbLicenceGlobale', 'aucun nombre de licences (global ou par profil)');
  }
  const counts: Partial<Record<Profil, LicenceCount>> = {};
  for (const { element, profil, count } of perProfile) {
    if (!publics.includes(profil)) reader.fail(element, `ce nombre exige le public cible ${profil}`);
    counts[profil] = count;
  }
  return { kind: 'parProfil', counts };
}

function checkSchoolYear(reader: AbonnementReader, value: string | undefined): void {
  const match = value === undefined ? null : SCHOOL_YEAR.exec(value);
  if (value !== undefined && (!match || Number(match[2]) !== Number(match[1]) + 1)) {
    reader.fail('anneeFinValidite', `« ${value} » n'est pas une année scolaire de la forme 2025-2026`);
  }
}

function checkValidityLength(reader: AbonnementReader, abonnement: Abonnement): void {
  const end = effectiveEndDate(abonnement);
  if (!end) reader.fail('finValidite', 'finValidite ou anneeFinValidite est obligatoire');
  const start = Date.parse(abonnement.debutValidite);
  if (end.date.getTime() < start) reader.fail(end.source, 'la fin de validité précède son début');
  const limit = new Date(start);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_VALIDITY_YEARS);
  if (end.date.getTime() > limit.getTime()) reader.fail(end.source, 'la validité dépasse 10 ans');
}

function isTypeAffectation(value: string): value is Abonnement['typeAffectation'] {
  return value === 'INDIV' || value === 'ETABL';
}

function readAbonnement(node: XmlNode, index: number): Abonnement {
  const where = `abonnement[${index + 1}]`;
  const id = childTexts(node, 'idAbonnement')[0];
  // Typed explicitly so TypeScript knows `reader.fail` never returns (and narrows after it).
  const reader: AbonnementReader = new AbonnementReader(
    node,
    where,
    `Abonnement n°${index + 1}${id ? ` (id ${id})` : ''}`,
  );
  const idAbonnement = reader.required('idAbonnement', 45);
  const idDistributeurCom = reader.required('idDistributeurCom');
  if (!DISTRIBUTOR.test(idDistributeurCom)) {
    reader.fail(
      'idDistributeurCom',
      `« ${idDistributeurCom} » n'a pas la forme SIREN_ISNI (9 chiffres, _, 16 chiffres)`,
    );
  }
  const typeAffectation = reader.required('typeAffectation');
  if (!isTypeAffectation(typeAffectation)) {
    reader.fail('typeAffectation', `« ${typeAffectation} » : INDIV ou ETABL attendu`);
  }
  const uaiEtab = childTexts(node, 'uaiEtab');
  if (uaiEtab.length === 0 || uaiEtab.some((uai) => uai === '')) {
    reader.fail('uaiEtab', 'au moins un établissement (UAI) est obligatoire');
  }
  const publicCible = readPublics(reader, node);
  const anneeFinValidite = reader.optional('anneeFinValidite');
  checkSchoolYear(reader, anneeFinValidite);

  const abonnement: Abonnement = {
    idAbonnement,
    commentaireAbonnement: reader.optional('commentaireAbonnement', 255),
    idDistributeurCom,
    idRessource: reader.required('idRessource'),
    typeIdRessource: reader.required('typeIdRessource'),
    libelleRessource: reader.required('libelleRessource', 255),
    debutValidite: reader.dateTime('debutValidite', reader.required('debutValidite')) ?? '',
    finValidite: reader.dateTime('finValidite', reader.optional('finValidite')),
    anneeFinValidite,
    uaiEtab,
    categorieAffectation: reader.optional('categorieAffectation'),
    typeAffectation,
    licences: readLicences(reader, publicCible, typeAffectation),
    publicCible,
    codeProjetRessource: reader.optional('codeProjetRessource', 50),
    supprime: idAbonnement.startsWith('_'),
    automatique: idAbonnement.startsWith('AUTO_'),
  };
  checkValidityLength(reader, abonnement);
  const checked = abonnementSchema.safeParse(withoutUndefined(abonnement));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    reader.fail(String(issue?.path[0] ?? 'abonnement'), issue?.message ?? 'valeur invalide');
  }
  return checked.data;
}

/** Absent optional fields stay absent (not `undefined` keys), so records compare and store cleanly. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function parseAbonnementsXml(xml: string): Abonnement[] {
  const { rootName, root } = parseXmlDocument(xml, REPEATABLE);
  if (rootName !== 'abonnements') {
    throw new GarFormatError(
      rootName,
      'racine inattendue : <abonnements> attendu (web service abonnement GAR)',
    );
  }
  const abonnements = childElements(root, 'abonnement').map(readAbonnement);
  const seen = new Set<string>();
  abonnements.forEach((abonnement, index) => {
    if (seen.has(abonnement.idAbonnement)) {
      throw new GarFormatError(
        `abonnement[${index + 1}]/idAbonnement`,
        `l'identifiant ${abonnement.idAbonnement} apparaît plusieurs fois`,
      );
    }
    seen.add(abonnement.idAbonnement);
  });
  return abonnements;
}
