import { type MessageKey, t } from '../i18n';
import { type Abonnement, type LicenceCount, PROFILS, type Profil } from './abonnement';
import { bucketTitle } from './bucket-labels';
import type { CsvCell } from './csv';
import { formatMonthRange } from './paris-time';
import { COUNTER_BUCKETS, type CounterBucket } from './school';
import type { UsageRow } from './usage-row';
import { parisDayNumber, validityStatus } from './validity';

/**
 * Usage history (issue 8): what the portail's statistics and the console's counters showed, kept
 * month by month per school, so that a trend and the licences paid for and unused can be seen.
 * Counts only, never names. Pure: the clock and the data come in as parameters.
 */

/** A calendar month, `YYYY-MM`. */
export type Mois = string;

/** Where a figure came from. */
export const USAGE_SOURCES = ['portail', 'console', 'import'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

/**
 * One resource × month × bucket of one school. Usage (`acces`, `utilisateurs`) is per profile;
 * licence counts are per profile, or in one GLOBAL bucket for a subscription counting globally.
 */
export interface UsageFact {
  idRessource: string;
  libelle: string;
  mois: Mois;
  profil: CounterBucket;
  /** Sessions opened on the resource that month (GAR's « accès »). */
  acces?: number;
  /** Distinct users that month. */
  utilisateurs?: number;
  /** Licences bought / assigned as the counters showed them at `licencesVuesLe` (ISO instant). */
  licencesAchetees?: LicenceCount;
  licencesAffectees?: number;
  licencesVuesLe?: string;
  /** Sorted, without duplicates. */
  sources: UsageSource[];
}

/** A subscription and its counters, as the console or the portail lists them. */
export interface CountedSubscriptionInput {
  abonnement: import('./abonnement').Abonnement;
  counts: import('./seen-subscription').SubscriptionCounts;
}

export interface MergeReport {
  facts: UsageFact[];
  ajoutees: number;
  modifiees: number;
  inchangees: number;
}

/** A period: months from `depuis` to `jusqua`, both included. */
export interface Period {
  depuis: Mois;
  jusqua: Mois;
}

export interface UsageFilter {
  /** Empty: every profile. */
  profils: readonly Profil[];
  /** Empty: every resource. */
  ressources: readonly string[];
}

export type UsageLevel = 'jamais' | 'faible' | 'regulier' | 'inconnu';

export interface ResourceIndicators {
  idRessource: string;
  libelle: string;
  acces: number;
  /** Months of the period for which the school has usage figures (any resource): a resource absent
   * from such a month had no accès (the portail may omit zero rows). */
  moisObserves: number;
  accesParMois: number | null;
  utilisateursMaxMois: number | null;
  licencesAchetees: LicenceCount | null;
  licencesAffectees: number | null;
  tauxAffectation: number | null;
  licencesNonAffectees: number | null;
  licencesSansUsage: number | null;
  accesParLicence: number | null;
  accesParLicenceParMois: number | null;
  usage: UsageLevel;
}

export interface MonthlySeries {
  mois: Mois[];
  /** Per profile, one value per month; null when nothing was observed that month. */
  parProfil: Record<Profil, (number | null)[]>;
  total: (number | null)[];
}

export interface PeriodComparisonRow {
  idRessource: string;
  libelle: string;
  accesA: number;
  accesB: number;
  accesParLicenceA: number | null;
  accesParLicenceB: number | null;
  /** (B − A) / A; null when A is 0. */
  evolution: number | null;
}

export interface UsageSummary {
  ressources: number;
  licencesAchetees: number;
  licencesIllimitees: number;
  licencesAffectees: number;
  tauxAffectation: number | null;
  acces: number;
  jamaisUtilisees: number;
  peuUtilisees: number;
  licencesNonAffectees: number;
}

/** Less than this many accès per assigned licence and per month is « peu utilisée ». */
export const RARELY_USED_PER_LICENCE_PER_MONTH = 1;

// ---------------------------------------------------------------------------------------------
// Facts from what the pages show

/** Bought licences add up, except that one unlimited subscription makes the total unlimited. */
export function addLicenceCounts(a: LicenceCount, b: LicenceCount): LicenceCount {
  return a === 'ILLIMITE' || b === 'ILLIMITE' ? 'ILLIMITE' : a + b;
}

/** The title to show: a blank title is no title, and the id is the only name left. */
function titleOf(idRessource: string, libelle: string): string {
  return libelle.trim() === '' ? idRessource : libelle;
}

/**
 * One fact per resource × month × profile. Rows of the same key are summed: the portail may list a
 * resource once per subscription, and each of those rows counts different sessions.
 */
export function usageFactsFromRows(rows: readonly UsageRow[], source: 'portail' | 'import'): UsageFact[] {
  const facts: UsageFact[] = [];
  // By resource, then by month and profile: short keys, hashed faster than one joined key per row
  // (a year of a lycée is 14,400 rows). NUL cannot occur in a month or a profile (see factKey).
  const byResource = new Map<string, Map<string, UsageFact>>();
  for (const row of rows) {
    let ofResource = byResource.get(row.idRessource);
    if (!ofResource) {
      ofResource = new Map();
      byResource.set(row.idRessource, ofResource);
    }
    const key = `${row.mois}\u0000${row.profil}`;
    const libelle = titleOf(row.idRessource, row.libelleRessource);
    const fact = ofResource.get(key);
    if (!fact) {
      const created: UsageFact = {
        idRessource: row.idRessource,
        libelle,
        mois: row.mois,
        profil: row.profil,
        acces: row.acces,
        utilisateurs: row.utilisateurs,
        sources: [source],
      };
      ofResource.set(key, created);
      facts.push(created);
      continue;
    }
    fact.acces = (fact.acces ?? 0) + row.acces;
    fact.utilisateurs = (fact.utilisateurs ?? 0) + row.utilisateurs;
    // A row that only repeats the id must not hide the real title another row gave.
    if (fact.libelle === fact.idRessource) fact.libelle = libelle;
  }
  return facts;
}

/**
 * Whether a subscription holds individual licences at that instant: ETABL subscriptions give the
 * whole school access without licences, and deleted, expired or not yet started ones count nothing.
 */
function holdsLicencesAt(abonnement: Abonnement, at: Date): boolean {
  if (abonnement.supprime || abonnement.typeAffectation === 'ETABL') return false;
  const { status } = validityStatus(abonnement, at, { expiringDays: 0 });
  return status !== 'pasEncoreActif' && status !== 'expire';
}

/**
 * The licence counters of the month of `observedAt`, per resource and bucket: several subscriptions
 * of one resource add up (a school may buy more licences during the year).
 */
export function licenceFactsFromSubscriptions(
  subscriptions: readonly CountedSubscriptionInput[],
  observedAt: Date,
  source: 'portail' | 'console',
): UsageFact[] {
  const mois = monthOf(observedAt);
  const licencesVuesLe = observedAt.toISOString();
  const facts = new Map<string, UsageFact>();
  for (const { abonnement, counts } of subscriptions) {
    if (!holdsLicencesAt(abonnement, observedAt)) continue;
    for (const profil of COUNTER_BUCKETS) {
      const counter = counts[profil];
      if (!counter) continue;
      const key = factKey({ idRessource: abonnement.idRessource, mois, profil });
      const fact = facts.get(key);
      if (fact) {
        fact.licencesAchetees = addLicenceCounts(fact.licencesAchetees ?? 0, counter.achetees);
        fact.licencesAffectees = (fact.licencesAffectees ?? 0) + counter.affectees;
        continue;
      }
      facts.set(key, {
        idRessource: abonnement.idRessource,
        libelle: abonnement.libelleRessource,
        mois,
        profil,
        licencesAchetees: counter.achetees,
        licencesAffectees: counter.affectees,
        licencesVuesLe,
        sources: [source],
      });
    }
  }
  return [...facts.values()];
}

// ---------------------------------------------------------------------------------------------
// Merging into the history

/** NUL cannot occur in an id, a month or a profile, so two different keys never collide. */
export function factKey(fact: Pick<UsageFact, 'idRessource' | 'mois' | 'profil'>): string {
  return `${fact.idRessource}\u0000${fact.mois}\u0000${fact.profil}`;
}

/** Sorted union; `a` itself when `b` adds nothing (stored sources are already sorted). */
function sourcesUnion(a: readonly UsageSource[], b: readonly UsageSource[]): UsageSource[] {
  if (b.every((source) => a.includes(source))) return a as UsageSource[];
  const union: UsageSource[] = [];
  for (const source of USAGE_SOURCES) if (a.includes(source) || b.includes(source)) union.push(source);
  return union;
}

/** Whether the incoming (accès, utilisateurs) reading is higher: accès first, then users. */
function isHigherReading(incoming: UsageFact, current: UsageFact): boolean {
  const [a, b] = [incoming.acces ?? 0, current.acces ?? 0];
  if (a !== b) return a > b;
  return (incoming.utilisateurs ?? 0) > (current.utilisateurs ?? 0);
}

/**
 * GAR's monthly counters only grow (they can lag a day), so a month seen twice — two captures, or a
 * capture and an imported file — keeps its highest reading, never the sum.
 */
function usageReading(current: UsageFact, incoming: UsageFact): UsageFact {
  if (incoming.acces === undefined) return current;
  if (current.acces === undefined) return incoming;
  return isHigherReading(incoming, current) ? incoming : current;
}

/** Licence counters go up and down (licences are assigned and removed): the latest reading wins. */
function licenceReading(current: UsageFact, incoming: UsageFact): UsageFact {
  if (incoming.licencesVuesLe === undefined) return current;
  if (current.licencesVuesLe === undefined) return incoming;
  return Date.parse(incoming.licencesVuesLe) > Date.parse(current.licencesVuesLe) ? incoming : current;
}

/** The real title wins over the id used as a stand-in when a page gave none. */
function mergedLibelle(current: UsageFact, incoming: UsageFact): string {
  const idOnly = incoming.libelle === incoming.idRessource && current.libelle !== current.idRessource;
  return idOnly ? current.libelle : incoming.libelle;
}

/** Copies the optional figures that are present, so that stored facts carry no `undefined` keys. */
function copyFigures(target: UsageFact, usage: UsageFact, licences: UsageFact): void {
  if (usage.acces !== undefined) target.acces = usage.acces;
  if (usage.utilisateurs !== undefined) target.utilisateurs = usage.utilisateurs;
  if (licences.licencesAchetees !== undefined) target.licencesAchetees = licences.licencesAchetees;
  if (licences.licencesAffectees !== undefined) target.licencesAffectees = licences.licencesAffectees;
  if (licences.licencesVuesLe !== undefined) target.licencesVuesLe = licences.licencesVuesLe;
}

function mergeFact(current: UsageFact, incoming: UsageFact): UsageFact {
  const usage = usageReading(current, incoming);
  const licences = licenceReading(current, incoming);
  const libelle = mergedLibelle(current, incoming);
  const sources = sourcesUnion(current.sources, incoming.sources);
  // A capture mostly confirms what is stored: keep the stored object rather than build a copy.
  const unchanged = usage === current && licences === current && libelle === current.libelle;
  if (unchanged && sources === current.sources) return current;
  const fact: UsageFact = {
    idRessource: current.idRessource,
    libelle,
    mois: current.mois,
    profil: current.profil,
    sources,
  };
  copyFigures(fact, usage, licences);
  return fact;
}

/** Whether sources are in USAGE_SOURCES' order, each once (a capture's facts have one source). */
function isNormalized(sources: readonly UsageSource[]): boolean {
  let previous = -1;
  for (const source of sources) {
    const place = USAGE_SOURCES.indexOf(source);
    if (place <= previous) return false;
    previous = place;
  }
  return true;
}

/** A new fact as stored: sources sorted and without duplicates (the fact itself when they are). */
function normalizedFact(fact: UsageFact): UsageFact {
  if (isNormalized(fact.sources)) return fact;
  return { ...fact, sources: USAGE_SOURCES.filter((source) => fact.sources.includes(source)) };
}

/**
 * Same figures and title, as the RA reads them: a later licence reading with the same counts is
 * « identique » (the merged fact still carries its new date; the store rewrites merged months).
 */
function sameFigures(a: UsageFact, b: UsageFact): boolean {
  return (
    a.libelle === b.libelle &&
    a.acces === b.acces &&
    a.utilisateurs === b.utilisateurs &&
    a.licencesAchetees === b.licencesAchetees &&
    a.licencesAffectees === b.licencesAffectees
  );
}

/** Code-unit order: cheap on tens of thousands of facts, and all the store needs is a fixed order. */
function byMonthResourceProfile(a: UsageFact, b: UsageFact): number {
  if (a.mois !== b.mois) return a.mois < b.mois ? -1 : 1;
  if (a.idRessource !== b.idRessource) return a.idRessource < b.idRessource ? -1 : 1;
  if (a.profil !== b.profil) return a.profil < b.profil ? -1 : 1;
  return 0;
}

/** A key's fact as the merge goes, and what it was before the incoming facts touched it. */
interface MergeSlot {
  fact: UsageFact;
  /** Null until an incoming fact has this key; undefined when the key was new. */
  before: UsageFact | undefined | null;
}

/** The report's verdict on one incoming key. */
function verdict(slot: MergeSlot): 'ajoutees' | 'modifiees' | 'inchangees' | null {
  if (slot.before === null) return null;
  if (slot.before === undefined) return 'ajoutees';
  return sameFigures(slot.before, slot.fact) ? 'inchangees' : 'modifiees';
}

/**
 * Slots by resource, then by month and profile (the month has a fixed length, so the inner key is
 * unambiguous). Two short lookups instead of one on a joined key: the keys are the facts' own
 * strings, hashed once each, which keeps a year of a large school's history within a few ms.
 */
type SlotIndex = Map<string, Map<string, MergeSlot>>;

function findSlot(index: SlotIndex, fact: UsageFact): MergeSlot | undefined {
  return index.get(fact.idRessource)?.get(fact.mois + fact.profil);
}

function addSlot(index: SlotIndex, slot: MergeSlot): void {
  const { idRessource, mois, profil } = slot.fact;
  let byMonthProfile = index.get(idRessource);
  if (!byMonthProfile) {
    byMonthProfile = new Map();
    index.set(idRessource, byMonthProfile);
  }
  byMonthProfile.set(mois + profil, slot);
}

export function mergeFacts(existing: readonly UsageFact[], incoming: readonly UsageFact[]): MergeReport {
  const index: SlotIndex = new Map();
  const slots: MergeSlot[] = [];
  const add = (slot: MergeSlot) => {
    addSlot(index, slot);
    slots.push(slot);
  };
  for (const fact of existing) {
    const slot = findSlot(index, fact);
    if (slot) slot.fact = mergeFact(slot.fact, fact);
    else add({ fact, before: null });
  }
  for (const fact of incoming) {
    const slot = findSlot(index, fact);
    if (!slot) {
      add({ fact: normalizedFact(fact), before: undefined });
      continue;
    }
    if (slot.before === null) slot.before = slot.fact;
    slot.fact = mergeFact(slot.fact, fact);
  }
  const report: MergeReport = { facts: [], ajoutees: 0, modifiees: 0, inchangees: 0 };
  for (const slot of slots) {
    report.facts.push(slot.fact);
    const kind = verdict(slot);
    if (kind) report[kind] += 1;
  }
  report.facts.sort(byMonthResourceProfile);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Months, periods and school years

const MS_PER_DAY = 86_400_000;

function monthIndex(mois: Mois): number {
  return Number(mois.slice(0, 4)) * 12 + Number(mois.slice(5, 7)) - 1;
}

function monthFromIndex(index: number): Mois {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month an RA in France would write down for that instant: the Paris calendar's. */
export function monthOf(instant: Date): Mois {
  return new Date(parisDayNumber(instant) * MS_PER_DAY).toISOString().slice(0, 7);
}

export function addMonths(mois: Mois, count: number): Mois {
  return monthFromIndex(monthIndex(mois) + count);
}

export function monthsOf(period: Period): Mois[] {
  const months: Mois[] = [];
  const last = monthIndex(period.jusqua);
  for (let index = monthIndex(period.depuis); index <= last; index += 1) months.push(monthFromIndex(index));
  return months;
}

/** French school years run from September to August. */
export function schoolYearOfMonth(mois: Mois): string {
  const year = Number(mois.slice(0, 4));
  const start = Number(mois.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

export function schoolYearPeriod(schoolYear: string): Period {
  const start = Number(schoolYear.slice(0, 4));
  return { depuis: `${start}-09`, jusqua: `${start + 1}-08` };
}

export function previousYear(period: Period): Period {
  return { depuis: addMonths(period.depuis, -12), jusqua: addMonths(period.jusqua, -12) };
}

export function schoolYearsOf(facts: readonly UsageFact[]): string[] {
  const months = new Set(facts.map((fact) => fact.mois));
  const years = new Set([...months].map(schoolYearOfMonth));
  return [...years].sort().reverse();
}

function inPeriod(mois: Mois, period: Period): boolean {
  return mois >= period.depuis && mois <= period.jusqua;
}

function isSchoolYear(period: Period): boolean {
  return period.depuis.endsWith('-09') && period.jusqua === addMonths(period.depuis, 11);
}

// ---------------------------------------------------------------------------------------------
// Indicators

/** The filter's sets; an empty set lets everything through. */
interface Selection {
  profils: ReadonlySet<string>;
  ressources: ReadonlySet<string>;
}

function selectionOf(filter: UsageFilter): Selection {
  return { profils: new Set(filter.profils), ressources: new Set(filter.ressources) };
}

function selectsResource(selection: Selection, idRessource: string): boolean {
  return selection.ressources.size === 0 || selection.ressources.has(idRessource);
}

function countsUsage(fact: UsageFact, selection: Selection): boolean {
  return fact.acces !== undefined && (selection.profils.size === 0 || selection.profils.has(fact.profil));
}

/** With a profile filter the GLOBAL bucket is left out: it cannot be split between profiles. */
function countsLicences(fact: UsageFact, selection: Selection): boolean {
  return (
    fact.licencesVuesLe !== undefined && (selection.profils.size === 0 || selection.profils.has(fact.profil))
  );
}

/**
 * The months of the period for which the school's usage was read, whatever the resource: the
 * portail may omit zero rows, so a resource absent from such a month had no accès — and filtering
 * on one resource must not turn its zero months into unknown ones.
 */
function observedMonths(facts: readonly UsageFact[], period: Period, selection: Selection): Set<Mois> {
  const months = new Set<Mois>();
  for (const fact of facts) {
    if (inPeriod(fact.mois, period) && countsUsage(fact, selection)) months.add(fact.mois);
  }
  return months;
}

interface LicenceTally {
  achetees: LicenceCount;
  affectees: number;
}

interface ResourceTally {
  idRessource: string;
  libelle: string;
  /** The month the title was read in. */
  libelleMois: Mois;
  acces: number;
  usersByMonth: Map<Mois, number>;
  licencesByMonth: Map<Mois, LicenceTally>;
}

function hasRealTitle(fact: Pick<UsageFact, 'idRessource' | 'libelle'>): boolean {
  return fact.libelle !== fact.idRessource;
}

function tallyOf(tallies: Map<string, ResourceTally>, fact: UsageFact): ResourceTally {
  const known = tallies.get(fact.idRessource);
  if (known) {
    // The latest real title (a resource may be renamed); the id only stands in when none has one.
    const better = hasRealTitle(fact) && (!hasRealTitle(known) || fact.mois > known.libelleMois);
    if (better) [known.libelle, known.libelleMois] = [fact.libelle, fact.mois];
    return known;
  }
  const tally: ResourceTally = {
    idRessource: fact.idRessource,
    libelle: fact.libelle,
    libelleMois: fact.mois,
    acces: 0,
    usersByMonth: new Map(),
    licencesByMonth: new Map(),
  };
  tallies.set(fact.idRessource, tally);
  return tally;
}

function addUsage(tally: ResourceTally, fact: UsageFact): void {
  tally.acces += fact.acces ?? 0;
  tally.usersByMonth.set(fact.mois, (tally.usersByMonth.get(fact.mois) ?? 0) + (fact.utilisateurs ?? 0));
}

function addLicences(tally: ResourceTally, fact: UsageFact): void {
  const month = tally.licencesByMonth.get(fact.mois) ?? { achetees: 0, affectees: 0 };
  tally.licencesByMonth.set(fact.mois, {
    achetees: addLicenceCounts(month.achetees, fact.licencesAchetees ?? 0),
    affectees: month.affectees + (fact.licencesAffectees ?? 0),
  });
}

/** Per resource, the counted facts of the period. */
function tallyResources(
  facts: readonly UsageFact[],
  period: Period,
  selection: Selection,
): Map<string, ResourceTally> {
  const tallies = new Map<string, ResourceTally>();
  for (const fact of facts) {
    if (!inPeriod(fact.mois, period) || !selectsResource(selection, fact.idRessource)) continue;
    const usage = countsUsage(fact, selection);
    const licences = countsLicences(fact, selection);
    if (!usage && !licences) continue;
    const tally = tallyOf(tallies, fact);
    if (usage) addUsage(tally, fact);
    if (licences) addLicences(tally, fact);
  }
  return tallies;
}

/** A resource not seen in an observed month had nobody on it: 0, not unknown. */
function maxUsersPerMonth(tally: ResourceTally, moisObserves: number): number | null {
  if (tally.usersByMonth.size === 0) return moisObserves > 0 ? 0 : null;
  return Math.max(...tally.usersByMonth.values());
}

/** Licences change during the year: the period's latest reading is the one to judge by. */
function latestLicences(tally: ResourceTally): LicenceTally | null {
  let latest: Mois | null = null;
  for (const mois of tally.licencesByMonth.keys()) if (latest === null || mois > latest) latest = mois;
  return latest === null ? null : (tally.licencesByMonth.get(latest) ?? null);
}

function ratio(numerator: number | null, denominator: number | null): number | null {
  return numerator === null || denominator === null || denominator <= 0 ? null : numerator / denominator;
}

function usageLevel(
  acces: number,
  affectees: number | null,
  moisObserves: number,
  accesParLicenceParMois: number | null,
): UsageLevel {
  // Without assigned licences or observed months there is nothing to judge the accès against.
  if (affectees === null || affectees <= 0 || moisObserves <= 0 || accesParLicenceParMois === null)
    return 'inconnu';
  if (acces === 0) return 'jamais';
  return accesParLicenceParMois < RARELY_USED_PER_LICENCE_PER_MONTH ? 'faible' : 'regulier';
}

function indicatorsOf(tally: ResourceTally, moisObserves: number): ResourceIndicators {
  const licences = latestLicences(tally);
  const achetees = licences?.achetees ?? null;
  const affectees = licences?.affectees ?? null;
  const numericAchetees = typeof achetees === 'number' ? achetees : null;
  const utilisateursMaxMois = maxUsersPerMonth(tally, moisObserves);
  const accesParLicence = ratio(tally.acces, affectees);
  const accesParLicenceParMois = ratio(accesParLicence, moisObserves);
  return {
    idRessource: tally.idRessource,
    libelle: tally.libelle,
    acces: tally.acces,
    moisObserves,
    accesParMois: ratio(tally.acces, moisObserves),
    utilisateursMaxMois,
    licencesAchetees: achetees,
    licencesAffectees: affectees,
    tauxAffectation: ratio(affectees, numericAchetees),
    licencesNonAffectees:
      numericAchetees === null || affectees === null ? null : Math.max(0, numericAchetees - affectees),
    licencesSansUsage:
      affectees === null || utilisateursMaxMois === null
        ? null
        : Math.max(0, affectees - utilisateursMaxMois),
    accesParLicence,
    accesParLicenceParMois,
    usage: usageLevel(tally.acces, affectees, moisObserves, accesParLicenceParMois),
  };
}

const frenchCollator = new Intl.Collator('fr');

function byLibelle(a: { libelle: string; idRessource: string }, b: { libelle: string; idRessource: string }) {
  return frenchCollator.compare(a.libelle, b.libelle) || frenchCollator.compare(a.idRessource, b.idRessource);
}

export function resourceIndicators(
  facts: readonly UsageFact[],
  period: Period,
  filter: UsageFilter,
): ResourceIndicators[] {
  const selection = selectionOf(filter);
  const moisObserves = observedMonths(facts, period, selection).size;
  return [...tallyResources(facts, period, selection).values()]
    .map((tally) => indicatorsOf(tally, moisObserves))
    .sort(byLibelle);
}

export function monthlySeries(
  facts: readonly UsageFact[],
  period: Period,
  filter: UsageFilter,
): MonthlySeries {
  const selection = selectionOf(filter);
  const mois = monthsOf(period);
  const observed = observedMonths(facts, period, selection);
  const counted = PROFILS.filter((profil) => selection.profils.size === 0 || selection.profils.has(profil));
  const emptyRow = (profil: Profil) =>
    mois.map((month) => (counted.includes(profil) && observed.has(month) ? 0 : null));
  const parProfil: Record<Profil, (number | null)[]> = {
    ELEVE: emptyRow('ELEVE'),
    ENSEIGNANT: emptyRow('ENSEIGNANT'),
    DOCUMENTALISTE: emptyRow('DOCUMENTALISTE'),
    'AUTRE PERSONNEL': emptyRow('AUTRE PERSONNEL'),
  };
  const column = new Map(mois.map((month, index) => [month, index]));
  for (const fact of facts) {
    const index = column.get(fact.mois);
    if (index === undefined || !selectsResource(selection, fact.idRessource) || !countsUsage(fact, selection))
      continue;
    const row = parProfil[fact.profil as Profil] as (number | null)[] | undefined;
    const value = row?.[index];
    if (row && typeof value === 'number') row[index] = value + (fact.acces ?? 0);
  }
  const total = mois.map((month, index) =>
    observed.has(month) ? counted.reduce((sum, profil) => sum + (parProfil[profil][index] ?? 0), 0) : null,
  );
  return { mois, parProfil, total };
}

export function comparePeriods(
  facts: readonly UsageFact[],
  a: Period,
  b: Period,
  filter: UsageFilter,
): PeriodComparisonRow[] {
  const rowsA = new Map(resourceIndicators(facts, a, filter).map((row) => [row.idRessource, row]));
  const rowsB = new Map(resourceIndicators(facts, b, filter).map((row) => [row.idRessource, row]));
  const ids = new Set([...rowsA.keys(), ...rowsB.keys()]);
  return [...ids]
    .map((idRessource): PeriodComparisonRow => {
      const rowA = rowsA.get(idRessource);
      const rowB = rowsB.get(idRessource);
      const accesA = rowA?.acces ?? 0;
      const accesB = rowB?.acces ?? 0;
      return {
        idRessource,
        // The more recent period's title: a resource may have been renamed.
        libelle: rowB?.libelle ?? rowA?.libelle ?? idRessource,
        accesA,
        accesB,
        accesParLicenceA: rowA?.accesParLicence ?? null,
        accesParLicenceB: rowB?.accesParLicence ?? null,
        evolution: accesA > 0 ? (accesB - accesA) / accesA : null,
      };
    })
    .sort(byLibelle);
}

export function summarize(indicators: readonly ResourceIndicators[]): UsageSummary {
  const summary: UsageSummary = {
    ressources: indicators.length,
    licencesAchetees: 0,
    licencesIllimitees: 0,
    licencesAffectees: 0,
    tauxAffectation: null,
    acces: 0,
    jamaisUtilisees: 0,
    peuUtilisees: 0,
    licencesNonAffectees: 0,
  };
  // The assignment rate only over counted licences: an unlimited resource has no rate.
  let ratedAchetees = 0;
  let ratedAffectees = 0;
  for (const row of indicators) {
    if (typeof row.licencesAchetees === 'number') summary.licencesAchetees += row.licencesAchetees;
    if (row.licencesAchetees === 'ILLIMITE') summary.licencesIllimitees += 1;
    summary.licencesAffectees += row.licencesAffectees ?? 0;
    if (typeof row.licencesAchetees === 'number' && row.licencesAchetees > 0) {
      ratedAchetees += row.licencesAchetees;
      ratedAffectees += row.licencesAffectees ?? 0;
    }
    summary.acces += row.acces;
    if (row.usage === 'jamais') summary.jamaisUtilisees += 1;
    if (row.usage === 'faible') summary.peuUtilisees += 1;
    summary.licencesNonAffectees += row.licencesNonAffectees ?? 0;
  }
  summary.tauxAffectation = ratedAchetees > 0 ? ratedAffectees / ratedAchetees : null;
  return summary;
}

// ---------------------------------------------------------------------------------------------
// CSV for French Excel

/**
 * A decimal as text with a comma: French Excel reads `0.35` as a date or as text, never as 0.35,
 * and a number cell would be written with a point.
 */
export function frenchDecimal(value: number | null, digits: number): string {
  return value === null ? '' : value.toFixed(digits).replace('.', ',');
}

function percent(fraction: number | null): string {
  return frenchDecimal(fraction === null ? null : fraction * 100, 1);
}

/**
 * An evolution in whole percent, as a number: French Excel reads an integer as a number whatever
 * its sign, while a text such as « -3,0 » would be neutralised as a formula (csv.ts) and stay text.
 */
function wholePercent(fraction: number | null): CsvCell {
  if (fraction === null) return '';
  // `+ 0` turns -0 into 0.
  return Math.round(fraction * 100) + 0;
}

function cell(value: number | null): CsvCell {
  return value ?? '';
}

const USAGE_LABELS: Record<UsageLevel, MessageKey> = {
  jamais: 'usageStatsUsageNever',
  faible: 'usageStatsUsageRare',
  regulier: 'usageStatsUsageRegular',
  inconnu: 'usageStatsUsageUnknown',
};

function boughtCell(achetees: LicenceCount | null): CsvCell {
  if (achetees === 'ILLIMITE') return t('usageStatsUnlimited');
  return cell(achetees);
}

export function indicatorsCsvRows(indicators: readonly ResourceIndicators[]): Record<string, CsvCell>[] {
  return indicators.map((row) => ({
    [t('usageStatsCsvResource')]: row.libelle,
    [t('usageStatsCsvId')]: row.idRessource,
    [t('usageStatsCsvBought')]: boughtCell(row.licencesAchetees),
    [t('usageStatsCsvAssigned')]: cell(row.licencesAffectees),
    [t('usageStatsCsvAssignmentRate')]: percent(row.tauxAffectation),
    [t('usageStatsCsvUnassigned')]: cell(row.licencesNonAffectees),
    [t('usageStatsCsvAssignedUnused')]: cell(row.licencesSansUsage),
    [t('usageStatsCsvAcces')]: row.acces,
    [t('usageStatsCsvAccesPerMonth')]: frenchDecimal(row.accesParMois, 1),
    [t('usageStatsCsvAccesPerLicence')]: frenchDecimal(row.accesParLicence, 2),
    [t('usageStatsCsvAccesPerLicencePerMonth')]: frenchDecimal(row.accesParLicenceParMois, 2),
    [t('usageStatsCsvDistinctUsers')]: cell(row.utilisateursMaxMois),
    [t('usageStatsCsvUsage')]: t(USAGE_LABELS[row.usage]),
  }));
}

/** « Élèves », « Autres personnels »: the bucket words, as a column title. */
export function seriesCsvRows(series: MonthlySeries): Record<string, CsvCell>[] {
  return series.mois.map((mois, index) => {
    const row: Record<string, CsvCell> = { [t('usageStatsCsvMonth')]: mois };
    for (const profil of PROFILS) row[bucketTitle(profil)] = cell(series.parProfil[profil][index] ?? null);
    row[t('usageStatsCsvTotal')] = cell(series.total[index] ?? null);
    return row;
  });
}

export function comparisonCsvRows(
  rows: readonly PeriodComparisonRow[],
  a: Period,
  b: Period,
): Record<string, CsvCell>[] {
  const [labelA, labelB] = [periodLabel(a), periodLabel(b)];
  return rows.map((row) => ({
    [t('usageStatsCsvResource')]: row.libelle,
    [t('usageStatsCsvId')]: row.idRessource,
    [t('usageStatsCsvAccesIn', labelA)]: row.accesA,
    [t('usageStatsCsvAccesIn', labelB)]: row.accesB,
    [t('usageStatsCsvEvolution')]: wholePercent(row.evolution),
    [t('usageStatsCsvAccesPerLicenceIn', labelA)]: frenchDecimal(row.accesParLicenceA, 2),
    [t('usageStatsCsvAccesPerLicenceIn', labelB)]: frenchDecimal(row.accesParLicenceB, 2),
  }));
}

// ---------------------------------------------------------------------------------------------
// Labels

/** « année 2025-2026 » for a whole school year, else « sept. 2025 – févr. 2026 » or one month. */
export function periodLabel(period: Period): string {
  if (isSchoolYear(period)) return t('usageStatsSchoolYear', schoolYearOfMonth(period.depuis));
  return formatMonthRange(period.depuis, period.jusqua);
}

/** The first month kept when the history keeps `retentionMonths` months, the current one included. */
export function retentionCutoff(now: Date, retentionMonths: number): Mois {
  return addMonths(monthOf(now), -(retentionMonths - 1));
}
