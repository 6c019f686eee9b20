import { type MessageKey, t, tn } from '../i18n';
import type { Abonnement, LicenceCount, Licences, Profil } from './abonnement';
import { BUCKET_LABELS } from './bucket-labels';
import { frenchExcelCsv } from './csv';
import type { ExpectedOrder, OrderPeriod } from './expected-order';
import { formatCalendarDayLong } from './paris-time';
import type { ConsoleSubscription, CounterBucket } from './school';
import type { SchoolRecord } from './school-record';
import { normaliseTitle } from './templates';
import { effectiveEndDate, endOfSchoolYear, parisDayNumber } from './validity';

/**
 * What the school ordered against what the console shows (issue 7): each order line matched to a
 * subscription — by ARK, else by normalised title and distributor — with a confidence the RA sees
 * and can confirm or correct, then delivered, partly delivered, with other dates, not delivered, or
 * delivered without an order; a CSV, and for each problem a message ready to send, in the RA's language.
 *
 * Decisions taken here:
 * - Deleted subscriptions (`supprime`) deliver nothing: never matched, never listed.
 * - « Livré sans commande » lists the unmatched subscriptions that are not GAR's own free ones
 *   (`automatique`) and whose validity overlaps the period of at least one order of the school:
 *   last year's subscriptions are not about this year's orders. Whole-school (ETABL) subscriptions
 *   are listed too: they are bought like the others.
 * - A subscription delivers at most one order, the best matched; the RA's decisions are honoured
 *   as given, even two orders on one subscription.
 * - Licences come from the subscription itself (`abonnement.licences`); an ETABL subscription gives
 *   the whole school access, so it covers any quantity; receiving more than ordered is no problem.
 * - Dates are Paris calendar days; a subscription that leaves more than DATE_TOLERANCE_DAYS of the
 *   ordered period uncovered, at its start or at its end, has « dates différentes ». Covering more
 *   than ordered is no problem and asks nothing of the distributor.
 * - When licences are missing and dates differ too, the status says the licences (pupils go
 *   without); the dates are still in the line and in the message.
 * - Only the orders of the UAI checked are considered: the store may hold several schools'.
 */

export type DeliveryStatus =
  | 'livre'
  | 'livrePartiellement'
  | 'datesDifferentes'
  | 'nonLivre'
  | 'livreSansCommande';

const DELIVERY_LABEL_KEYS: Readonly<Record<DeliveryStatus, MessageKey>> = {
  livre: 'orderCheckStatusLivre',
  livrePartiellement: 'orderCheckStatusLivrePartiellement',
  datesDifferentes: 'orderCheckStatusDatesDifferentes',
  nonLivre: 'orderCheckStatusNonLivre',
  livreSansCommande: 'orderCheckStatusLivreSansCommande',
};

/** The status as the RA reads it: « Livré », « Non livré »… */
export function deliveryLabel(status: DeliveryStatus): string {
  return t(DELIVERY_LABEL_KEYS[status]);
}

export type MatchConfidence = 'certaine' | 'forte' | 'faible';

export interface OrderMatch {
  orderId: string;
  idAbonnement: string;
  /** certaine: same ARK; forte: same title and distributor; faible: anything less, to confirm. */
  confidence: MatchConfidence;
  /** Why, in the RA's words. */
  reason: string;
}

/** The RA's confirmations and corrections: orderId → the subscription delivering it, or null for « pas livré ». */
export type MatchDecisions = ReadonlyMap<string, string | null>;

/** The RA's decisions as the school's record keeps them: none without a record or an answer. */
export function decisionsOf(school: Pick<SchoolRecord, 'appariements'> | null | undefined): MatchDecisions {
  return new Map(Object.entries(school?.appariements ?? {}));
}

export interface DeliveryLine {
  status: DeliveryStatus;
  order?: ExpectedOrder;
  subscription?: ConsoleSubscription;
  match?: OrderMatch;
  /** An uncertain match the RA has not confirmed yet. */
  aConfirmer: boolean;
  /** Licences missing per bucket (GLOBAL when totals were compared); unlimited orders are in the message. */
  manquantes?: Partial<Record<CounterBucket, number>>;
  /** The ordered and delivered periods, in the RA's words, whenever both sides are known. */
  dates?: { commande: string; livre: string };
  /**
   * A message ready to send, in the RA's language, for each problem: written when shown, since a
   * check of hundreds of orders shows a few of them (the popup and the badges show none).
   */
  message?: () => string;
}

/** A subscription created within a week of the ordered start is the usual delay, not worth a message. */
export const DATE_TOLERANCE_DAYS = 7;

/** Shorter normalised titles are contained in too many others to suggest anything. */
const MIN_CONTAINED_TITLE = 4;

const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Matching

type DistributorRelation = 'meme' | 'different' | 'absent' | 'nonVerifiable';

interface IndexedSubscription {
  subscription: ConsoleSubscription;
  title: string;
  siren: string;
}

interface SubscriptionIndex {
  byArk: Map<string, IndexedSubscription[]>;
  byTitle: Map<string, IndexedSubscription[]>;
  /** Distinct titles padded with spaces, for whole-word containment. */
  paddedTitles: [string, IndexedSubscription[]][];
}

/** ARKs compare without case, and an ARK pasted as a resolver URL (`https://n2t.net/ark:/…`) still counts. */
export function resourceKey(id: string): string {
  const key = id.trim().toLowerCase();
  const at = key.indexOf('ark:');
  return at > 0 ? key.slice(at) : key;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Built once per check: each order then costs two map lookups, and a scan only when titles differ. */
function indexSubscriptions(subscriptions: readonly ConsoleSubscription[]): SubscriptionIndex {
  const byArk = new Map<string, IndexedSubscription[]>();
  const byTitle = new Map<string, IndexedSubscription[]>();
  for (const subscription of subscriptions) {
    const { abonnement } = subscription;
    if (abonnement.supprime) continue;
    const indexed = {
      subscription,
      title: normaliseTitle(abonnement.libelleRessource),
      siren: abonnement.idDistributeurCom.slice(0, 9),
    };
    push(byArk, resourceKey(abonnement.idRessource), indexed);
    push(byTitle, indexed.title, indexed);
  }
  const paddedTitles = [...byTitle].map(([title, list]): [string, IndexedSubscription[]] => [
    ` ${title} `,
    list,
  ]);
  return { byArk, byTitle, paddedTitles };
}

/**
 * The console knows a distributor by its `SIREN_ISNI` only: an order naming it by SIREN, SIRET or
 * that id can be compared; an order naming it by its trade name cannot.
 */
function orderSiren(distributor: string): string | undefined {
  return /(?<!\d)(\d{9})(?:\d{5})?(?!\d)/.exec(distributor.replace(/[\s.]/g, ''))?.[1];
}

function distributorRelation(order: ExpectedOrder, siren: string): DistributorRelation {
  if (order.distributor === undefined) return 'absent';
  const ordered = orderSiren(order.distributor);
  if (ordered === undefined) return 'nonVerifiable';
  return ordered === siren ? 'meme' : 'different';
}

function titleReason(order: ExpectedOrder, relation: DistributorRelation, siren: string): string {
  switch (relation) {
    case 'meme':
      return t('orderCheckReasonSameDistributor');
    case 'absent':
      return t('orderCheckReasonNoDistributor');
    case 'nonVerifiable':
      return t('orderCheckReasonUnverifiableDistributor', order.distributor ?? '');
    case 'different':
      return t('orderCheckReasonOtherDistributor', siren);
  }
}

function matchOf(
  order: ExpectedOrder,
  indexed: IndexedSubscription,
  confidence: MatchConfidence,
  reason: string,
): OrderMatch {
  return {
    orderId: order.id,
    idAbonnement: indexed.subscription.abonnement.idAbonnement,
    confidence,
    reason,
  };
}

/** Same title: those of the order's distributor if any (forte), else every one (faible). */
function titleMatches(order: ExpectedOrder, sameTitle: readonly IndexedSubscription[]): OrderMatch[] {
  const related = sameTitle.map((indexed) => ({
    indexed,
    relation: distributorRelation(order, indexed.siren),
  }));
  const sameDistributor = related.filter(({ relation }) => relation === 'meme');
  return (sameDistributor.length > 0 ? sameDistributor : related).map(({ indexed, relation }) =>
    matchOf(
      order,
      indexed,
      relation === 'meme' ? 'forte' : 'faible',
      titleReason(order, relation, indexed.siren),
    ),
  );
}

/** One title contained in the other as whole words (« Maths 6e » in « Maths 6e manuel numérique »). */
function containedMatches(order: ExpectedOrder, title: string, index: SubscriptionIndex): OrderMatch[] {
  const padded = ` ${title} `;
  const matches: OrderMatch[] = [];
  for (const [other, list] of index.paddedTitles) {
    const shorter = other.length < padded.length ? other : padded;
    if (shorter.trim().length < MIN_CONTAINED_TITLE) continue;
    if (!other.includes(padded) && !padded.includes(other)) continue;
    for (const indexed of list)
      matches.push(matchOf(order, indexed, 'faible', t('orderCheckReasonSimilarTitle')));
  }
  return matches;
}

function candidatesOf(order: ExpectedOrder, index: SubscriptionIndex): OrderMatch[] {
  const byArk = order.ark === undefined ? undefined : index.byArk.get(resourceKey(order.ark));
  // The ARK names the resource; the title is only the fallback when the console has no such ARK.
  if (byArk) return byArk.map((indexed) => matchOf(order, indexed, 'certaine', t('orderCheckReasonSameArk')));
  const title = normaliseTitle(order.resourceTitle);
  // A title of punctuation only normalises to nothing, which says nothing about the resource.
  if (title === '') return [];
  const sameTitle = index.byTitle.get(title);
  if (sameTitle) return titleMatches(order, sameTitle);
  return containedMatches(order, title, index);
}

/**
 * The best candidates of each order line, several when ambiguous, none when nothing resembles it
 * (every order has an entry). Deleted subscriptions are never candidates.
 */
export function matchOrders(
  orders: readonly ExpectedOrder[],
  subscriptions: readonly ConsoleSubscription[],
): Map<string, OrderMatch[]> {
  const index = indexSubscriptions(subscriptions);
  return new Map(orders.map((order) => [order.id, candidatesOf(order, index)]));
}

// ---------------------------------------------------------------------------------------------
// Licences

/** Missing licences of one bucket; « illimite » when unlimited was ordered and a count delivered. */
type Shortfall = number | 'illimite';

interface BucketCheck {
  bucket: CounterBucket;
  commande: LicenceCount;
  livre: LicenceCount;
  manque: Shortfall;
}

interface LicenceCheck {
  buckets: BucketCheck[];
  /** One side counts globally and the other per profile: totals were compared. */
  totaux: boolean;
}

function shortfall(ordered: LicenceCount, bought: LicenceCount): Shortfall {
  if (bought === 'ILLIMITE') return 0;
  if (ordered === 'ILLIMITE') return 'illimite';
  return Math.max(0, ordered - bought);
}

/**
 * A total taken cautiously, so that a mismatch is never read as « livré »: an order asking unlimited
 * licences for any profile asks unlimited in total, while a subscription is unlimited in total only
 * when every profile is (teachers are often unlimited while pupils are counted).
 */
function total(licences: Licences, side: 'commande' | 'livre'): LicenceCount {
  if (licences.kind === 'global') return licences.count;
  const counts = Object.values(licences.counts).filter((count) => count !== undefined);
  const unlimited = counts.filter((count) => count === 'ILLIMITE').length;
  const isUnlimited = side === 'commande' ? unlimited > 0 : unlimited > 0 && unlimited === counts.length;
  if (isUnlimited) return 'ILLIMITE';
  return counts.reduce<number>((sum, count) => sum + (count === 'ILLIMITE' ? 0 : count), 0);
}

function checkLicences(ordered: Licences, abonnement: Abonnement): LicenceCheck {
  const bought = abonnement.licences;
  if (abonnement.typeAffectation === 'ETABL') return { buckets: [], totaux: false };
  if (ordered.kind === 'parProfil' && bought.kind === 'parProfil') {
    const buckets = Object.entries(ordered.counts).flatMap(([profil, commande]) => {
      if (commande === undefined) return [];
      const livre = bought.counts[profil as Profil] ?? 0;
      return [{ bucket: profil as Profil, commande, livre, manque: shortfall(commande, livre) }];
    });
    return { buckets, totaux: false };
  }
  const commande = total(ordered, 'commande');
  const livre = total(bought, 'livre');
  return {
    buckets: [{ bucket: 'GLOBAL', commande, livre, manque: shortfall(commande, livre) }],
    totaux: ordered.kind !== bought.kind,
  };
}

const isShort = (bucket: BucketCheck): boolean => bucket.manque !== 0;

function manquantesOf(check: LicenceCheck): Partial<Record<CounterBucket, number>> {
  const manquantes: Partial<Record<CounterBucket, number>> = {};
  for (const { bucket, manque } of check.buckets)
    if (typeof manque === 'number' && manque > 0) manquantes[bucket] = manque;
  return manquantes;
}

function surplus({ commande, livre }: BucketCheck): number {
  if (livre === 'ILLIMITE') return commande === 'ILLIMITE' ? 0 : Number.POSITIVE_INFINITY;
  return commande === 'ILLIMITE' ? 0 : Math.max(0, livre - commande);
}

/**
 * How far a subscription's licences are from an order, for ranking candidates: licences missing
 * (an unlimited shortfall ranks last), then licences beyond the order — so that two orders of one
 * resource each get the subscription of their own size.
 */
function licenceDistance(check: LicenceCheck): { missing: number; extra: number } {
  let missing = 0;
  let extra = 0;
  for (const bucket of check.buckets) {
    missing += bucket.manque === 'illimite' ? Number.POSITIVE_INFINITY : bucket.manque;
    extra += surplus(bucket);
  }
  return { missing, extra };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A period in Paris calendar days (days since 1970-01-01); no end means no end date at all. */
interface DayRange {
  start: number;
  end: number | null;
}

/** An order always says when it ends. */
type OrderedRange = DayRange & { end: number };

const isoDay = (date: string): number => Date.parse(date) / MS_PER_DAY;

/** A school year runs from 1 September to 31 August, as a subscription « for a school year » does. */
function orderDays(period: OrderPeriod): OrderedRange {
  if ('schoolYear' in period) {
    return {
      start: Date.UTC(Number(period.schoolYear.slice(0, 4)), 8, 1) / MS_PER_DAY,
      end: parisDayNumber(endOfSchoolYear(period.schoolYear)),
    };
  }
  return { start: isoDay(period.start), end: isoDay(period.end) };
}

function subscriptionDays(abonnement: Abonnement): DayRange {
  const end = effectiveEndDate(abonnement);
  return {
    start: parisDayNumber(new Date(abonnement.debutValidite)),
    end: end ? parisDayNumber(end.date) : null,
  };
}

/** Ordered days the delivery leaves uncovered beyond the tolerance, at its start or its end. */
function datesDiffer(ordered: OrderedRange, delivered: DayRange): boolean {
  const lateStart = delivered.start > ordered.start + DATE_TOLERANCE_DAYS;
  const earlyEnd = delivered.end !== null && delivered.end < ordered.end - DATE_TOLERANCE_DAYS;
  return lateStart || earlyEnd;
}

/** How far apart two periods are, to prefer this year's subscription over last year's. */
function dayGap(ordered: OrderedRange, delivered: DayRange): number {
  const endGap = delivered.end === null ? 0 : Math.abs(ordered.end - delivered.end);
  return Math.abs(ordered.start - delivered.start) + endGap;
}

function overlaps(a: DayRange, b: DayRange): boolean {
  return a.start <= (b.end ?? Number.POSITIVE_INFINITY) && b.start <= (a.end ?? Number.POSITIVE_INFINITY);
}

/** « 3 septembre 2026 », by the project's one formatter of calendar days. */
function formatDay(day: number): string {
  return formatCalendarDayLong(new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

function formatRange(range: DayRange): string {
  if (range.end === null) return t('orderCheckRangeOpen', formatDay(range.start));
  return t('orderCheckRange', formatDay(range.start), formatDay(range.end));
}

// ---------------------------------------------------------------------------------------------
// Assigning subscriptions to orders

interface Assignment {
  subscription: ConsoleSubscription;
  match: OrderMatch;
  decided: boolean;
}

/** Per-check memo: a subscription's days are read once, however many orders consider it. */
type DaysOf = (subscription: ConsoleSubscription) => DayRange;

function memoDays(): DaysOf {
  const memo = new Map<ConsoleSubscription, DayRange>();
  return (subscription) => {
    let days = memo.get(subscription);
    if (!days) {
      days = subscriptionDays(subscription.abonnement);
      memo.set(subscription, days);
    }
    return days;
  };
}

const CONFIDENCE_RANK: Record<MatchConfidence, number> = { certaine: 0, forte: 1, faible: 2 };

function decidedMatch(
  order: ExpectedOrder,
  idAbonnement: string,
  candidates: readonly OrderMatch[],
): OrderMatch {
  const found = candidates.find((candidate) => candidate.idAbonnement === idAbonnement);
  return {
    orderId: order.id,
    idAbonnement,
    confidence: found?.confidence ?? 'faible',
    reason: 'rapprochement choisi par vous',
  };
}

interface Pair {
  order: ExpectedOrder;
  orderIndex: number;
  match: OrderMatch;
  subscription: ConsoleSubscription;
  dayGap: number;
  missing: number;
  extra: number;
}

/** Infinite distances compare too, where a subtraction would give NaN. */
const ascending = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Best first: confidence, then the closest period, then the closest licences, then order. */
function comparePairs(a: Pair, b: Pair): number {
  return (
    CONFIDENCE_RANK[a.match.confidence] - CONFIDENCE_RANK[b.match.confidence] ||
    a.dayGap - b.dayGap ||
    ascending(a.missing, b.missing) ||
    ascending(a.extra, b.extra) ||
    a.orderIndex - b.orderIndex
  );
}

/**
 * Decisions first (a decision naming a subscription no longer shown is stale and ignored), then
 * the remaining candidates greedily, best pair first, each subscription to one order.
 */
function assignSubscriptions(
  orders: readonly ExpectedOrder[],
  byId: ReadonlyMap<string, ConsoleSubscription>,
  matches: ReadonlyMap<string, OrderMatch[]>,
  decisions: MatchDecisions,
  daysOf: DaysOf,
): Map<string, Assignment | null> {
  const assigned = new Map<string, Assignment | null>();
  const claimed = new Set<string>();
  for (const order of orders) {
    const decision = decisions.get(order.id);
    if (decision === null) {
      assigned.set(order.id, null);
      continue;
    }
    const subscription = decision === undefined ? undefined : byId.get(decision);
    if (decision === undefined || !subscription) continue;
    assigned.set(order.id, {
      subscription,
      match: decidedMatch(order, decision, matches.get(order.id) ?? []),
      decided: true,
    });
    claimed.add(decision);
  }
  const pairs: Pair[] = [];
  orders.forEach((order, orderIndex) => {
    if (assigned.has(order.id)) return;
    const ordered = orderDays(order.period);
    for (const match of matches.get(order.id) ?? []) {
      const subscription = byId.get(match.idAbonnement);
      if (!subscription || claimed.has(match.idAbonnement)) continue;
      const gap = dayGap(ordered, daysOf(subscription));
      const distance = licenceDistance(checkLicences(order.quantity, subscription.abonnement));
      pairs.push({ order, orderIndex, match, subscription, dayGap: gap, ...distance });
    }
  });
  for (const pair of pairs.sort(comparePairs)) {
    if (assigned.has(pair.order.id) || claimed.has(pair.match.idAbonnement)) continue;
    assigned.set(pair.order.id, { subscription: pair.subscription, match: pair.match, decided: false });
    claimed.add(pair.match.idAbonnement);
  }
  return assigned;
}

// ---------------------------------------------------------------------------------------------
// Messages

interface MessageContext {
  uai: string;
  schoolName?: string;
}

const countText = (count: LicenceCount): string =>
  count === 'ILLIMITE' ? t('orderCheckUnlimited') : String(count);

/** « élèves : 150, enseignants : illimité », or « tous publics : 150 ». */
function licencesText(licences: Licences): string {
  if (licences.kind === 'global') {
    return t('orderCheckBucketCount', BUCKET_LABELS.GLOBAL ?? 'GLOBAL', countText(licences.count));
  }
  return Object.entries(licences.counts)
    .flatMap(([profil, count]) =>
      count === undefined
        ? []
        : [t('orderCheckBucketCount', BUCKET_LABELS[profil as Profil] ?? profil, countText(count))],
    )
    .join(', ');
}

function deliveredLicencesText(abonnement: Abonnement): string {
  return abonnement.typeAffectation === 'ETABL'
    ? t('orderCheckSchoolLicence')
    : licencesText(abonnement.licences);
}

function shortfallText({ bucket, commande, livre, manque }: BucketCheck): string {
  const missing = manque === 'illimite' ? t('orderCheckUnlimitedOrdered') : tn(manque, 'orderCheckMissing');
  const label = BUCKET_LABELS[bucket] ?? bucket;
  return t('orderCheckShortfall', label, countText(commande), countText(livre), missing);
}

function schoolText({ uai, schoolName }: MessageContext): string {
  return schoolName ? t('orderCheckNamedSchool', schoolName, uai) : t('orderCheckUnnamedSchool', uai);
}

function signatureOf({ uai, schoolName }: MessageContext): string {
  return schoolName ? t('orderCheckSignatureNamed', schoolName, uai) : t('orderCheckSignature', uai);
}

function orderedResourceText(order: ExpectedOrder): string {
  const ark = order.ark ? ` (ARK ${order.ark})` : '';
  const reference = order.reference ? t('orderCheckReferencePart', order.reference) : '';
  const distributor = order.distributor ? t('orderCheckDistributorPart', order.distributor) : '';
  return t('orderCheckOrderedResource', order.resourceTitle, `${ark}${reference}${distributor}`);
}

function seenSubscriptionText({ abonnement }: ConsoleSubscription): string {
  const licences =
    abonnement.typeAffectation === 'ETABL'
      ? t('orderCheckSchoolLicence')
      : t('orderCheckLicencesList', licencesText(abonnement.licences));
  const period = formatRange(subscriptionDays(abonnement));
  const { idAbonnement, libelleRessource, idRessource } = abonnement;
  return t('orderCheckSeenSubscription', idAbonnement, libelleRessource, idRessource, licences, period);
}

interface OrderProblem {
  order: ExpectedOrder;
  subscription?: ConsoleSubscription;
  licences?: LicenceCheck;
  datesDiffer: boolean;
}

function subjectOf(problem: OrderProblem): string {
  if (!problem.subscription) return t('orderCheckSubjectNotDelivered');
  if (problem.licences?.buckets.some(isShort)) return t('orderCheckSubjectMissingLicences');
  return t('orderCheckSubjectDates');
}

function seenLines(problem: OrderProblem): string[] {
  const { subscription, licences } = problem;
  if (!subscription) return [t('orderCheckSeenNothing')];
  const lines = [t('orderCheckSeen', seenSubscriptionText(subscription))];
  const short = licences?.buckets.filter(isShort) ?? [];
  if (short.length > 0) {
    const shortfalls = short.map(shortfallText).join(' ; ');
    lines.push(
      t(licences?.totaux ? 'orderCheckMissingLicencesTotals' : 'orderCheckMissingLicences', shortfalls),
    );
  }
  if (problem.datesDiffer) lines.push(t('orderCheckDatesShort'));
  return lines;
}

function requestOf(problem: OrderProblem, uai: string): string {
  const { subscription } = problem;
  if (!subscription) return t('orderCheckAskCreate', uai);
  const { idAbonnement } = subscription.abonnement;
  // A line with a message lacks licences, or dates, or both: there is always something to ask.
  if (!problem.licences?.buckets.some(isShort)) return t('orderCheckAskDates', idAbonnement);
  return t(problem.datesDiffer ? 'orderCheckAskLicencesAndDates' : 'orderCheckAskLicences', idAbonnement);
}

/** For the distributor: what was ordered, what the console shows, and what to do. */
function distributorMessage(problem: OrderProblem, context: MessageContext): string {
  const { order } = problem;
  const subject = order.reference
    ? t('orderCheckSubjectWithReference', subjectOf(problem), context.uai, order.reference)
    : t('orderCheckSubject', subjectOf(problem), context.uai);
  return [
    subject,
    '',
    t('orderCheckDearSirOrMadam'),
    '',
    t('orderCheckWeOrdered', schoolText(context), orderedResourceText(order)),
    t('orderCheckOrdered', licencesText(order.quantity), formatRange(orderDays(order.period))),
    ...seenLines(problem),
    '',
    requestOf(problem, context.uai),
    '',
    t('orderCheckThanks'),
    signatureOf(context),
  ].join('\n');
}

/** For GAR support, who can tell which distributor created a subscription the school never ordered. */
function supportMessage(subscription: ConsoleSubscription, context: MessageContext): string {
  const { abonnement } = subscription;
  return [
    t('orderCheckSupportSubject', context.uai),
    '',
    t('orderCheckHello'),
    '',
    t(
      'orderCheckSupportSeen',
      schoolText(context),
      seenSubscriptionText(subscription),
      abonnement.idDistributeurCom,
    ),
    t('orderCheckSupportNoOrder'),
    '',
    t('orderCheckSupportAsk'),
    '',
    t('orderCheckThanks'),
    signatureOf(context),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Lines

function notDeliveredLine(order: ExpectedOrder, context: MessageContext): DeliveryLine {
  const message = (): string => distributorMessage({ order, datesDiffer: false }, context);
  return { status: 'nonLivre', order, aConfirmer: false, message };
}

function statusOf(licences: LicenceCheck, differ: boolean): DeliveryStatus {
  if (licences.buckets.some(isShort)) return 'livrePartiellement';
  return differ ? 'datesDifferentes' : 'livre';
}

function deliveredLine(
  order: ExpectedOrder,
  assignment: Assignment,
  context: MessageContext,
  daysOf: DaysOf,
): DeliveryLine {
  const { subscription, match, decided } = assignment;
  const ordered = orderDays(order.period);
  const delivered = daysOf(subscription);
  const licences = checkLicences(order.quantity, subscription.abonnement);
  const differ = datesDiffer(ordered, delivered);
  const status = statusOf(licences, differ);
  const manquantes = manquantesOf(licences);
  return {
    status,
    order,
    subscription,
    match,
    aConfirmer: !decided && match.confidence === 'faible',
    ...(Object.keys(manquantes).length > 0 ? { manquantes } : {}),
    dates: { commande: formatRange(ordered), livre: formatRange(delivered) },
    ...(status === 'livre'
      ? {}
      : {
          message: () => distributorMessage({ order, subscription, licences, datesDiffer: differ }, context),
        }),
  };
}

/** Subscriptions no order accounts for, among those that could be about the orders checked. */
function unorderedLines(
  subscriptions: readonly ConsoleSubscription[],
  claimed: ReadonlySet<string>,
  periods: readonly DayRange[],
  context: MessageContext,
  daysOf: DaysOf,
): DeliveryLine[] {
  return subscriptions
    .filter(
      ({ abonnement }) =>
        !abonnement.supprime && !abonnement.automatique && !claimed.has(abonnement.idAbonnement),
    )
    .filter((subscription) => periods.some((period) => overlaps(period, daysOf(subscription))))
    .map((subscription) => ({
      status: 'livreSansCommande',
      subscription,
      aConfirmer: false,
      message: () => supportMessage(subscription, context),
    }));
}

const NO_DECISIONS: MatchDecisions = new Map();

/**
 * One line per order of the school, in the orders' order, then one per subscription delivered
 * without an order, in the console's order.
 */
export function checkDeliveries(
  allOrders: readonly ExpectedOrder[],
  subscriptions: readonly ConsoleSubscription[],
  options: { uai: string; schoolName?: string; decisions?: MatchDecisions },
): DeliveryLine[] {
  const { decisions = NO_DECISIONS, ...context } = options;
  const orders = allOrders.filter((order) => order.uai === context.uai);
  const daysOf = memoDays();
  const byId = new Map(
    subscriptions
      .filter(({ abonnement }) => !abonnement.supprime)
      .map((subscription) => [subscription.abonnement.idAbonnement, subscription]),
  );
  const assigned = assignSubscriptions(orders, byId, matchOrders(orders, subscriptions), decisions, daysOf);
  const lines = orders.map((order) => {
    const assignment = assigned.get(order.id);
    return assignment ? deliveredLine(order, assignment, context, daysOf) : notDeliveredLine(order, context);
  });
  const claimed = new Set(
    [...assigned.values()].flatMap((a) => (a ? [a.subscription.abonnement.idAbonnement] : [])),
  );
  const periods = orders.map((order) => orderDays(order.period));
  return [...lines, ...unorderedLines(subscriptions, claimed, periods, context, daysOf)];
}

// ---------------------------------------------------------------------------------------------
// CSV

function manquantesText(manquantes: DeliveryLine['manquantes']): string {
  return Object.entries(manquantes ?? {})
    .map(([bucket, count]) =>
      t('orderCheckBucketCount', BUCKET_LABELS[bucket as CounterBucket] ?? bucket, String(count)),
    )
    .join(', ');
}

function csvRow(line: DeliveryLine) {
  const { order, subscription, match } = line;
  const abonnement = subscription?.abonnement;
  // Headers in the RA's language; GAR's own field names (idAbonnement…) and the confidence codes
  // stay as GAR and the records write them.
  return {
    [t('orderCheckCsvStatus')]: deliveryLabel(line.status),
    [t('orderCheckCsvToConfirm')]: line.aConfirmer ? t('orderCheckCsvYes') : t('orderCheckCsvNo'),
    [t('orderCheckCsvOrderedTitle')]: order?.resourceTitle ?? '',
    [t('orderCheckCsvOrderReference')]: order?.reference ?? '',
    [t('orderCheckCsvOrderedArk')]: order?.ark ?? '',
    [t('orderCheckCsvOrderedDistributor')]: order?.distributor ?? '',
    [t('orderCheckCsvOrderedLicences')]: order ? licencesText(order.quantity) : '',
    [t('orderCheckCsvOrderedPeriod')]: order ? formatRange(orderDays(order.period)) : '',
    idAbonnement: abonnement?.idAbonnement ?? '',
    [t('orderCheckCsvDeliveredResource')]: abonnement?.libelleRessource ?? '',
    idRessource: abonnement?.idRessource ?? '',
    idDistributeurCom: abonnement?.idDistributeurCom ?? '',
    [t('orderCheckCsvDeliveredLicences')]: abonnement ? deliveredLicencesText(abonnement) : '',
    [t('orderCheckCsvDeliveredPeriod')]: abonnement ? formatRange(subscriptionDays(abonnement)) : '',
    [t('orderCheckCsvMissingLicences')]: manquantesText(line.manquantes),
    [t('orderCheckCsvConfidence')]: match?.confidence ?? '',
    [t('orderCheckCsvMatch')]: match?.reason ?? '',
    [t('orderCheckCsvMessage')]: line.message?.() ?? '',
  };
}

/** The check as a spreadsheet for French Excel, one row per line, messages included. */
export function deliveriesCsv(lines: readonly DeliveryLine[]): string {
  return frenchExcelCsv(lines.map(csvRow));
}
