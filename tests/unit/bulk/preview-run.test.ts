// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  type JournalService,
  type OperationPorts,
  planFromConsole,
  planTemplatesFromConsole,
} from '../../../utils/bulk/operation';
import { replanAfterConflict, replanOnReading, runConfirmed } from '../../../utils/bulk/preview-run';
import { RESUME_STEP } from '../../../utils/gar/assignment-job';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import type { Cible } from '../../../utils/gar/school';
import { rulesFromSelection } from '../../../utils/gar/template-from-selection';
import { TEMPLATE_VERSION, type Template } from '../../../utils/gar/template-record';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import { MemoryJournal } from './memory-journal';
import { COLLEGE_UAI, simulator } from './sim-console';

const SIX_A: Cible[] = [{ type: 'division', code: '6A' }];
const FIVE_B: Cible[] = [{ type: 'division', code: '5B' }];

/** The college, logged in, with the first two subscriptions that would add someone of 6A. */
async function setup() {
  const sim = await simulator();
  const client = await sim.login();
  const journal = new MemoryJournal();
  const ports: OperationPorts = { client, journal, now: () => new Date() };
  const all = (await client.subscriptions(COLLEGE_UAI)).map((s) => s.abonnement.idAbonnement);
  const { plan } = await planFromConsole(ports, {
    uai: COLLEGE_UAI,
    ids: all,
    cibles: SIX_A,
    jusquAEpuisement: false,
  });
  const ids = plan.abonnements
    .filter((p) => !p.refus && p.parCible.some((target) => target.nouveaux > 0))
    .slice(0, 2)
    .map((p) => p.idAbonnement);
  if (ids.length < 2) throw new Error('two subscriptions adding someone of 6A');
  return { sim, client, journal, ports, ids };
}

async function holdersOf(client: ConsoleClient, id: string): Promise<string[]> {
  return (await client.affectations(COLLEGE_UAI, id)).affectations.map((a) => a.idPersonne).sort();
}

describe('« jusqu’à épuisement » switched on the same reading', () => {
  it('plans as a fresh reading would, for the RA’s targets, a resume’s journaled ones, or templates', async () => {
    const { ports, ids } = await setup();
    const request = { uai: COLLEGE_UAI, ids, cibles: SIX_A };
    const short = await planFromConsole(ports, { ...request, jusquAEpuisement: false });
    const full = await planFromConsole(ports, { ...request, jusquAEpuisement: true });
    const now = ports.now();

    expect(replanOnReading(short, { cibles: SIX_A }, now, true)).toEqual(full.plan);
    const reprise: JournalEntry = {
      id: 'op-1',
      uai: COLLEGE_UAI,
      kind: 'affectation',
      startedAt: now.toISOString(),
      status: 'interrompu',
      summary: '',
      steps: [],
      job: {
        abonnements: [],
        cibles: [{ type: 'division', code: '6A', libelle: 'Division 6A' }],
        jusquAEpuisement: true,
      },
    };
    // The panel's current choice (5B) is not what the resume asked for.
    expect(replanOnReading(short, { cibles: FIVE_B, reprise }, now, true)).toEqual(full.plan);

    const template: Template = {
      id: 'tpl',
      name: 'Rentrée 6A',
      description: '',
      version: TEMPLATE_VERSION,
      rules: rulesFromSelection(full.subscriptions, SIX_A).rules,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const templated = { uai: COLLEGE_UAI, templates: [template], decisions: new Map() };
    const shortT = await planTemplatesFromConsole(ports, { ...templated, jusquAEpuisement: false });
    const fullT = await planTemplatesFromConsole(ports, { ...templated, jusquAEpuisement: true });
    const source = { cibles: FIVE_B, resolution: shortT.resolution };
    expect(replanOnReading(shortT.fresh, source, now, true)).toEqual(fullT.fresh.plan);
  });
});

describe('a confirmed preview, carried out', () => {
  it('journals the RA’s targets before writing, and writes the persons previewed', async () => {
    const { client, journal, ports, ids } = await setup();
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids,
      cibles: SIX_A,
      jusquAEpuisement: false,
    });

    const { entry, result } = await runConfirmed(ports, {
      uai: COLLEGE_UAI,
      fresh,
      jusquAEpuisement: false,
      source: { cibles: SIX_A },
    });

    expect(result.status).toBe('termine');
    expect(journal.get(entry.id)).toMatchObject({
      kind: 'affectation',
      status: 'termine',
      job: { cibles: [{ type: 'division', code: '6A' }], jusquAEpuisement: false },
    });
    expect(journal.get(entry.id).job?.modeles).toBeUndefined();
    for (const subscription of fresh.plan.abonnements) {
      const added = subscription.parCible.flatMap((target) => target.nouveauxIds);
      expect(await holdersOf(client, subscription.idAbonnement)).toEqual(expect.arrayContaining(added));
    }
  });

  it('a template plan journals the templates it came from', async () => {
    const { journal, ports, ids } = await setup();
    const listed = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids,
      cibles: SIX_A,
      jusquAEpuisement: false,
    });
    const now = ports.now().toISOString();
    const template: Template = {
      id: 'tpl',
      name: 'Rentrée 6A',
      description: '',
      version: TEMPLATE_VERSION,
      rules: rulesFromSelection(listed.subscriptions, SIX_A).rules,
      createdAt: now,
      updatedAt: now,
    };
    const { fresh, resolution } = await planTemplatesFromConsole(ports, {
      uai: COLLEGE_UAI,
      templates: [template],
      decisions: new Map(),
      jusquAEpuisement: false,
    });

    const { entry } = await runConfirmed(ports, {
      uai: COLLEGE_UAI,
      fresh,
      jusquAEpuisement: false,
      source: { cibles: [], resolution },
    });

    expect(journal.get(entry.id).job?.modeles).toEqual(['Rentrée 6A']);
    expect(journal.get(entry.id).job?.abonnements.map((a) => a.cibles)).toEqual(
      fresh.subscriptions.map(() => [expect.objectContaining({ type: 'division', code: '6A' })]),
    );
  });

  it('writes nothing when the journal refuses the request', async () => {
    const { client, ports, ids } = await setup();
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids,
      cibles: SIX_A,
      jusquAEpuisement: false,
    });
    const before = await Promise.all(ids.map((id) => holdersOf(client, id)));
    const refusing: JournalService = {
      ...ports.journal,
      start: () => Promise.reject(new Error('journal plein')),
    };

    await expect(
      runConfirmed(
        { ...ports, journal: refusing },
        { uai: COLLEGE_UAI, fresh, jusquAEpuisement: false, source: { cibles: SIX_A } },
      ),
    ).rejects.toThrow('journal plein');
    expect(await Promise.all(ids.map((id) => holdersOf(client, id)))).toEqual(before);
  });
});

describe('another RA changes a subscription during the run', () => {
  it('the rest is planned again with what moved, and the resume goes on in the same entry', async () => {
    const { sim, client, journal, ports, ids } = await setup();
    const [id] = ids;
    if (!id) throw new Error('a subscription');
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids: [id],
      cibles: SIX_A,
      jusquAEpuisement: false,
    });
    const [colleagues, ...ours] = fresh.plan.abonnements[0]?.parCible.flatMap((t) => t.nouveauxIds) ?? [];
    if (!colleagues || ours.length === 0) throw new Error('two persons to add');
    await sim.faults({
      changementConcurrent: { uai: COLLEGE_UAI, idAbonnement: id, ajouter: [colleagues], apresRequetes: 0 },
    });
    const confirmed = { uai: COLLEGE_UAI, fresh, jusquAEpuisement: false, source: { cibles: SIX_A } };
    const { entry, result } = await runConfirmed(ports, confirmed);
    expect(result).toMatchObject({ status: 'interrompu', reason: 'conflit' });
    await sim.faults(null);

    const stopped = journal.get(entry.id);
    const again = await replanAfterConflict(ports, stopped, fresh.plan);
    expect(again.changements).toEqual([
      expect.objectContaining({ idAbonnement: id, nouveaux: [ours.length + 1, ours.length] }),
    ]);

    const resumed = await runConfirmed(ports, {
      ...confirmed,
      fresh: again.fresh,
      source: { cibles: SIX_A, reprise: stopped },
    });
    expect(resumed.entry.id).toBe(entry.id);
    expect(resumed.result.status).toBe('termine');
    expect(journal.entries.size).toBe(1);
    expect(journal.get(entry.id).steps.some((step) => step.action === RESUME_STEP)).toBe(true);
    expect(await holdersOf(client, id)).toEqual(expect.arrayContaining([colleagues, ...ours]));
  });

  it('a console that cannot be read after the conflict fails the new plan', async () => {
    const { journal, ports, ids } = await setup();
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids,
      cibles: SIX_A,
      jusquAEpuisement: false,
    });
    const { entry } = await runConfirmed(ports, {
      uai: COLLEGE_UAI,
      fresh,
      jusquAEpuisement: false,
      source: { cibles: SIX_A },
    });
    const down = {
      ...ports,
      client: { ...ports.client, population: () => Promise.reject(new Error('panne')) },
    };
    await expect(replanAfterConflict(down, journal.get(entry.id), fresh.plan)).rejects.toThrow('panne');
  });
});
