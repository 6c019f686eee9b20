import type { Cible } from '../../../utils/gar/school';
import { seededRandom } from '../bulk/sim-console';
import type { Cut } from './world';

/**
 * Random RA sequences from a seed: the same seed, the same actions (and, through world.ts, the
 * same simulator faults). Written on the mini seed's school (tests/unit/sim/fixtures/seed-mini):
 * divisions 6A and 6B, group 6-ESP, level 6EME, a few teachers, subscriptions short of licences.
 */

/** Something that happens while a run goes on, at the tab's n-th request from the RA's click. */
export type Trouble =
  | { kind: 'aucun' }
  | { kind: 'fermeture'; at: number; how: Cut }
  | { kind: 'panne'; at: number; requetes: number }
  | { kind: 'blocage'; probabilite: number }
  | { kind: 'expiration'; apres: number }
  | { kind: 'reponsesPerdues'; probabilite: number }
  | { kind: 'autreRA'; at: number; change: OtherRaChange }
  | { kind: 'secondOnglet'; at: number };

export interface OtherRaChange {
  idAbonnement: string;
  ajouter: string[];
  retirer: string[];
}

export type Action =
  | {
      kind: 'affectation';
      ids: string[];
      cibles: Cible[];
      jusquAEpuisement: boolean;
      /** A pupil changes division between the preview and « Confirmer ». */
      deplacement?: { idPersonne: string; division: string };
      trouble: Trouble;
    }
  | { kind: 'recharger' }
  | { kind: 'reprendre'; choix: number; trouble: Trouble }
  | { kind: 'abandonner'; choix: number }
  | { kind: 'annuler'; choix: number; trouble: Trouble }
  | { kind: 'autreRA'; change: OtherRaChange };

/** Subscriptions worth assigning on the mini seed, and two the console refuses (expired, ETABL). */
const SUBSCRIPTIONS = [
  'AB-GLOBAL',
  'AB-PROFIL',
  'AB-ILLIMITE',
  'AB-BIENTOT',
  'AB-DOC',
  'AB-EXPIRE',
  'AB-ETABL',
];
const TARGETS: Cible[] = [
  { type: 'division', code: '6A' },
  { type: 'division', code: '6B' },
  { type: 'groupe', code: '6-ESP' },
  { type: 'mef', code: '10010012110' },
  { type: 'personne', code: 'ELV-0003' },
  { type: 'personne', code: 'ELV-0005' },
  { type: 'profil', code: 'ENSEIGNANT' },
];
const PUPILS = ['ELV-0001', 'ELV-0002', 'ELV-0003', 'ELV-0004', 'ELV-0005', 'ELV-0006'];
const DIVISIONS = ['6A', '6B'];

export interface Generated {
  seed: number;
  actions: Action[];
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

function some<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  const count = between(random, min, Math.min(max, pool.length));
  while (chosen.length < count) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return chosen;
}

function trouble(random: Random): Trouble {
  const at = between(random, 1, 9);
  switch (between(random, 0, 8)) {
    case 0:
    case 1:
      return { kind: 'fermeture', at, how: random() < 0.5 ? 'avant' : 'apres' };
    case 2:
      return { kind: 'panne', at, requetes: between(random, 1, 6) };
    case 3:
      return { kind: 'blocage', probabilite: 0.3 };
    case 4:
      return { kind: 'expiration', apres: between(random, 2, 10) };
    case 5:
      return { kind: 'reponsesPerdues', probabilite: 0.5 };
    case 6:
      // Persons are filled in once the whole sequence is known (see `otherRaPool`).
      return {
        kind: 'autreRA',
        at,
        change: { idAbonnement: pick(random, SUBSCRIPTIONS), ajouter: [], retirer: [] },
      };
    case 7:
      return { kind: 'secondOnglet', at };
    default:
      return { kind: 'aucun' };
  }
}

function action(random: Random): Action {
  const roll = random();
  if (roll < 0.4) {
    return {
      kind: 'affectation',
      ids: some(random, SUBSCRIPTIONS, 1, 3),
      cibles: some(random, TARGETS, 1, 2),
      jusquAEpuisement: random() < 0.4,
      ...(random() < 0.2
        ? { deplacement: { idPersonne: pick(random, PUPILS), division: pick(random, DIVISIONS) } }
        : {}),
      trouble: trouble(random),
    };
  }
  if (roll < 0.5) return { kind: 'recharger' };
  if (roll < 0.65) return { kind: 'reprendre', choix: between(random, 0, 9), trouble: trouble(random) };
  if (roll < 0.72) return { kind: 'abandonner', choix: between(random, 0, 9) };
  if (roll < 0.92) return { kind: 'annuler', choix: between(random, 0, 9), trouble: trouble(random) };
  return { kind: 'autreRA', change: { idAbonnement: pick(random, SUBSCRIPTIONS), ajouter: [], retirer: [] } };
}

/**
 * Persons no job of the sequence can designate: the only ones the other RA touches. So when the
 * console shows a person holding a licence, either the other RA's record or the journal explains
 * it, never both — the ambiguity utils/bulk/README.md documents (« constate » when another RA gave
 * the same persons the same resource) is avoided rather than guessed at.
 */
export function otherRaPool(actions: readonly Action[], designated: (cible: Cible) => string[]): string[] {
  const taken = new Set<string>();
  for (const step of actions) {
    if (step.kind !== 'affectation') continue;
    for (const cible of step.cibles) for (const person of designated(cible)) taken.add(person);
    // A moved pupil may be designated by either division.
    if (step.deplacement) taken.add(step.deplacement.idPersonne);
  }
  return [...PUPILS, 'ENS-0001', 'ENS-0002', 'DOC-0001', 'DIR-0001'].filter((person) => !taken.has(person));
}

function fillOtherRa(change: OtherRaChange, random: Random, pool: readonly string[]): void {
  change.ajouter = some(random, pool, 0, 2);
  change.retirer = some(random, pool, 0, 1);
}

/** 4 to 10 actions; the first one is always an assignment (there is nothing to resume or undo before). */
export function generate(seed: number, designated: (cible: Cible) => string[]): Generated {
  const random = seededRandom(seed * 2_654_435_761 + 1);
  // Let the first draws of a small seed spread out.
  for (let i = 0; i < 3; i += 1) random();
  const count = between(random, 4, 10);
  const actions: Action[] = [];
  while (actions.length < count) {
    const next = action(random);
    actions.push(actions.length === 0 && next.kind !== 'affectation' ? firstJob(random) : next);
  }
  const pool = otherRaPool(actions, designated);
  for (const step of actions) {
    if (step.kind === 'autreRA') fillOtherRa(step.change, random, pool);
    else if ('trouble' in step && step.trouble.kind === 'autreRA')
      fillOtherRa(step.trouble.change, random, pool);
  }
  return { seed, actions };
}

function firstJob(random: Random): Action {
  let next = action(random);
  while (next.kind !== 'affectation') next = action(random);
  return next;
}
