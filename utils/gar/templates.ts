import { type MessageKey, t } from '../i18n';
import type { Profil } from './abonnement';
import { type AssignmentPlan, mergePlans, planAssignment, refusalOf } from './assignment-plan';
import type { Cible, ConsoleSubscription } from './school';
import { type PopulationIndex, resolveTargets } from './targets';
import type { Template, TemplateRule, TemplateTarget } from './template-record';

/**
 * Assignment templates applied to this year's console (issue 6): each rule's resource found among
 * the subscriptions (by ARK, else by title — never by idAbonnement, which changes every year), its
 * targets turned into today's divisions and groups, then one plan for every template at once
 * (« plan de rentrée »), the caps it would break, how far today's state is from a template, and a
 * CSV of what was resolved. Whatever cannot be resolved is reported for the RA to decide on,
 * never dropped silently.
 */

// ---------------------------------------------------------------------------------------------
// Text matching

/** Accents, case and punctuation folded, so « Latin – 5e » and « latin 5E » compare equal. */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A trailing edition mention (« – éd. 2023 », « (édition 2024) », « - edition 2023 »), read after
 * accents and case are folded: publishers renew a title each year under the same resource.
 */
const EDITION_SUFFIX =
  /(?<![\p{L}\p{N}])[([]?\s*(?:ed\.?|edition)\s*\d{4}(?:\s*[-/]\s*\d{2,4})?\s*[)\]]?\s*$/u;

/**
 * A level written as an ordinal (« 5ème », « 5eme », « 5° », « 1re », « 2nde »), read after accents
 * and case are folded: order exports and publishers spell the same class differently, « 5e » is kept.
 */
const LEVEL_ORDINAL = /(?<![\p{L}\p{N}])(\d{1,2})(?:ieme|eme|em|ere|er|re|nde|de|e|°)(?![\p{L}\p{N}])/gu;

export function normaliseTitle(title: string): string {
  const folded = title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return foldText(folded.replace(EDITION_SUFFIX, '').replace(LEVEL_ORDINAL, '$1e'));
}

// ---------------------------------------------------------------------------------------------
// Resources

function usable(subscription: ConsoleSubscription, now: Date): boolean {
  return !subscription.abonnement.supprime && refusalOf(subscription, now) === undefined;
}

/** Subscriptions a rule's resource designates: same ARK, else same normalised title; usable ones only. */
export function candidatesFor(
  rule: TemplateRule,
  subscriptions: readonly ConsoleSubscription[],
  now: Date,
): ConsoleSubscription[] {
  const open = subscriptions.filter((subscription) => usable(subscription, now));
  const ark = rule.resource.ark?.trim().toLowerCase();
  if (ark) {
    const byArk = open.filter(({ abonnement }) => abonnement.idRessource.trim().toLowerCase() === ark);
    if (byArk.length > 0) return byArk;
  }
  // The ARK may have changed (new edition, new publisher): the title keeps the rule alive.
  const title = normaliseTitle(rule.resource.title);
  return open.filter(({ abonnement }) => normaliseTitle(abonnement.libelleRessource) === title);
}

/** Words that do not tell two resources apart. */
const GENERIC_WORDS = new Set(['les', 'des', 'aux', 'une', 'pour', 'avec', 'manuel', 'numerique']);
const LEVEL_WORD = /^\d{1,2}e$/;

/** A title's meaningful words, once normalised: its subject, its level (« 5e »), its name. */
function titleWords(title: string): Set<string> {
  return new Set(
    normaliseTitle(title)
      .split(' ')
      .filter((word) => (word.length > 2 || LEVEL_WORD.test(word)) && !GENERIC_WORDS.has(word)),
  );
}

/** Shared words over all words (0 to 1): « Maths 5e » is closer to « Maths 5e – Hachette » than to « Maths 6e ». */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  const all = new Set([...a, ...b]).size;
  return all === 0 ? 0 : shared / all;
}

/**
 * What the RA can take instead of a resource not delivered this year: every subscription the
 * console would accept, the closest titles first, then by title.
 */
export function alternativesFor(
  rule: TemplateRule,
  subscriptions: readonly ConsoleSubscription[],
  now: Date,
): { idAbonnement: string; libelle: string }[] {
  const wanted = titleWords(rule.resource.title);
  return subscriptions
    .filter((subscription) => usable(subscription, now))
    .map(({ abonnement }) => ({
      idAbonnement: abonnement.idAbonnement,
      libelle: abonnement.libelleRessource,
      score: similarity(wanted, titleWords(abonnement.libelleRessource)),
    }))
    .sort((a, b) => b.score - a.score || collator.compare(a.libelle, b.libelle))
    .map(({ idAbonnement, libelle }) => ({ idAbonnement, libelle }));
}

// ---------------------------------------------------------------------------------------------
// Targets

export type TargetIssue = {
  kind: 'codeAbsent' | 'niveauSansDivision' | 'aucunGroupe';
  target: TemplateTarget;
  message: string;
};

const ABSENT_MESSAGES = {
  division: 'templatesAbsentDivision',
  groupe: 'templatesAbsentGroupe',
  matiere: 'templatesAbsentMatiere',
} as const satisfies Record<string, MessageKey>;

const collator = new Intl.Collator('fr', { numeric: true });

/** Divisions that hold pupils of the level this year, whatever they are called. */
function divisionsOfLevel(index: PopulationIndex, mef: string): string[] {
  const divisions = new Set<string>();
  for (const member of index.members.mef.get(mef) ?? []) {
    if (member.profil !== 'ELEVE') continue;
    for (const code of member.divisions) if (index.libelles.division.has(code)) divisions.add(code);
  }
  return [...divisions].sort(collator.compare);
}

/** Groups whose code or libellé contains the pattern, accents, case and punctuation ignored. */
function groupsMatching(index: PopulationIndex, motif: string): string[] {
  const wanted = foldText(motif);
  // A pattern of punctuation only folds to nothing, which every group would « contain ».
  if (wanted === '') return [];
  return index.population.groupes
    .filter(({ code, libelle }) => foldText(code).includes(wanted) || foldText(libelle).includes(wanted))
    .map(({ code }) => code)
    .sort(collator.compare);
}

function resolveTarget(index: PopulationIndex, target: TemplateTarget): Cible[] | TargetIssue {
  switch (target.kind) {
    case 'profil':
      return [{ type: 'profil', code: target.value }];
    case 'division':
    case 'groupe':
    case 'matiere': {
      if (index.libelles[target.kind].has(target.code)) return [{ type: target.kind, code: target.code }];
      const message = t(ABSENT_MESSAGES[target.kind], target.code);
      return { kind: 'codeAbsent', target, message };
    }
    case 'divisionsDuNiveau': {
      const divisions = divisionsOfLevel(index, target.mef);
      if (divisions.length > 0) return divisions.map((code) => ({ type: 'division', code }));
      const niveau = index.libelles.mef.get(target.mef) || target.mef;
      const message = t('templatesLevelWithoutDivision', niveau);
      return { kind: 'niveauSansDivision', target, message };
    }
    case 'groupesCorrespondant': {
      const groupes = groupsMatching(index, target.motif);
      if (groupes.length > 0) return groupes.map((code) => ({ type: 'groupe', code }));
      const message = t('templatesNoGroupMatches', target.motif);
      return { kind: 'aucunGroupe', target, message };
    }
  }
}

const cibleKey = (cible: Cible): string => `${cible.type}:${cible.code}`;

/** Targets in order, each once: a division named and reached again through its level is sent once. */
function uniqueCibles(cibles: readonly Cible[]): Cible[] {
  const seen = new Set<string>();
  return cibles.filter((cible) => !seen.has(cibleKey(cible)) && seen.add(cibleKey(cible)));
}

/** A rule's targets as console targets today; what cannot be resolved is reported, never dropped. */
export function targetsFor(
  targets: readonly TemplateTarget[],
  index: PopulationIndex,
): { cibles: Cible[]; problemes: TargetIssue[] } {
  const cibles: Cible[] = [];
  const problemes: TargetIssue[] = [];
  for (const target of targets) {
    const resolved = resolveTarget(index, target);
    if (Array.isArray(resolved)) cibles.push(...resolved);
    else problemes.push(resolved);
  }
  return { cibles: uniqueCibles(cibles), problemes };
}

// ---------------------------------------------------------------------------------------------
// Templates → lines

export type Unresolved =
  | {
      kind: 'ressourceAbsente';
      templateId: string;
      ruleIndex: number;
      rule: TemplateRule;
      /** This year's subscriptions the RA may use instead, closest titles first. */
      alternatives: { idAbonnement: string; libelle: string }[];
      message: string;
    }
  | {
      kind: 'plusieursAbonnements';
      templateId: string;
      ruleIndex: number;
      rule: TemplateRule;
      candidates: { idAbonnement: string; libelle: string }[];
      message: string;
    }
  | { kind: 'cible'; templateId: string; ruleIndex: number; issue: TargetIssue; message: string };

/** The RA's decisions on what was ambiguous. Keyed `${templateId}#${ruleIndex}` (see decisionKey). */
export type Decisions = ReadonlyMap<string, { idAbonnement: string } | 'ignorer'>;

export function decisionKey(templateId: string, ruleIndex: number): string {
  return `${templateId}#${ruleIndex}`;
}

export interface ResolvedLine {
  templateId: string;
  templateName: string;
  ruleIndex: number;
  idAbonnement: string;
  /** The subscription's publics: who its targets can designate (conformity, caps, CSV counts). */
  publics: Profil[];
  cibles: Cible[];
  caps?: Partial<Record<Profil, number>>;
}

export interface TemplateResolution {
  lignes: ResolvedLine[];
  nonResolus: Unresolved[];
}

const NO_DECISIONS: Decisions = new Map();

/** « Modèle « Rentrée 5A », règle 2 (Atlas numérique du monde) »: how a rule is named to the RA. */
export function ruleName(template: Template, ruleIndex: number, rule: TemplateRule): string {
  return t('templatesRuleName', template.name, String(ruleIndex + 1), rule.resource.title);
}

/** The subscription a rule goes to, or why it goes nowhere yet. */
function subscriptionOf(
  template: Template,
  ruleIndex: number,
  rule: TemplateRule,
  subscriptions: readonly ConsoleSubscription[],
  now: Date,
  decision: { idAbonnement: string } | undefined,
): ConsoleSubscription | Unresolved {
  // A decision naming a subscription gone or closed since is stale: the rule is asked about again.
  const chosen = decision
    ? subscriptions.find((s) => s.abonnement.idAbonnement === decision.idAbonnement && usable(s, now))
    : undefined;
  if (chosen) return chosen;
  const candidates = candidatesFor(rule, subscriptions, now);
  const [only] = candidates;
  if (only && candidates.length === 1) return only;
  const where = { templateId: template.id, ruleIndex, rule };
  const name = ruleName(template, ruleIndex, rule);
  if (!only) {
    const message = t('templatesNoSubscription', name);
    const alternatives = alternativesFor(rule, subscriptions, now);
    return { kind: 'ressourceAbsente', ...where, alternatives, message };
  }
  return {
    kind: 'plusieursAbonnements',
    ...where,
    candidates: candidates.map(({ abonnement }) => ({
      idAbonnement: abonnement.idAbonnement,
      libelle: abonnement.libelleRessource,
    })),
    message: t('templatesSeveralSubscriptions', name, String(candidates.length)),
  };
}

/**
 * Every rule of every template as a line (one subscription, today's targets) or as something the
 * RA must decide on; a rule the RA chose to ignore is neither.
 */
export function resolveTemplates(
  templates: readonly Template[],
  subscriptions: readonly ConsoleSubscription[],
  index: PopulationIndex,
  now: Date,
  decisions: Decisions = NO_DECISIONS,
): TemplateResolution {
  const resolution: TemplateResolution = { lignes: [], nonResolus: [] };
  for (const template of templates) {
    template.rules.forEach((rule, ruleIndex) => {
      const decision = decisions.get(decisionKey(template.id, ruleIndex));
      if (decision === 'ignorer') return;
      const { cibles, problemes } = targetsFor(rule.targets, index);
      for (const issue of problemes) {
        const message = t('templatesRuleIssue', template.name, String(ruleIndex + 1), issue.message);
        resolution.nonResolus.push({ kind: 'cible', templateId: template.id, ruleIndex, issue, message });
      }
      const subscription = subscriptionOf(template, ruleIndex, rule, subscriptions, now, decision);
      if (!('abonnement' in subscription)) {
        resolution.nonResolus.push(subscription);
        return;
      }
      resolution.lignes.push({
        templateId: template.id,
        templateName: template.name,
        ruleIndex,
        idAbonnement: subscription.abonnement.idAbonnement,
        publics: [...subscription.abonnement.publicCible],
        cibles,
        ...(rule.caps ? { caps: rule.caps } : {}),
      });
    });
  }
  return resolution;
}

// ---------------------------------------------------------------------------------------------
// Planning

/** Each subscription's targets: the union of what every line gives it, in line order. */
function ciblesPerSubscription(lignes: readonly ResolvedLine[]): Map<string, Cible[]> {
  const result = new Map<string, Cible[]>();
  for (const line of lignes) {
    const cibles = result.get(line.idAbonnement) ?? [];
    result.set(line.idAbonnement, uniqueCibles([...cibles, ...line.cibles]));
  }
  return result;
}

/**
 * One plan for several templates (« plan de rentrée »): each subscription planned once with the
 * union of its lines' targets, as the console takes one request per subscription.
 */
export function planTemplates(
  resolution: TemplateResolution,
  context: {
    subscriptions: readonly ConsoleSubscription[];
    holders: ReadonlyMap<string, ReadonlySet<string>>;
    index: PopulationIndex;
    now: Date;
    jusquAEpuisement: boolean;
  },
): AssignmentPlan {
  const { subscriptions, ...shared } = context;
  const plans: AssignmentPlan[] = [];
  for (const [idAbonnement, cibles] of ciblesPerSubscription(resolution.lignes)) {
    const subscription = subscriptions.find((s) => s.abonnement.idAbonnement === idAbonnement);
    // Lines come from these subscriptions; one gone since the resolution has nothing to plan.
    if (subscription) plans.push(planAssignment({ ...shared, subscriptions: [subscription], cibles }));
  }
  return mergePlans(plans);
}

/** Persons a line designates among its subscription's publics. */
function designatedBy(line: ResolvedLine, index: PopulationIndex): Set<string> {
  const { persons } = resolveTargets(index, { publicCible: line.publics }, line.cibles);
  return new Set(persons.map((person) => person.id));
}

function countByProfil(ids: Iterable<string>, index: PopulationIndex): Map<Profil, number> {
  const counts = new Map<Profil, number>();
  for (const id of ids) {
    const profil = index.personById.get(id)?.profil;
    if (profil) counts.set(profil, (counts.get(profil) ?? 0) + 1);
  }
  return counts;
}

/**
 * Per line and profile, the licences the plan would give that line's persons beyond its cap.
 * A person the line shares with another line counts for both: each template keeps its own ceiling.
 */
export function capOverruns(
  resolution: TemplateResolution,
  plan: AssignmentPlan,
  index: PopulationIndex,
): {
  templateId: string;
  ruleIndex: number;
  idAbonnement: string;
  profil: Profil;
  cap: number;
  prevus: number;
}[] {
  const added = new Map(
    plan.abonnements.map((p) => [p.idAbonnement, new Set(p.parCible.flatMap((t) => t.nouveauxIds))]),
  );
  return resolution.lignes.flatMap((line) => {
    if (!line.caps) return [];
    const fresh = added.get(line.idAbonnement) ?? new Set<string>();
    const counts = countByProfil(
      [...designatedBy(line, index)].filter((id) => fresh.has(id)),
      index,
    );
    return Object.entries(line.caps).flatMap(([profil, cap]) => {
      const prevus = counts.get(profil as Profil) ?? 0;
      if (cap === undefined || prevus <= cap) return [];
      const { templateId, ruleIndex, idAbonnement } = line;
      return [{ templateId, ruleIndex, idAbonnement, profil: profil as Profil, cap, prevus }];
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Conformity

export interface Conformity {
  templateId: string;
  ruleIndex: number;
  idAbonnement: string;
  manquants: number;
  enTrop: number;
}

const NO_HOLDERS: ReadonlySet<string> = new Set();

/**
 * Per line: designated persons without a licence, and holders the template does not designate.
 * « Not designated » looks at every line of the same template on that subscription, so a template
 * giving one resource to 6e and 5e by two rules does not call the 5e pupils extra for the 6e rule.
 */
export function conformity(
  resolution: TemplateResolution,
  holders: ReadonlyMap<string, ReadonlySet<string>>,
  index: PopulationIndex,
): Conformity[] {
  const designated = resolution.lignes.map((line) => designatedBy(line, index));
  const byTemplate = new Map<string, Set<string>>();
  resolution.lignes.forEach((line, i) => {
    const key = `${line.templateId}\n${line.idAbonnement}`;
    const persons = byTemplate.get(key) ?? new Set<string>();
    for (const id of designated[i] ?? []) persons.add(id);
    byTemplate.set(key, persons);
  });
  return resolution.lignes.map((line, i) => {
    const held = holders.get(line.idAbonnement) ?? NO_HOLDERS;
    const mine = designated[i] ?? new Set<string>();
    const template = byTemplate.get(`${line.templateId}\n${line.idAbonnement}`) ?? mine;
    const { templateId, ruleIndex, idAbonnement } = line;
    return {
      templateId,
      ruleIndex,
      idAbonnement,
      manquants: [...mine].filter((id) => !held.has(id)).length,
      enTrop: [...held].filter((id) => !template.has(id)).length,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// CSV
