import { signal } from '@preact/signals';
import type { ExecutionResult, Progress } from '../../utils/bulk/executor';
import {
  abandon,
  type FreshPlan,
  jobOf,
  type OperationPorts,
  planFromConsole,
  planUndoOf,
  prepareResume,
  prepareUndoResume,
  readHoldings,
  remainingOf,
  runAssignment,
  runResume,
  runUndo,
  templateJobOf,
  type UndoPlan,
} from '../../utils/bulk/operation';
import { isResumable, operationSummary } from '../../utils/gar/assignment-job';
import {
  type AssignmentPlan,
  type PlanChange,
  planAssignment,
  planChanges,
} from '../../utils/gar/assignment-plan';
import type { ExpiryThresholds } from '../../utils/gar/expiry';
import type { Cible, ConsoleSubscription } from '../../utils/gar/school';
import { indexPopulation, type PopulationIndex } from '../../utils/gar/targets';
import { rulesFromSelection } from '../../utils/gar/template-from-selection';
import {
  type Conformity,
  capOverruns,
  conformity,
  decisionKey,
  planTemplates,
  resolveTemplates,
  type TemplateResolution,
  type Unresolved,
} from '../../utils/gar/templates';
import { t } from '../../utils/i18n';
import { describeError } from '../../utils/messaging';
import {
  type ConformityRecord,
  type JournalEntry,
  newRecordId,
  TEMPLATE_VERSION,
  type Template,
} from '../../utils/store/records';

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
  | { kind: 'erreur'; message: string };

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
}

export function createBulkState(
  deps: BulkDependencies,
  preselection: { ids?: string[]; cibles?: Cible[] } = {},
) {
  const step = signal<Step>({ kind: 'ferme' });
  const school = signal<School | null>(null);
  const selectedIds = signal<ReadonlySet<string>>(new Set(preselection.ids ?? []));
  const cibles = signal<readonly Cible[]>(preselection.cibles ?? []);
  /** Operations of this school that can be resumed, or undone, newest first. */
  const journal = signal<JournalEntry[]>([]);

  const fail = (error: unknown): void => {
    step.value = { kind: 'erreur', message: describeError(error) };
  };

  async function refreshJournal(uai: string): Promise<void> {
    journal.value = await deps.listJournal(uai);
  }

  async function ensureSchool(): Promise<School> {
    if (school.value) return school.value;
    const { uai, subscriptions } = await deps.loadSchool();
    const population = await deps.ports.client.population(uai);
    const loaded = { uai, subscriptions, index: indexPopulation(population) };
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
      fail(error);
    }
  }

  async function preview(): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingHoldings') };
    try {
      const { uai, index } = await ensureSchool();
      const fresh = await planFromConsole(deps.ports, {
        uai,
        ids: [...selectedIds.value],
        cibles: cibles.value,
        jusquAEpuisement: false,
        index,
      });
      step.value = { kind: 'apercu', fresh, jusquAEpuisement: false };
    } catch (error) {
      fail(error);
    }
  }

  /** « Affecter dans l'ordre affiché jusqu'à épuisement »: the same reading, planned again. */
  function setJusquAEpuisement(value: boolean): void {
    const current = step.value;
    const loaded = school.value;
    if (current.kind !== 'apercu' || !loaded) return;
    if (current.resolution) {
      const { subscriptions, holdings } = current.fresh;
      const plan = planTemplates(current.resolution, {
        subscriptions,
        holders: holdings.holders,
        index: loaded.index,
        now: deps.ports.now(),
        jusquAEpuisement: value,
      });
      step.value = { ...current, fresh: { ...current.fresh, plan }, jusquAEpuisement: value };
      return;
    }
    const { subscriptions, holdings } = current.fresh;
    const plan = planAssignment({
      subscriptions,
      holders: holdings.holders,
      index: loaded.index,
      cibles: current.reprise?.job?.cibles.map(({ type, code }) => ({ type, code })) ?? cibles.value,
      now: deps.ports.now(),
      jusquAEpuisement: value,
    });
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

  /** After a conflict, the rest is planned again and the difference shown before anything else is written. */
  async function afterRun(
    entry: JournalEntry,
    result: ExecutionResult,
    confirmed: AssignmentPlan,
  ): Promise<void> {
    const loaded = await ensureSchool();
    await refreshJournal(loaded.uai);
    const latest = journal.value.find((candidate) => candidate.id === entry.id) ?? entry;
    if (result.reason === 'conflit') {
      const fresh = await prepareResume(deps.ports, latest, loaded.index);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: latest.job?.jusquAEpuisement ?? false,
        reprise: latest,
        changements: planChanges(confirmed, fresh.plan),
      };
      return;
    }
    step.value = { kind: 'resultat', entry: latest, result, annulation: false };
  }

  async function confirm(): Promise<void> {
    const current = step.value;
    const loaded = school.value;
    if (current.kind !== 'apercu' || !loaded) return;
    const { plan, subscriptions } = current.fresh;
    const run = execution(current.reprise ? t('bulkRunningResume') : t('bulkRunning'));
    try {
      if (current.reprise) {
        const result = await runResume(deps.ports, current.reprise, plan, run);
        await afterRun(current.reprise, result, plan);
        return;
      }
      const job = current.resolution
        ? templateJobOf(current.resolution, subscriptions, current.jusquAEpuisement, loaded.index)
        : jobOf(subscriptions, cibles.value, current.jusquAEpuisement, loaded.index);
      const { entry, result } = await runAssignment(deps.ports, { uai: loaded.uai, plan, job }, run);
      await afterRun(entry, result, plan);
    } catch (error) {
      fail(error);
    }
  }

  async function resume(entry: JournalEntry): Promise<void> {
    if (entry.kind === 'annulation') return resumeUndo(entry);
    step.value = { kind: 'chargement', message: t('bulkLoadingResume') };
    try {
      const { index } = await ensureSchool();
      const fresh = await prepareResume(deps.ports, entry, index);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: entry.job?.jusquAEpuisement ?? false,
        reprise: entry,
      };
    } catch (error) {
      fail(error);
    }
  }

  /** The operation an undo reverses, while it is still in the journal. */
  const undoneBy = (entry: JournalEntry): JournalEntry | undefined =>
    entry.job?.annule === undefined
      ? undefined
      : journal.value.find((candidate) => candidate.id === entry.job?.annule);

  /**
   * An interrupted undo is taken up in its own entry: what it removed before is settled and kept,
   * and what the undone operation added and is still there is read again — never removed twice.
   */
  async function resumeUndo(entry: JournalEntry): Promise<void> {
    const undone = undoneBy(entry);
    if (!undone) {
      fail(new Error(t('bulkUndoneGone')));
      return;
    }
    step.value = { kind: 'chargement', message: t('bulkLoadingResume') };
    try {
      const undo = await prepareUndoResume(deps.ports, entry, undone);
      step.value = { kind: 'annulation', entry: undone, undo, reprise: entry };
    } catch (error) {
      fail(error);
    }
  }

  async function giveUp(entry: JournalEntry): Promise<void> {
    try {
      await abandon(deps.ports, entry, undoneBy(entry));
      await refreshJournal(entry.uai);
    } catch (error) {
      fail(error);
    }
  }

  async function prepareUndo(entry: JournalEntry): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingUndo') };
    try {
      step.value = { kind: 'annulation', entry, undo: await planUndoOf(deps.ports, entry) };
    } catch (error) {
      fail(error);
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
      fail(error);
    }
  }

  /** Resolves the chosen templates against today's console, with the RA's decisions so far. */
  async function resolveChosen(
    templates: readonly Template[],
    decisions: ReadonlyMap<string, Decision> = new Map(),
    acceptes: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    try {
      const { uai, index } = await ensureSchool();
      const subscriptions = await deps.ports.client.subscriptions(uai);
      const resolution = resolveTemplates(templates, subscriptions, index, deps.ports.now(), decisions);
      const titres = new Map(
        subscriptions.map(({ abonnement }) => [abonnement.idAbonnement, abonnement.libelleRessource]),
      );
      step.value = { kind: 'resolution', templates, resolution, decisions, acceptes, titres };
    } catch (error) {
      fail(error);
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

  async function planFromTemplates(
    templates: readonly Template[],
    decisions: ReadonlyMap<string, Decision>,
    jusquAEpuisement: boolean,
  ): Promise<{ fresh: FreshPlan; resolution: TemplateResolution }> {
    const { uai, index } = await ensureSchool();
    const subscriptions = await deps.ports.client.subscriptions(uai);
    const now = deps.ports.now();
    const resolution = resolveTemplates(templates, subscriptions, index, now, decisions);
    const ids = [...new Set(resolution.lignes.map((line) => line.idAbonnement))];
    const holdings = await readHoldings(deps.ports.client, uai, ids);
    const chosen = subscriptions
      .filter((s) => ids.includes(s.abonnement.idAbonnement))
      .map((s) => ({ ...s, version: holdings.versions.get(s.abonnement.idAbonnement) ?? s.version }));
    const plan = planTemplates(resolution, {
      subscriptions: chosen,
      holders: holdings.holders,
      index,
      now,
      jusquAEpuisement,
    });
    return { fresh: { plan, subscriptions: chosen, holdings }, resolution };
  }

  /** Keeps each template's check, for the console's badges and the options page. */
  async function saveChecks(
    uai: string,
    templates: readonly Template[],
    lignes: readonly Conformity[],
    titles: ReadonlyMap<string, string>,
  ): Promise<void> {
    const checkedAt = deps.ports.now().toISOString();
    for (const template of templates) {
      await deps.saveConformity({
        uai,
        templateId: template.id,
        templateName: template.name,
        checkedAt,
        lignes: lignes
          .filter((line) => line.templateId === template.id)
          .map(({ ruleIndex, idAbonnement, manquants, enTrop }) => ({
            ruleIndex,
            idAbonnement,
            libelle: titles.get(idAbonnement) ?? idAbonnement,
            manquants,
            enTrop,
          })),
      });
    }
  }

  /** Missing and extra holders per template line, read from the console now (nothing is written). */
  async function checkConformity(templates: readonly Template[]): Promise<void> {
    step.value = { kind: 'chargement', message: t('bulkLoadingConformity') };
    try {
      const { uai, index } = await ensureSchool();
      const subscriptions = await deps.ports.client.subscriptions(uai);
      const resolution = resolveTemplates(templates, subscriptions, index, deps.ports.now());
      const ids = [...new Set(resolution.lignes.map((line) => line.idAbonnement))];
      const { holders } = await readHoldings(deps.ports.client, uai, ids);
      const titles = new Map(
        subscriptions.map((s) => [s.abonnement.idAbonnement, s.abonnement.libelleRessource]),
      );
      const lignes = conformity(resolution, holders, index);
      await saveChecks(uai, templates, lignes, titles);
      step.value = { kind: 'conformite', templates, resolution, lignes, titles };
    } catch (error) {
      fail(error);
    }
  }

  async function previewTemplates(): Promise<void> {
    const current = step.value;
    if (current.kind !== 'resolution' || !resolutionComplete(current)) return;
    step.value = { kind: 'chargement', message: t('bulkLoadingHoldings') };
    try {
      const { templates, decisions } = current;
      const { fresh, resolution } = await planFromTemplates(templates, decisions, false);
      step.value = {
        kind: 'apercu',
        fresh,
        jusquAEpuisement: false,
        modeles: templates,
        resolution,
        decisions,
      };
    } catch (error) {
      fail(error);
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
    const { rules, personnesIgnorees } = rulesFromSelection(current.fresh.subscriptions, cibles.value);
    const now = deps.ports.now().toISOString();
    const template = await deps.saveTemplate({
      id: newRecordId(),
      name,
      description,
      version: TEMPLATE_VERSION,
      rules,
      createdAt: now,
      updatedAt: now,
    });
    return { template, personnesIgnorees };
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
    /** Interrupted operations to offer for resumption on this visit. */
    resumable: () => journal.value.filter(isResumable),
    remainingOf,
    /** What an operation asked for, in a few words; an undo names what it undid (the summary also says how it ended). */
    asked: (entry: JournalEntry): string => operationSummary(entry, undoneBy(entry)),
    thresholds: deps.thresholds,
  };
}

export type BulkState = ReturnType<typeof createBulkState>;
