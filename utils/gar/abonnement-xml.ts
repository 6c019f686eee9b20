import { t } from '../i18n';
import {
  type Abonnement,
  abonnementSchema,
  isProfil,
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
    if (!/^\d+$/.test(value)) this.fail(element, t('abonnementXmlNotCount', value));
    return Number(value);
  }

  dateTime(element: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(element, t('abonnementXmlNotDateTime', value));
    }
    return value;
  }
}

function readPublics(reader: AbonnementReader, node: XmlNode): Profil[] {
  const publics = childTexts(node, 'publicCible');
  if (publics.length === 0) reader.fail('publicCible', t('abonnementXmlPublicRequired'));
  for (const value of publics) {
    if (!isProfil(value)) {
      reader.fail('publicCible', t('abonnementXmlNotPublic', value, PROFILS.join(', ')));
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
    reader.fail('nbLicenceGlobale', t('abonnementXmlGlobalAndProfiles'));
  }
  if (typeAffectation === 'ETABL' && global === undefined) {
    reader.fail('nbLicenceGlobale', t('abonnementXmlEtablGlobalOnly'));
  }
  if (global !== undefined) return { kind: 'global', count: global };
  if (perProfile.length === 0) {
    reader.fail('nbLicenceGlobale', t('abonnementXmlNoCount'));
  }
  const counts: Partial<Record<Profil, LicenceCount>> = {};
  for (const { element, profil, count } of perProfile) {
    if (!publics.includes(profil)) reader.fail(element, t('abonnementXmlCountNeedsPublic', profil));
    counts[profil] = count;
  }
  return { kind: 'parProfil', counts };
}

function checkSchoolYear(reader: AbonnementReader, value: string | undefined): void {
  const match = value === undefined ? null : SCHOOL_YEAR.exec(value);
  if (value !== undefined && (!match || Number(match[2]) !== Number(match[1]) + 1)) {
    reader.fail('anneeFinValidite', t('abonnementXmlNotSchoolYear', value));
  }
}

function checkValidityLength(reader: AbonnementReader, abonnement: Abonnement): void {
  const end = effectiveEndDate(abonnement);
  if (!end) reader.fail('finValidite', t('abonnementXmlEndRequired'));
  const start = Date.parse(abonnement.debutValidite);
  if (end.date.getTime() < start) reader.fail(end.source, t('abonnementXmlEndBeforeStart'));
  const limit = new Date(start);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_VALIDITY_YEARS);
  if (end.date.getTime() > limit.getTime())
    reader.fail(end.source, t('abonnementXmlTooLong', String(MAX_VALIDITY_YEARS)));
}

function isTypeAffectation(value: string): value is Abonnement['typeAffectation'] {
  return value === 'INDIV' || value === 'ETABL';
}

function readAbonnement(node: XmlNode, index: number): Abonnement {
  const where = `abonnement[${index + 1}]`;
  const id = childTexts(node, 'idAbonnement')[0];
  const number = String(index + 1);
  const who = (): string => (id ? t('abonnementXmlWhoWithId', number, id) : t('abonnementXmlWho', number));
  // Typed explicitly so TypeScript knows `reader.fail` never returns (and narrows after it).
  const reader: AbonnementReader = new AbonnementReader(node, where, who);
  const idAbonnement = reader.required('idAbonnement', 45);
  const idDistributeurCom = reader.required('idDistributeurCom');
  if (!DISTRIBUTOR.test(idDistributeurCom)) {
    reader.fail('idDistributeurCom', t('abonnementXmlNotDistributor', idDistributeurCom));
  }
  const typeAffectation = reader.required('typeAffectation');
  if (!isTypeAffectation(typeAffectation)) {
    reader.fail('typeAffectation', t('abonnementXmlNotTypeAffectation', typeAffectation));
  }
  const uaiEtab = childTexts(node, 'uaiEtab');
  if (uaiEtab.length === 0 || uaiEtab.some((uai) => uai === '')) {
    reader.fail('uaiEtab', t('abonnementXmlSchoolRequired'));
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
    reader.fail(String(issue?.path[0] ?? 'abonnement'), issue?.message ?? t('abonnementXmlInvalidValue'));
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
    throw new GarFormatError(rootName, t('abonnementXmlUnexpectedRoot'));
  }
  const abonnements = childElements(root, 'abonnement').map(readAbonnement);
  const seen = new Set<string>();
  abonnements.forEach((abonnement, index) => {
    if (seen.has(abonnement.idAbonnement)) {
      throw new GarFormatError(
        `abonnement[${index + 1}]/idAbonnement`,
        t('abonnementXmlDuplicateId', abonnement.idAbonnement),
      );
    }
    seen.add(abonnement.idAbonnement);
  });
  return abonnements;
}
