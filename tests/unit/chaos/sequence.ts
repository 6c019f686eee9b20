import { vi } from 'vitest';
import type { Cible } from '../../../utils/gar/school';
import { designatedPersons } from '../../sim/server/targets';
import { type Action, type Generated, generate, type Trouble } from './generator';
import {
  doubleHolders,
  journalTrue,
  overAssigned,
  readable,
  undoExact,
  writtenPreviewed,
} from './invariants';
import { claimsOf, openBackground, openPanel, type Panel, type ProductBackground, type Screen } from './ra';
import { drive, type Holdings, type Tab, World } from './world';

/**
 * Plays one generated sequence: the RA's actions on the panel (ra.ts), the troubles around them
 * (world.ts), and the invariants after each step and at the end. Returns what went wrong, and a
 * log of what happened, for the report.
 */

export interface SequenceReport {
  seed: number;
  actions: Action[];
  violations: string[];
  log: string[];
}

type PerSubscription = Map<string, Set<string>>;

function add(into: PerSubscription, id: string, persons: Iterable<string>): void {
  const set = into.get(id) ?? new Set<string>();
  for (const person of persons) set.add(person);
  into.set(id, set);
}

/** What the console gained and lost between two readings, the other RA's recorded changes left out. */
function diff(before: Holdings, after: Holdings, others: World['otherChanges']) {
  const gained: PerSubscription = new Map();
  const lost: PerSubscription = new Map();
  const theirs = (id: string, person: string, field: 'ajoutees' | 'retirees'): boolean =>
    others.some((change) => change.idAbonnement === id && change[field].includes(person));
  for (const [id, now] of after) {
    const then = before.get(id) ?? new Set<string>();
    add(
      gained,
      id,
      [...now].filter((p) => !then.has(p) && !theirs(id, p, 'ajoutees')),
    );
    add(
      lost,
      id,
      [...then].filter((p) => !now.has(p) && !theirs(id, p, 'retirees')),
    );
  }
  for (const map of [gained, lost]) for (const [id, set] of map) if (set.size === 0) map.delete(id);
  return { gained, lost };
}

/**
 * Whom an entry's writes named, per subscription, from its `from`-th step on (« envoi » steps).
 * A write names its persons one by one and can change nobody else, so this is all it can have
 * done — two runs overlapping on one subscription (a second tab) are told apart by it.
 */
function sentTo(
  entry: { steps: readonly { action: string; idAbonnement?: string; personIds?: string[] }[] },
  from: number,
): PerSubscription {
  const sent: PerSubscription = new Map();
  for (const step of entry.steps.slice(from)) {
    if (step.action !== 'envoi' || step.idAbonnement === undefined) continue;
    add(sent, step.idAbonnement, step.personIds ?? []);
  }
  return sent;
}

/** Only the persons `named` names on each subscription. */
const only = (map: PerSubscription, named: PerSubscription): PerSubscription =>
  new Map(
    [...map]
      .map(([id, persons]): [string, Set<string>] => [
        id,
        new Set([...persons].filter((p) => named.get(id)?.has(p))),
      ])
      .filter(([, persons]) => persons.size > 0),
  );

class Sequence {
  readonly violations: string[] = [];
  readonly log: string[] = [];
  tab!: Tab;
  panel!: Panel;
  /** Per assignment entry: who the console gained during its runs. */
  readonly gains = new Map<string, PerSubscription>();
  /**
   * Per assignment entry: persons it gained who, once removed, another of our entries gained
   * again — their licence is now that entry's, and an undo of the first must leave it.
   */
  readonly handedOver = new Map<string, PerSubscription>();
  /** Per undone entry: who its undos' runs removed. */
  readonly undoLosses = new Map<string, PerSubscription>();
  /** Previews confirmed during the current run (both tabs). */
  private previewed: PerSubscription = new Map();
  /** A second tab opened during the current run, and its own run. */
  private extra: { tab: Tab; work: Promise<void> }[] = [];

  constructor(
    readonly world: World,
    readonly background: ProductBackground,
    readonly initial: Holdings,
    private readonly step: () => number,
  ) {}

  async openTab(): Promise<void> {
    this.tab = this.world.openTab();
    this.panel = openPanel(this.world, this.tab, this.background);
    const screen = await this.await(this.panel.open(), [this.tab], 'ouverture');
    if (screen?.kind === 'erreur') await this.await(this.panel.retry(), [this.tab], 'réessai');
  }

  /** Waits for an RA action on the virtual clock; a stuck one is a violation, and the RA closes the tab. */
  async await(work: Promise<Screen>, tabs: Tab[], what: string): Promise<Screen | undefined> {
    const outcome = await drive(this.world, work, tabs);
    if (outcome === 'bloque') {
      this.violations.push(
        `7. step ${this.step()}: « ${what} » never ends (the panel hangs); the RA closes the tab`,
      );
      for (const tab of tabs) tab.close();
      return undefined;
    }
    if (outcome === 'onglet ferme') return undefined;
    return work;
  }

  /** One run (a confirm): what the console gained is the run's entry's, and must have been previewed. */
  async run(
    what: string,
    screen: Screen,
    tabs: Tab[],
    click: () => Promise<Screen> = () => this.panel.confirm(),
  ): Promise<Screen | undefined> {
    this.previewed = new Map();
    this.notePreview(screen);
    const before = this.world.holdings();
    const others = this.world.otherChanges.length;
    const stepsBefore = await this.stepCounts();
    const result = await this.await(click(), tabs, what);
    await this.settleExtraTabs();
    const { gained, lost } = diff(before, this.world.holdings(), this.world.otherChanges.slice(others));
    this.violations.push(...writtenPreviewed(`step ${this.step()} ${what}`, gained, this.previewed));
    for (const entry of await this.background.entries()) {
      // Only an entry that sent a write during this run can have changed the console, and only on
      // the subscriptions it wrote to: a second tab's run may overlap this one.
      const wrote = sentTo(entry, stepsBefore.get(entry.id) ?? 0);
      if (wrote.size === 0) continue;
      if (entry.kind === 'affectation')
        for (const [id, persons] of only(gained, wrote)) this.gain(entry.id, id, persons);
      const undone = entry.job?.annule;
      if (entry.kind === 'annulation' && undone) this.noteUndo(undone, only(lost, wrote), result);
    }
    this.log.push(`  ${what} → ${result ? said(result) : 'onglet fermé ou bloqué'}`);
    return result;
  }

  private async stepCounts(): Promise<Map<string, number>> {
    return new Map((await this.background.entries()).map((entry) => [entry.id, entry.steps.length]));
  }

  /** What an undo's run removed is its; once it ends « termine », invariant 3 is checked. */
  private noteUndo(undone: string, lost: PerSubscription, result: Screen | undefined): void {
    const losses = this.undoLosses.get(undone) ?? new Map();
    for (const [id, persons] of lost) add(losses, id, persons);
    this.undoLosses.set(undone, losses);
    if (result?.kind !== 'resultat' || result.status !== 'termine') return;
    const problems = undoExact(
      undone,
      this.gainsOf(undone),
      losses,
      this.world.holdings(),
      this.handedOverOf(undone),
    );
    this.violations.push(...problems.map((v) => `${v} (step ${this.step()})`));
  }

  /** The console gained `persons` on `id` for `entry`; any earlier holder entry hands them over. */
  private gain(entry: string, id: string, persons: ReadonlySet<string>): void {
    for (const [other, gains] of this.gains) {
      if (other === entry) continue;
      const again = [...persons].filter((person) => gains.get(id)?.has(person));
      if (again.length > 0) add(this.handedOverOf(other), id, again);
    }
    add(this.gainsOf(entry), id, persons);
  }

  private handedOverOf(id: string): PerSubscription {
    const handed = this.handedOver.get(id) ?? new Map();
    this.handedOver.set(id, handed);
    return handed;
  }

  gainsOf(id: string): PerSubscription {
    const gains = this.gains.get(id) ?? new Map();
    this.gains.set(id, gains);
    return gains;
  }

  notePreview(screen: Screen): void {
    if (screen.kind !== 'apercu') return;
    for (const [id, persons] of screen.previewed) add(this.previewed, id, persons);
  }

  /** A second tab's run started during this one: it is waited for too, then the RA closes that tab. */
  private async settleExtraTabs(): Promise<void> {
    const extra = this.extra;
    this.extra = [];
    if (extra.length === 0) return;
    const tabs = extra.map((e) => e.tab);
    const outcome = await drive(this.world, Promise.all(extra.map((e) => e.work)), tabs);
    if (outcome === 'bloque') {
      this.violations.push(`7. step ${this.step()}: the second tab's run never ends (the panel hangs)`);
    }
    for (const tab of tabs) tab.close();
  }

  /** Sets the trouble around the next run; returns the tabs the run involves. */
  async arm(trouble: Trouble): Promise<Tab[]> {
    const tabs = [this.tab];
    switch (trouble.kind) {
      case 'fermeture':
        this.tab.closeAt(trouble.at, trouble.how);
        break;
      case 'panne':
        this.tab.at(trouble.at, () => void this.world.faults({ panne: { requetes: trouble.requetes } }));
        break;
      case 'blocage':
        await this.world.faults({ blocages: trouble.probabilite });
        break;
      case 'expiration':
        await this.world.faults({ expirationSessionApres: trouble.apres });
        break;
      case 'reponsesPerdues':
        await this.world.faults({ reponsesPerdues: trouble.probabilite });
        break;
      case 'autreRA': {
        const { idAbonnement, ajouter, retirer } = trouble.change;
        this.tab.at(trouble.at, () => this.world.otherRa(idAbonnement, ajouter, retirer));
        break;
      }
      case 'secondOnglet':
        this.tab.at(trouble.at, () => {
          const tab = this.world.openTab();
          this.extra.push({ tab, work: this.secondTab(tab) });
        });
        break;
      case 'aucun':
        break;
    }
    return tabs;
  }

  /** The RA opens the console in another tab and clicks « Reprendre » on what it offers, then confirms. */
  private async secondTab(tab: Tab): Promise<void> {
    const panel = openPanel(this.world, tab, this.background);
    await panel.open();
    const [offered] = panel.interrupted();
    if (!offered) {
      this.log.push('  second tab: nothing offered to resume');
      return;
    }
    const screen = await panel.resume(offered.id);
    this.notePreview(screen);
    const result = await panel.confirm();
    this.log.push(`  second tab resumes ${offered.id} → ${said(result)}`);
  }

  /** After a run: faults off; a session that expired is logged in again. */
  async disarm(): Promise<void> {
    const expired = (this.world.sim.sim.faults.current().expirationSessionApres ?? 0) > 0;
    await this.world.faults(null);
    if (expired) await this.world.login();
  }
}

function said(screen: Screen): string {
  switch (screen.kind) {
    case 'resultat':
      return `${screen.annulation ? 'annulation' : 'résultat'} ${screen.entryId} ${screen.status}`;
    case 'erreur':
      return `erreur « ${screen.message} »`;
    case 'apercu':
      return `aperçu${screen.changed ? ' (changé)' : ''}${screen.reprise ? ` reprise ${screen.reprise}` : ''}`;
    case 'annulation':
      return `aperçu d'annulation (${[...screen.removals.values()].flat().length} retraits)`;
    default:
      return screen.step;
  }
}

/** « Confirmer », and again while the panel shows a changed preview or a conflict's new plan (at most 3 times). */
async function confirmLoop(sequence: Sequence, first: Screen, what: string, tabs: Tab[]): Promise<void> {
  let screen: Screen | undefined = first;
  /** The preview the RA last saw: « Réessayer » confirms that one again. */
  let seen: Screen = first;
  for (let attempt = 0; attempt < 3 && screen; attempt += 1) {
    if (screen.kind === 'erreur' && screen.retry) {
      screen = await sequence.run(`${what} (réessai)`, seen, tabs, () => sequence.panel.retry());
    } else if (screen.kind === 'apercu' || screen.kind === 'annulation') {
      seen = screen;
      screen = await sequence.run(attempt === 0 ? what : `${what} (confirmé de nouveau)`, screen, tabs);
    } else return;
    await sequence.disarm();
  }
}

async function play(sequence: Sequence, action: Action): Promise<void> {
  const { panel } = sequence;
  switch (action.kind) {
    case 'affectation': {
      const shown = await sequence.await(
        panel.preview(action.ids, action.cibles, action.jusquAEpuisement),
        [sequence.tab],
        'aperçu',
      );
      if (!shown) return;
      if (action.deplacement)
        await sequence.world.movePupil(action.deplacement.idPersonne, action.deplacement.division);
      const tabs = await sequence.arm(action.trouble);
      await confirmLoop(sequence, shown, 'affectation', tabs);
      return;
    }
    case 'recharger':
      sequence.tab.close();
      await sequence.openTab();
      return;
    case 'reprendre': {
      const offered = panel.interrupted();
      const entry = offered[action.choix % Math.max(offered.length, 1)];
      if (!entry) {
        sequence.log.push('  nothing to resume');
        return;
      }
      const shown = await sequence.await(panel.resume(entry.id), [sequence.tab], 'reprise');
      if (!shown) return;
      const tabs = await sequence.arm(action.trouble);
      await confirmLoop(sequence, shown, `reprise de ${entry.id}`, tabs);
      return;
    }
    case 'abandonner': {
      const offered = panel.interrupted();
      const entry = offered[action.choix % Math.max(offered.length, 1)];
      if (!entry) {
        sequence.log.push('  nothing to give up');
        return;
      }
      const screen = await sequence.await(panel.giveUp(entry.id), [sequence.tab], 'abandon');
      sequence.log.push(`  abandon de ${entry.id} → ${screen ? said(screen) : '—'}`);
      return;
    }
    case 'annuler': {
      const offered = panel.undoable();
      const entry = offered[action.choix % Math.max(offered.length, 1)];
      if (!entry) {
        sequence.log.push('  nothing to undo');
        return;
      }
      const shown = await sequence.await(panel.prepareUndo(entry.id), [sequence.tab], 'aperçu annulation');
      if (!shown) return;
      const tabs = await sequence.arm(action.trouble);
      await confirmLoop(sequence, shown, `annulation de ${entry.id}`, tabs);
      return;
    }
    case 'autreRA':
      sequence.world.otherRa(action.change.idAbonnement, action.change.ajouter, action.change.retirer);
      return;
  }
}

/** Who a target designates on the seed's school, by the simulator's rule (all publics). */
function designatorOf(world: World): (cible: Cible) => string[] {
  const publics = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;
  return (cible) => {
    try {
      return designatedPersons(world.school.view.population, [...publics], [cible]).map((p) => p.id);
    } catch {
      return [];
    }
  };
}

export async function runSequence(seed: number): Promise<SequenceReport> {
  const world = await World.create(seed);
  const generated: Generated = generate(seed, designatorOf(world));
  const background = await openBackground();
  let index = 0;
  const sequence = new Sequence(world, background, world.holdings(), () => index);
  // The clock is virtual too: it moves only when the world jumps to a timer, so many journal steps
  // share a millisecond — the harshest case for ordering them (utils/store/journal-clock.ts).
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  try {
    await sequence.openTab();
    for (const action of generated.actions) {
      index += 1;
      sequence.log.push(`${index}. ${JSON.stringify(action)}`);
      if (!sequence.tab.alive) await sequence.openTab();
      await play(sequence, action);
      await world.faults(null);
      const cheap = [...overAssigned(world.school), ...doubleHolders(world.school)];
      sequence.violations.push(...cheap.map((v) => `${v} (after step ${index})`));
    }
    // The RA comes back once more: a new tab, the panel opened (interrupted entries are read again).
    sequence.tab.close();
    await sequence.openTab();
    sequence.tab.close();
    const entries = await background.entries();
    sequence.violations.push(
      ...journalTrue(sequence.initial, entries.map(claimsOf), world.otherChanges, world.holdings()),
      ...readable(
        entries.map((e) => ({ id: e.id, kind: e.kind, status: e.status })),
        new Set(),
      ),
    );
  } finally {
    vi.clearAllTimers();
    vi.useRealTimers();
    background.close();
  }
  return {
    seed,
    actions: generated.actions,
    violations: [...new Set(sequence.violations)],
    log: sequence.log,
  };
}
