import { PROFILS } from '../../../utils/gar/abonnement';
import type { SchoolState } from '../../sim/server/state';
import type { EntryClaims, EntryView } from './ra';
import type { Holdings, OtherChange } from './world';

/**
 * The invariants, read from the console (the simulator's state) and from the journal as stored —
 * never through the extension's own reading of either. Each returns the violations it found, in
 * French-free plain sentences that name the subscription and the persons.
 */

/** 1. No subscription holds more licences than it has, per profile bucket (or the global one). */
export function overAssigned(school: SchoolState): string[] {
  const problems: string[] = [];
  for (const [id, { abonnement, holders }] of school.subscriptions) {
    const held = [...holders.values()];
    const { licences } = abonnement;
    if (licences.kind === 'global') {
      if (licences.count !== 'ILLIMITE' && held.length > licences.count) {
        problems.push(`1. ${id}: ${held.length} licences held, ${licences.count} bought (GLOBAL)`);
      }
      continue;
    }
    for (const profil of PROFILS) {
      const bought = licences.counts[profil];
      const count = held.filter((holder) => holder.profil === profil).length;
      if (bought === undefined ? count > 0 : bought !== 'ILLIMITE' && count > bought) {
        problems.push(`1. ${id}: ${count} licences held, ${bought ?? 0} bought (${profil})`);
      }
    }
  }
  return problems;
}

/** 2. Nobody holds two licences of one subscription (read as the console lists its affectations). */
export function doubleHolders(school: SchoolState): string[] {
  const problems: string[] = [];
  for (const [id, { holders }] of school.subscriptions) {
    const ids = [...holders.values()].map((holder) => holder.personId);
    const twice = ids.filter((person, index) => ids.indexOf(person) !== index);
    if (twice.length > 0) problems.push(`2. ${id}: ${[...new Set(twice)].join(', ')} hold two licences`);
    const keyed = [...holders].filter(([key, holder]) => key !== holder.personId).map(([key]) => key);
    if (keyed.length > 0)
      problems.push(`2. ${id}: affectations filed under another person (${keyed.join(', ')})`);
  }
  return problems;
}

const sorted = (persons: Iterable<string>): string => [...persons].sort().join(', ') || '∅';

/**
 * 3. After an undo that ended « termine »: none of the persons the undone job added (as the console
 * gained them during its runs) still holds a licence, and the undo's runs removed no one else. The
 * other RA touches only persons no job can designate (generator.ts), so it never explains either.
 */
export function undoExact(
  undone: string,
  gained: ReadonlyMap<string, ReadonlySet<string>>,
  removedByUndo: ReadonlyMap<string, ReadonlySet<string>>,
  now: Holdings,
  /** Persons it gained whom another of our entries gained again after a removal: theirs now. */
  handedOver: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): string[] {
  const problems: string[] = [];
  for (const [id, persons] of gained) {
    const left = [...persons].filter(
      (person) => now.get(id)?.has(person) && !handedOver.get(id)?.has(person),
    );
    if (left.length > 0)
      problems.push(`3. undo of ${undone} ended « termine » but ${id} still holds ${sorted(left)}`);
  }
  for (const [id, persons] of removedByUndo) {
    const foreign = [...persons].filter((person) => !gained.get(id)?.has(person));
    if (foreign.length > 0)
      problems.push(`3. undo of ${undone} removed ${sorted(foreign)} from ${id}, not added by it`);
  }
  return problems;
}

type Net = Map<string, Map<string, number>>;

/** Per subscription and person: +1 for each time someone says they added them, −1 removed. */
function netClaims(initial: Holdings, entries: readonly EntryClaims[], others: readonly OtherChange[]): Net {
  const net: Net = new Map();
  const bump = (id: string, persons: Iterable<string>, by: number): void => {
    const counts = net.get(id) ?? new Map<string, number>();
    for (const person of persons) counts.set(person, (counts.get(person) ?? 0) + by);
    net.set(id, counts);
  };
  for (const [id, persons] of initial) bump(id, persons, 1);
  for (const entry of entries) {
    for (const [id, persons] of entry.claims) bump(id, persons, entry.kind === 'affectation' ? 1 : -1);
  }
  for (const change of others) {
    bump(change.idAbonnement, change.ajoutees, 1);
    bump(change.idAbonnement, change.retirees, -1);
  }
  return net;
}

function subscriptionMismatch(
  id: string,
  expected: ReadonlyMap<string, number>,
  held: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const missing = [...expected].filter(([person, n]) => n === 1 && !held.has(person)).map(([p]) => p);
  const unexplained = [...held].filter((person) => (expected.get(person) ?? 0) !== 1);
  const miscounted = [...expected].filter(([, n]) => n !== 0 && n !== 1).map(([p, n]) => `${p}×${n}`);
  if (missing.length > 0)
    problems.push(`4. ${id}: the journal says ${sorted(missing)} hold a licence, the console does not`);
  if (unexplained.length > 0)
    problems.push(`4. ${id}: the console has ${sorted(unexplained)}, the journal does not account for them`);
  if (miscounted.length > 0)
    problems.push(`4. ${id}: the journal counts ${miscounted.join(', ')} (added or removed twice)`);
  return problems;
}

/**
 * 4. The journal is true: per subscription, the console's holders = holders at the start + what
 * every assignment entry says it added − what every undo entry says it removed + the other RA's
 * recorded changes. Counted per person, so a person two entries both claim shows as such.
 */
export function journalTrue(
  initial: Holdings,
  entries: readonly EntryClaims[],
  others: readonly OtherChange[],
  now: Holdings,
): string[] {
  const net = netClaims(initial, entries, others);
  const ids = new Set([...net.keys(), ...now.keys()]);
  return [...ids].flatMap((id) =>
    subscriptionMismatch(id, net.get(id) ?? new Map(), now.get(id) ?? new Set()),
  );
}

/** 5. Every entry ends readable: none stays « enCours » once no live tab runs it. */
export function readable(entries: readonly EntryView[], running: ReadonlySet<string>): string[] {
  return entries
    .filter((entry) => entry.status === 'enCours' && !running.has(entry.id))
    .map((entry) => `5. ${entry.kind} ${entry.id} stays « enCours » with no tab running it`);
}

/**
 * 6. What is written is what was previewed: the persons the console gained during a run are among
 * those the RA saw in the previews it confirmed for that run (none for an undo).
 */
export function writtenPreviewed(
  run: string,
  gained: ReadonlyMap<string, ReadonlySet<string>>,
  previewed: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const problems: string[] = [];
  for (const [id, persons] of gained) {
    const unseen = [...persons].filter((person) => !previewed.get(id)?.has(person));
    if (unseen.length > 0)
      problems.push(`6. ${run}: the console added ${sorted(unseen)} to ${id}, never previewed`);
  }
  return problems;
}
