import { computed, signal } from '@preact/signals';
import type { ExecutionResult, Progress } from '../../../../utils/bulk/executor';
import {
  type ReviewedJournal,
  readReviewedJournal,
  resumableOf,
  undoableOf,
  undoneBy,
} from '../../../../utils/bulk/journal-review';
import {
  abandon,
  type FreshPlan,
  type OperationPorts,
  planFromConsole,
  planTemplatesFromConsole,
  planUndoOf,
  prepareResume,
  prepareUndoResume,
  type Review,
  readPopulation,
  remainingOf,
  runUndo,
  sameWrites,
  type UndoPlan,
} from '../../../../utils/bulk/operation';
import { replanAfterConflict, replanOnReading, runConfirmed } from '../../../../utils/bulk/preview-run';
import { checkConformityInConsole, resolveInConsole } from '../../../../utils/bulk/template-check';
import { saveSelectionAsTemplate } from '../../../../utils/bulk/template-save';
import { describeError } from '../../../../utils/describe-error';
import { operationSummary } from '../../../../utils/gar/assignment-job';
import { type AssignmentPlan, type PlanChange, planChanges } from '../../../../utils/gar/assignment-plan';
import type { ExpiryThresholds } from '../../../../utils/gar/expiry';
import type { JournalEntry } from '../../../../utils/gar/journal-record';
import type { Cible, ConsoleSubscription } from '../../../../utils/gar/school';
import type { PopulationIndex } from '../../../../utils/gar/targets';
import type { ConformityRecord, Template } from '../../../../utils/gar/template-record';
import {
  type Conformity,
  capOverruns,
  decisionKey,
  type TemplateResolution,
  type Unresolved,
} from '../../../../utils/gar/templates';
import { t } from '../../../../utils/i18n';

/**
 * The « Affectation groupée » panel's state: which step the RA is at and what it shows. The
 * operations themselves live in utils/bulk; this only sequences them and keeps what to display.
 */

export type Step =
  | { kind: 'ferme' }
  | { kind: 'chargement'; message: string }
  | { kind: 'choix' }
  | {
      kind: 'apercu';
      fresh: FreshPlan;
      jusquAEpuisement: boolean;
      /** Set when going on with an interrupted operation rather than starting one. */
      reprise?: JournalEntry;
      /** What moved since the RA last confirmed (another RA's change, counters that moved). */
      changements?: PlanChange[];
      /** Set when the console changed between this preview and the RA's « Confirmer »: shown again. */
      aJour?: boolean;
      /** The same preview read again from the console, as « Confirmer » does before any write. */
      replan(jusquAEpuisement: boolean): Promise<Replanned>;
      /** Set when the plan comes from templates (« plan de rentrée »), with how they were resolved. */
      modeles?: readonly Template[];
      resolution?: TemplateResolution;
      decisions?: ReadonlyMap<string, Decision>;
    }
  | { kind: 'execution'; titre: string; progress: Progress | null; stop: AbortController }
  | { kind: 'resultat'; entry: JournalEntry; result: ExecutionResult; annulation: boolean }
  | {
      kind: 'annulation';
      entry: JournalEntry;
      undo: UndoPlan;
      /** Set when going on with an interrupted undo of `entry`, in that undo's own journal entry. */
      reprise?: JournalEntry;
    }
  /** « Appliquer des modèles »: which templates to apply together (a rentrée plan). */
  | { kind: 'modeles'; templates: readonly Template[] }
  /** How far the console is from the chosen templates today, line by line. */
  | {
      kind: 'conformite';
      templates: readonly Template[];
      resolution: TemplateResolution;
      lignes: Conformity[];
      titles: ReadonlyMap<string, string>;
    }
  /** What the chosen templates could not resolve today, and the RA's decisions about it. */
  | {
      kind: 'resolution';
      templates: readonly Template[];
      resolution: TemplateResolution;
      decisions: ReadonlyMap<string, Decision>;
      /** Unresolved parts the RA has read and accepted to leave aside (never skipped silently). */
      acceptes: ReadonlySet<string>;
      /** This year's subscriptions by id: their titles, to show what the RA chose. */
      titres: ReadonlyMap<string, string>;
    }
  | {
      kind: 'erreur';
      message: string;
      /** « Réessayer »: the step that failed, again — not back to the start. */
      retry?: () => Promise<void>;
    };

/** A preview read again: the plan, and the templates' resolution when it comes from templates. */
export interface Replanned {
  fresh: FreshPlan;
  resolution?: TemplateResolution;
}

export type Decision = { idAbonnement: string } | 'ignorer';

/** How an unresolved part is named in decisions: one rule of one template. */
export function unresolvedKey(item: Pick<Unresolved, 'templateId' | 'ruleIndex'>): string {
  return decisionKey(item.templateId, item.ruleIndex);
}

export interface School {
  uai: string;
  index: PopulationIndex;
  subscriptions: ConsoleSubscription[];
}

export interface BulkDependencies {
  ports: OperationPorts;
  /** The school as the console shows it now (subscriptions are shared with the other features). */
  loadSchool(): Promise<{ uai: string; subscriptions: ConsoleSubscription[] }>;
  listJournal(uai: string): Promise<JournalEntry[]>;
  /** The RA's end-date thresholds, for the badges next to each subscription. */
  thresholds: ExpiryThresholds;
  saveTemplate(template: Template): Promise<Template>;
  listTemplates(): Promise<Template[]>;
  /** Keeps a conformity check so the console's badges and the options page can show it. */
  saveConformity(record: ConformityRecord): Promise<unknown>;
  /** Operations of the school a tab is running now (this one or another): never reviewed nor offered. */
  runningIds?(uai: string): Promise<ReadonlySet<string>>;
}

export function createBulkState(
  deps: BulkDependencies,
  preselection: { ids?: string[]; cibles?: Cible[] } = {},
) {
  const step = signal<Step>({ kind: 'ferme' });
  const school = signal<School | null>(null);
  const selectedIds = signal<ReadonlySet<string>>(new Set(preselection.ids ?? []));
  const cibles = signal<readonly Cible[]>(preselection.cibles ?? []);
  /**
   * Operations of this school, newest first, with the ones a tab is running now and what the
   * interrupted ones have left as read against the console: what can be resumed, or undone.
   */
  const reviewed = signal<ReviewedJournal>({ entries: [], running: new Set(), reviews: new Map() });
  const journal = computed(() => reviewed.value.entries);

  /** An error, with the step that failed to try again when the console may answer next time. */
  const fail = (error: unknown, retry?: () => Promise<void>): void => {
    step.value = { kind: 'erreur', message: describeError(error), ...(retry ? { retry } : {}) };
  };

  /** The school's recent operations, the interrupted ones read against the console before they show. */
  async function refreshJournal(uai: string): Promise<void> {
    const source = { list: deps.listJournal, runningIds: deps.runningIds };
    reviewed.value = await readReviewedJournal(deps.ports, source, uai, reviewed.value.reviews);
  }

  async function ensureSchool(): Promise<School> {
    if (school.value) return school.value;
    const { uai, subscriptions } = await deps.loadSchool();
    const loaded = { uai, subscriptions, index: await readPopulation(deps.ports, uai) };
    school.value = loaded;
    return loaded;
  }

  async function open(): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingSchool') };
    try {
      const loaded = await ensureSchool();
      await refreshJournal(loaded.uai);
      step.value = { kind: 'choix' };
    } catch (error) {
      fail(error, open);
    }
  }

  /** The school's population as the latest reading found it: what the choice step shows too. */
  function keepReading(fresh: FreshPlan): void {
    if (school.value) school.value = { ...school.value, index: fresh.index };
  }

  async function preview(): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingHoldings') };
    try {
      const { uai } = await ensureSchool();
      const ids = [...selectedIds.value];
      const chosen = cibles.value;
      const replan = async (jusquAEpuisement: boolean): Promise<Replanned> => ({
        fresh: await planFromConsole(deps.ports, { uai, ids, cibles: chosen, jusquAEpuisement }),
      });
      const { fresh } = await replan(false);
      keepReading(fresh);
      step.value = { kind: 'apercu', fresh, jusquAEpuisement: false, replan };
    } catch (error) {
      fail(error, preview);
    }
  }

  /** « Affecter dans l'ordre affiché jusqu'à épuisement »: the same reading, planned again. */
  function setJusquAEpuisement(value: boolean): void {
    const current = step.value;
    if (current.kind !== 'apercu') return;
    const source = { cibles: cibles.value, reprise: current.reprise, resolution: current.resolution };
    const plan = replanOnReading(current.fresh, source, deps.ports.now(), value);
    step.value = { ...current, fresh: { ...current.fresh, plan }, jusquAEpuisement: value };
  }

  /** Shows the progress step; what it returns is what the run needs: the RA's « Arrêter » and the progress. */
  function execution(titre: string): { signal: AbortSignal; onProgress(progress: Progress): void } {
    const stop = new AbortController();
    step.value = { kind: 'execution', titre, progress: null, stop };
    return {
      signal: stop.signal,
      onProgress: (progress) => {
        const current = step.value;
        if (current.kind === 'execution') step.value = { ...current, progress };
      },
    };
  }

  /** The run's end; after a conflict, the rest planned again and what moved, before anything else is written. */
  async function afterRun(
    entry: JournalEntry,
    result: ExecutionResult,
    confirmed: AssignmentPlan,
  ): Promise<void> {
    await refreshJournal(entry.uai);
    const latest = journal.value.find((candidate) => candidate.id === entry.id) ?? entry;
    if (result.reason === 'conflit') {
      const { fresh, changements } = await replanAfterConflict(deps.ports, latest, confirmed);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: latest.job?.jusquAEpuisement ?? false,
        reprise: latest,
        changements,
        replan: resumeReplan(latest),
      };
      return;
    }
    step.value = { kind: 'resultat', entry: latest, result, annulation: false };
  }

  /**
   * « Confirmer »: the preview is read again from the console first. If the console would now
   * write anything else — a pupil moved into a division, another RA's change, licences that moved —
   * the new preview is shown with what changed, and nothing is written; otherwise exactly the
   * previewed persons are written (utils/bulk/README.md, « what is written is what was previewed »).
   */
  async function confirm(): Promise<void> {
    const current = step.value;
    const loaded = school.value;
    if (current.kind !== 'apercu' || !loaded) return;
    step.value = { kind: 'chargement', message: t('bulkLoadingConfirm') };
    let again: Replanned;
    try {
      again = await current.replan(current.jusquAEpuisement);
    } catch (error) {
      fail(error, async () => {
        step.value = current;
        await confirm();
      });
      return;
    }
    keepReading(again.fresh);
    if (!sameWrites(current.fresh.plan, again.fresh.plan, current.jusquAEpuisement)) {
      step.value = {
        ...current,
        ...again,
        changements: planChanges(current.fresh.plan, again.fresh.plan),
        aJour: true,
      };
      return;
    }
    const run = execution(current.reprise ? t('bulkRunningResume') : t('bulkRunning'));
    try {
      const source = {
        cibles: cibles.value,
        reprise: current.reprise,
        resolution: again.resolution ?? current.resolution,
      };
      const { jusquAEpuisement } = current;
      const confirmed = { uai: loaded.uai, fresh: again.fresh, jusquAEpuisement, source };
      const { entry, result } = await runConfirmed(deps.ports, confirmed, run);
      await afterRun(entry, result, again.fresh.plan);
    } catch (error) {
      fail(error);
    }
  }

  /** A resume's preview, read again: its unanswered writes settled, the rest planned anew. */
  const resumeReplan =
    (entry: JournalEntry) =>
    async (_jusquAEpuisement: boolean): Promise<Replanned> => ({
      fresh: await prepareResume(deps.ports, entry),
    });

  async function resume(entry: JournalEntry): Promise<void> {
    if (entry.kind === 'annulation') return resumeUndo(entry);
    step.value = { kind: 'chargement', message: t('bulkLoadingResume') };
    try {
      await ensureSchool();
      const fresh = await prepareResume(deps.ports, entry);
      keepReading(fresh);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: entry.job?.jusquAEpuisement ?? false,
        reprise: entry,
        replan: resumeReplan(entry),
      };
    } catch (error) {
      fail(error, () => resume(entry));
    }
  }

  /** The operation an undo reverses, while it is still in the journal. */
  const undoneOf = (entry: JournalEntry): JournalEntry | undefined => undoneBy(journal.value, entry);

  /**
   * An interrupted undo is taken up in its own entry: what it removed before is settled and kept,
   * and what the undone operation added and is still there is read again — never removed twice.
   */
  async function resumeUndo(entry: JournalEntry): Promise<void> {
    const undone = undoneOf(entry);
    if (!undone) {
      fail(new Error(t('bulkUndoneGone')));
      return;
    }
    step.value = { kind: 'chargement', message: t('bulkLoadingResume') };
    try {
      const undo = await prepareUndoResume(deps.ports, entry, undone);
      step.value = { kind: 'annulation', entry: undone, undo, reprise: entry };
    } catch (error) {
      fail(error, () => resumeUndo(entry));
    }
  }

  /** « Abandonner »: its unanswered writes settled first, so what it did stays undoable. */
  async function giveUp(entry: JournalEntry): Promise<void> {
    try {
      await abandon(deps.ports, entry, undoneOf(entry));
      await refreshJournal(entry.uai);
    } catch (error) {
      fail(error, () => giveUp(entry));
    }
  }

  async function prepareUndo(entry: JournalEntry): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingUndo') };
    try {
      step.value = { kind: 'annulation', entry, undo: await planUndoOf(deps.ports, entry) };
    } catch (error) {
      fail(error, () => prepareUndo(entry));
    }
  }

  async function confirmUndo(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'annulation') return;
    const run = execution(current.reprise ? t('bulkRunningUndoResume') : t('bulkRunningUndo'));
    try {
      const { entry, result } = await runUndo(deps.ports, current.entry, current.undo, run, current.reprise);
      await refreshJournal(entry.uai);
      const latest = journal.value.find((candidate) => candidate.id === entry.id) ?? entry;
      step.value = { kind: 'resultat', entry: latest, result, annulation: true };
    } catch (error) {
      fail(error);
    }
  }

  async function openTemplates(): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingTemplates') };
    try {
      await ensureSchool();
      step.value = { kind: 'modeles', templates: await deps.listTemplates() };
    } catch (error) {
      fail(error, openTemplates);
    }
  }

  /** Resolves the chosen templates against today's console, with the RA's decisions so far. */
  async function resolveChosen(
    templates: readonly Template[],
    decisions: ReadonlyMap<string, Decision> = new Map(),
    acceptes: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    try {
      const { uai } = await ensureSchool();
      const { resolution, titles } = await resolveInConsole(deps.ports, { uai, templates, decisions });
      step.value = { kind: 'resolution', templates, resolution, decisions, acceptes, titres: titles };
    } catch (error) {
      fail(error, () => resolveChosen(templates, decisions, acceptes));
    }
  }

  function decide(key: string, decision: Decision | null): void {
    const current = step.value;
    if (current.kind !== 'resolution') return;
    const decisions = new Map(current.decisions);
    if (decision === null) decisions.delete(key);
    else decisions.set(key, decision);
    void resolveChosen(current.templates, decisions, current.acceptes);
  }

  function accept(key: string, accepted: boolean): void {
    const current = step.value;
    if (current.kind !== 'resolution') return;
    const acceptes = new Set(current.acceptes);
    if (accepted) acceptes.add(key);
    else acceptes.delete(key);
    step.value = { ...current, acceptes };
  }

  /** Every unresolved part is decided or accepted: nothing is left aside without the RA knowing. */
  function resolutionComplete(current: Extract<Step, { kind: 'resolution' }>): boolean {
    return current.resolution.nonResolus.every((item) => current.acceptes.has(unresolvedKey(item)));
  }

  /**
   * Missing and extra holders per template line, read from the console now (nothing is written
   * to it); each template's check is kept for the console's badges and the options page.
   */
  async function checkConformity(templates: readonly Template[]): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingConformity') };
    try {
      const { uai } = await ensureSchool();
      const check = await checkConformityInConsole(deps.ports, { uai, templates }, deps.saveConformity);
      step.value = { kind: 'conformite', templates, ...check };
    } catch (error) {
      fail(error, () => checkConformity(templates));
    }
  }

  async function previewTemplates(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'resolution' || !resolutionComplete(current)) return;
    step.value = { kind: 'chargement', message: t('bulkLoadingHoldings') };
    try {
      const { templates, decisions } = current;
      const { uai } = await ensureSchool();
      const replan = (jusquAEpuisement: boolean): Promise<Replanned> =>
        planTemplatesFromConsole(deps.ports, { uai, templates, decisions, jusquAEpuisement });
      const { fresh, resolution } = await replan(false);
      keepReading(fresh);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: false,
        modeles: templates,
        resolution,
        decisions,
        replan,
      };
    } catch (error) {
      fail(error, async () => {
        step.value = current;
        await previewTemplates();
      });
    }
  }

  /**
   * « Enregistrer comme modèle »: the previewed choice as rules that survive a school year. Says
   * how many person targets were left out (templates keep rules, not names).
   */
  async function saveAsTemplate(
    name: string,
    description: string,
  ): Promise<{ template: Template; personnesIgnorees: number }> {
    const current = step.value;
    if (current.kind !== 'apercu') throw new Error(t('bulkTemplateNothingToSave'));
    const { subscriptions } = current.fresh;
    const selection = { name, description, subscriptions, cibles: cibles.value, now: deps.ports.now() };
    return saveSelectionAsTemplate(deps.saveTemplate, selection);
  }

  return {
    step,
    saveAsTemplate,
    openTemplates,
    resolveChosen,
    checkConformity,
    decide,
    accept,
    resolutionComplete,
    previewTemplates,
    /** Caps a template sets that the plan would exceed: the RA must change the template first. */
    capsExceeded: (current: Extract<Step, { kind: 'apercu' }>) =>
      current.resolution && school.value
        ? capOverruns(current.resolution, current.fresh.plan, school.value.index)
        : [],
    school,
    selectedIds,
    cibles,
    journal,
    open,
    close: () => {
      step.value = { kind: 'ferme' };
    },
    backToChoice: () => {
      step.value = { kind: 'choix' };
    },
    preview,
    setJusquAEpuisement,
    confirm,
    resume,
    giveUp,
    prepareUndo,
    confirmUndo,
    refreshJournal,
    /**
     * Interrupted operations to offer on this visit: read against the console first (a review
     * closes one with nothing left), and never one a tab is running.
     */
    resumable: (): JournalEntry[] => resumableOf(reviewed.value),
    /** Recent operations that can be undone (« Dernières opérations »). */
    undoable: (): JournalEntry[] => undoableOf(journal.value),
    /** What is left of an interrupted operation, as its review found it. */
    reviewOf: (entry: JournalEntry): Review | undefined => reviewed.value.reviews.get(entry.id),
    remainingOf,
    /** What an operation asked for, in a few words; an undo names what it undid (the summary also says how it ended). */
    asked: (entry: JournalEntry): string => operationSummary(entry, undoneOf(entry)),
    thresholds: deps.thresholds,
  };
}

export type BulkState = ReturnType<typeof createBulkState>;
