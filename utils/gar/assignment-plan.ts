import { type LicenceCount, PROFILS } from './abonnement';
import type { Cible, ConsoleSubscription, CounterBucket, Personne } from './school';
import {
  type PopulationIndex,
  resolveTargets,
  type SyncDefect,
  syncDefects,
  type TargetProblem,
  type TargetResolution,
} from './targets';
import { validityStatus } from './validity';

/**
 * The bulk-assignment plan: for each subscription, who the chosen targets would add, who already
 * holds a licence and who is left out and why — predicting exactly what the console's server does
 * with one request per subscription (tests/sim/server/rules.ts): ETABL, expired and not-started
 * subscriptions are refused; a shortage refuses the whole request unless « jusqu'à épuisement »,
 * which serves persons in target order until a bucket runs dry. Locked licences are already
 * counted as taken in the subscription's `compteurs`, so `disponibles` is trusted as is.
 */

export type Exclusion = 'horsPublic' | 'etablissement' | 'expire' | 'pasEncoreActif' | 'licences';
export type Refus = 'etablissement' | 'expire' | 'pasEncoreActif';

export interface BucketPlan {
  bucket: CounterBucket;
  /** Persons to add, in target order. */
  nouveaux: string[];
  /** Designated persons who already hold a licence of this subscription. */
  deja: string[];
  /** Licences the designated persons without one would take. */
  besoin: number;
  disponibles: LicenceCount;
  /** Licences missing to serve every designated person (0 when enough). */
  manquantes: number;
}

export interface TargetPlan {
  cible: Cible;
  /** Counts of the persons this target designates first (a person in two targets counts once). */
  nouveaux: number;
  deja: number;
  exclus: number;
  nouveauxIds: string[];
}

export interface SubscriptionPlan {
  idAbonnement: string;
  /** The version the request must carry (the console refuses a stale one). */
  version: number;
  refus?: Refus;
  /** Buckets the targets concern; none when the subscription is refused. */
  buckets: BucketPlan[];
  /** The targets to send for this subscription (those without a problem), in order. */
  parCible: TargetPlan[];
  exclus: { idPersonne: string; raison: Exclusion }[];
  /** Targets the console would refuse for this subscription: they must not be sent. */
  problemes: TargetProblem[];
  manquantes: Partial<Record<CounterBucket, number>>;
}

export interface AssignmentPlan {
  abonnements: SubscriptionPlan[];
  totalNouveaux: number;
  /** Some subscription lacks licences for all its designated persons. */
  manquantes: boolean;
  defauts: SyncDefect[];
}

export interface AssignmentInput {
  subscriptions: readonly ConsoleSubscription[];
  /** Current affectations: subscription id → ids of the persons holding one of its licences. */
  holders: ReadonlyMap<string, ReadonlySet<string>>;
  index: PopulationIndex;
  cibles: readonly Cible[];
  now: Date;
  /** false: a short subscription is refused whole; true: served in target order until exhausted. */
  jusquAEpuisement: boolean;
}

const NO_HOLDERS: ReadonlySet<string> = new Set();

/** Why the console refuses any individual assignment on this subscription, if it does. */
export function refusalOf(subscription: ConsoleSubscription, now: Date): Refus | undefined {
  const { abonnement } = subscription;
  if (abonnement.typeAffectation === 'ETABL') return 'etablissement';
  const { status } = validityStatus(abonnement, now, { expiringDays: 0 });
  return status === 'expire' || status === 'pasEncoreActif' ? status : undefined;
}

function bucketOf(subscription: ConsoleSubscription, person: Personne): CounterBucket {
  return subscription.abonnement.licences.kind === 'global' ? 'GLOBAL' : person.profil;
}

/** Designated persons split per bucket, in target order, between holders and persons without one. */
function splitByBucket(
  subscription: ConsoleSubscription,
  persons: readonly Personne[],
  held: ReadonlySet<string>,
): Map<CounterBucket, { fresh: string[]; deja: string[] }> {
  const buckets = new Map<CounterBucket, { fresh: string[]; deja: string[] }>();
  for (const person of persons) {
    const bucket = bucketOf(subscription, person);
    let split = buckets.get(bucket);
    if (!split) {
      split = { fresh: [], deja: [] };
      buckets.set(bucket, split);
    }
    (held.has(person.id) ? split.deja : split.fresh).push(person.id);
  }
  return buckets;
}

function bucketPlans(
  subscription: ConsoleSubscription,
  persons: readonly Personne[],
  held: ReadonlySet<string>,
  jusquAEpuisement: boolean,
): BucketPlan[] {
  const plans: BucketPlan[] = [];
  for (const [bucket, { fresh, deja }] of splitByBucket(subscription, persons, held)) {
    // A bucket the console shows no counter for has nothing to give (the server reads it as 0).
    const disponibles = subscription.compteurs[bucket]?.disponibles ?? 0;
    const room = disponibles === 'ILLIMITE' ? fresh.length : Math.min(disponibles, fresh.length);
    plans.push({
      bucket,
      nouveaux: fresh.slice(0, room),
      deja,
      besoin: fresh.length,
      disponibles,
      manquantes: fresh.length - room,
    });
  }
  const short = plans.some((plan) => plan.manquantes > 0);
  if (short && !jusquAEpuisement) for (const plan of plans) plan.nouveaux = [];
  // Pupils first, as everywhere the RA reads counts — not whoever comes first by name.
  return plans.sort((a, b) => BUCKET_ORDER.indexOf(a.bucket) - BUCKET_ORDER.indexOf(b.bucket));
}

const BUCKET_ORDER: readonly CounterBucket[] = ['GLOBAL', ...PROFILS];

function missingOf(buckets: readonly BucketPlan[]): SubscriptionPlan['manquantes'] {
  const manquantes: SubscriptionPlan['manquantes'] = {};
  for (const plan of buckets) if (plan.manquantes > 0) manquantes[plan.bucket] = plan.manquantes;
  return manquantes;
}

/** Per-target counts and the excluded persons with their reason, both in target order. */
function targetOutcome(
  resolution: TargetResolution,
  held: ReadonlySet<string>,
  added: ReadonlySet<string>,
  raison: Exclusion,
): Pick<SubscriptionPlan, 'parCible' | 'exclus'> {
  const exclus: SubscriptionPlan['exclus'] = [];
  const parCible = resolution.perTarget.map(({ cible, personIds, horsPublic }) => {
    const target: TargetPlan = { cible, nouveaux: 0, deja: 0, exclus: horsPublic.length, nouveauxIds: [] };
    for (const idPersonne of horsPublic) exclus.push({ idPersonne, raison: 'horsPublic' });
    for (const id of personIds) {
      if (added.has(id)) target.nouveauxIds.push(id);
      else if (held.has(id)) target.deja += 1;
      else {
        target.exclus += 1;
        exclus.push({ idPersonne: id, raison });
      }
    }
    target.nouveaux = target.nouveauxIds.length;
    return target;
  });
  return { parCible, exclus };
}

function planSubscription(
  subscription: ConsoleSubscription,
  resolution: TargetResolution,
  held: ReadonlySet<string>,
  now: Date,
  jusquAEpuisement: boolean,
): SubscriptionPlan {
  const refus = refusalOf(subscription, now);
  const buckets = refus ? [] : bucketPlans(subscription, resolution.persons, held, jusquAEpuisement);
  const added = new Set(buckets.flatMap((plan) => plan.nouveaux));
  return {
    idAbonnement: subscription.abonnement.idAbonnement,
    version: subscription.version,
    ...(refus ? { refus } : {}),
    buckets,
    ...targetOutcome(resolution, held, added, refus ?? 'licences'),
    problemes: resolution.problems,
    manquantes: missingOf(buckets),
  };
}

/**
 * Resolution depends only on the targets and the publics: subscriptions sharing their publics
 * (most of a school's) share one resolution instead of walking the targets again.
 */
function resolverFor(
  index: PopulationIndex,
  cibles: readonly Cible[],
): (subscription: ConsoleSubscription) => TargetResolution {
  const byPublics = new Map<string, TargetResolution>();
  return ({ abonnement }) => {
    const key = [...abonnement.publicCible].sort().join('|');
    let resolution = byPublics.get(key);
    if (!resolution) {
      resolution = resolveTargets(index, abonnement, cibles);
      byPublics.set(key, resolution);
    }
    return resolution;
  };
}

export function planAssignment(input: AssignmentInput): AssignmentPlan {
  const { subscriptions, holders, index, cibles, now, jusquAEpuisement } = input;
  const resolve = resolverFor(index, cibles);
  const abonnements = subscriptions.map((subscription) =>
    planSubscription(
      subscription,
      resolve(subscription),
      holders.get(subscription.abonnement.idAbonnement) ?? NO_HOLDERS,
      now,
      jusquAEpuisement,
    ),
  );
  return {
    abonnements,
    totalNouveaux: abonnements.reduce(
      (sum, plan) => sum + plan.parCible.reduce((n, t) => n + t.nouveaux, 0),
      0,
    ),
    manquantes: abonnements.some((plan) => Object.keys(plan.manquantes).length > 0),
    defauts: syncDefects(index, cibles),
  };
}

/** What the plan adds, per subscription, in target order (subscriptions adding nobody left out). */
export function additionsOf(plan: AssignmentPlan): Map<string, string[]> {
  const additions = new Map<string, string[]>();
  for (const { idAbonnement, parCible } of plan.abonnements) {
    const ids = parCible.flatMap((target) => target.nouveauxIds);
    if (ids.length > 0) additions.set(idAbonnement, ids);
  }
  return additions;
}

/** The holders once the plan is carried out; the given map is left untouched. */
export function applyPlan(
  holders: ReadonlyMap<string, ReadonlySet<string>>,
  plan: AssignmentPlan,
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [id, persons] of holders) result.set(id, new Set(persons));
  for (const [id, added] of additionsOf(plan)) {
    const persons = result.get(id) ?? new Set<string>();
    for (const person of added) persons.add(person);
    result.set(id, persons);
  }
  return result;
}

/**
 * Undo of a job: remove what it added and is still there — never a person someone else removed
 * meanwhile (nothing to do) nor anyone it did not add. Subscriptions with nothing to remove are
 * left out, so each entry is one removal request.
 */
export function planUndo(
  added: ReadonlyMap<string, readonly string[]>,
  holders: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, string[]> {
  const removals = new Map<string, string[]>();
  for (const [id, persons] of added) {
    const current = holders.get(id);
    if (!current) continue;
    const still = [...new Set(persons)].filter((person) => current.has(person));
    if (still.length > 0) removals.set(id, still);
  }
  return removals;
}

/** How one subscription's plan moved between two readings of the console (another RA, a retry). */
export interface PlanChange {
  idAbonnement: string;
  nouveaux: readonly [avant: number, apres: number];
  deja: readonly [avant: number, apres: number];
  manquantes: readonly [avant: number, apres: number];
  refus?: Refus;
}

function countsOf(plan: SubscriptionPlan): { nouveaux: number; deja: number; manquantes: number } {
  return {
    nouveaux: plan.parCible.reduce((sum, target) => sum + target.nouveaux, 0),
    deja: plan.buckets.reduce((sum, bucket) => sum + bucket.deja.length, 0),
    manquantes: Object.values(plan.manquantes).reduce((sum, missing) => sum + (missing ?? 0), 0),
  };
}

/**
 * What changed between the plan the RA confirmed and a fresh one, subscription by subscription —
 * shown before going on, so nothing the RA did not see is written. Unchanged ones are left out.
 */
export function planChanges(before: AssignmentPlan, after: AssignmentPlan): PlanChange[] {
  const previous = new Map(before.abonnements.map((plan) => [plan.idAbonnement, countsOf(plan)]));
  const changes: PlanChange[] = [];
  for (const plan of after.abonnements) {
    const then = previous.get(plan.idAbonnement);
    if (!then) continue;
    const now = countsOf(plan);
    const moved =
      then.nouveaux !== now.nouveaux || then.deja !== now.deja || then.manquantes !== now.manquantes;
    if (!moved && !plan.refus) continue;
    changes.push({
      idAbonnement: plan.idAbonnement,
      nouveaux: [then.nouveaux, now.nouveaux],
      deja: [then.deja, now.deja],
      manquantes: [then.manquantes, now.manquantes],
      ...(plan.refus ? { refus: plan.refus } : {}),
    });
  }
  return changes;
}

/**
 * Plans made separately — subscriptions that each have their own targets (templates, a resumed
 * template job) — as one plan: what one preview shows and one job carries out.
 */
export function mergePlans(plans: readonly AssignmentPlan[]): AssignmentPlan {
  const seen = new Set<string>();
  const defauts = plans
    .flatMap((plan) => plan.defauts)
    .filter((defect) => !seen.has(defect.message) && seen.add(defect.message));
  return {
    abonnements: plans.flatMap((plan) => plan.abonnements),
    totalNouveaux: plans.reduce((sum, plan) => sum + plan.totalNouveaux, 0),
    manquantes: plans.some((plan) => plan.manquantes),
    defauts,
  };
}
