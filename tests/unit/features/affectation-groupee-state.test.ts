// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type BulkDependencies,
  type BulkState,
  createBulkState,
} from '../../../entrypoints/console.content/features/affectation-groupee/state';
import type { OperationPorts } from '../../../utils/bulk/operation';
import type { Cible } from '../../../utils/gar/school';
import { rulesFromSelection } from '../../../utils/gar/template-from-selection';
import { type ConformityRecord, TEMPLATE_VERSION, type Template } from '../../../utils/gar/template-record';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import { MemoryJournal } from '../bulk/memory-journal';
import { COLLEGE_UAI, simulator } from '../bulk/sim-console';
import { speakKeys } from '../speak';

beforeEach(() => {
  speakKeys();
});

const SIX_A: Cible[] = [{ type: 'division', code: '6A' }];

async function panel(
  client: ConsoleClient,
  journal: MemoryJournal,
  ports: Partial<OperationPorts> = {},
  deps: Partial<Omit<BulkDependencies, 'ports'>> = {},
) {
  const state = createBulkState({
    ports: { client, journal, now: () => new Date(), sleep: async () => undefined, ...ports },
    loadSchool: async () => ({ uai: COLLEGE_UAI, subscriptions: await client.subscriptions(COLLEGE_UAI) }),
    listJournal: async () => journal.all(),
    thresholds: { soonDays: 30, laterDays: 90 },
    saveTemplate: async (template) => template,
    listTemplates: async () => [],
    saveConformity: async (record) => record,
    ...deps,
  });
  await state.open();
  return state;
}

/** The first subscriptions that would add someone of 6A. */
async function choose6A(state: BulkState, count: number): Promise<string[]> {
  const school = state.school.value;
  if (!school) throw new Error(`school loaded: ${JSON.stringify(state.step.value)}`);
  const ids = school.subscriptions
    .filter((s) => s.abonnement.typeAffectation !== 'ETABL' && s.abonnement.publicCible.includes('ELEVE'))
    .map((s) => s.abonnement.idAbonnement);
  state.selectedIds.value = new Set(ids);
  state.cibles.value = SIX_A;
  await state.preview();
  const step = state.step.value;
  if (step.kind !== 'apercu') throw new Error(`preview expected, got ${step.kind}`);
  const chosen = step.fresh.plan.abonnements
    .filter((plan) => plan.parCible.some((target) => target.nouveaux > 0))
    .slice(0, count)
    .map((plan) => plan.idAbonnement);
  state.selectedIds.value = new Set(chosen);
  await state.preview();
  return chosen;
}

describe('the bulk panel, step by step', () => {
  it('« Confirmer » on a stale preview writes nothing and shows the plan again; a second « Confirmer » writes it', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    const state = await panel(client, journal);
    const [id] = await choose6A(state, 1);
    if (!id) throw new Error('a subscription');
    // Another RA assigns one of the previewed pupils meanwhile.
    const previewed = state.step.value;
    if (previewed.kind !== 'apercu') throw new Error('preview');
    const [taken] = previewed.fresh.plan.abonnements[0]?.parCible[0]?.nouveauxIds ?? [];
    if (!taken) throw new Error('someone to add');
    const { version } = await client.affectations(COLLEGE_UAI, id);
    await client.assign(COLLEGE_UAI, id, { version, cibles: [{ type: 'personne', code: taken }] });

    await state.confirm();
    const shown = state.step.value;
    expect(shown).toMatchObject({ kind: 'apercu', aJour: true });
    expect(journal.entries.size).toBe(0);

    await state.confirm();
    expect(state.step.value).toMatchObject({ kind: 'resultat', result: { status: 'termine' } });
  });

  it('an interrupted job with nothing left is closed on return, not offered', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    const first = await panel(client, journal);
    const [id] = await choose6A(first, 1);
    if (!id) throw new Error('a subscription');
    const step = first.step.value;
    if (step.kind !== 'apercu') throw new Error('preview');
    const attendus = step.fresh.plan.abonnements[0]?.parCible.flatMap((t) => t.nouveauxIds) ?? [];
    // The tab sent the write and closed: the console applied it, the journal has the « envoi » only.
    const entry = await journal.start({
      uai: COLLEGE_UAI,
      kind: 'affectation',
      summary: '1 abonnement × division 6A',
      job: {
        abonnements: [{ idAbonnement: id, libelle: id }],
        cibles: [{ type: 'division', code: '6A', libelle: 'Division 6A' }],
        jusquAEpuisement: false,
      },
    });
    await journal.step(entry.id, {
      at: new Date().toISOString(),
      action: 'envoi',
      idAbonnement: id,
      personIds: attendus,
      ok: true,
    });
    const { version } = await client.affectations(COLLEGE_UAI, id);
    await client.assign(COLLEGE_UAI, id, {
      version,
      cibles: attendus.map((code) => ({ type: 'personne', code })),
    });

    const back = await panel(client, journal);
    expect(back.resumable()).toEqual([]);
    expect(journal.get(entry.id).status).toBe('termine');
  });

  it('an error while previewing offers to redo the preview, with the same choice', async () => {
    const sim = await simulator();
    const client = await sim.login();
    const journal = new MemoryJournal();
    let down = false;
    const flaky: ConsoleClient = {
      ...client,
      affectations: (uai, id) => (down ? Promise.reject(new Error('panne')) : client.affectations(uai, id)),
    };
    const state = await panel(flaky, journal);
    const chosen = await choose6A(state, 2);
    down = true;
    await state.preview();
    const failed = state.step.value;
    if (failed.kind !== 'erreur' || !failed.retry) throw new Error('an error with a retry');
    down = false;
    await failed.retry();
    expect(state.step.value.kind).toBe('apercu');
    expect([...state.selectedIds.value]).toEqual(chosen);
  });

  it('a conformity check shows each line once its records are kept; one the store refuses offers to check again', async () => {
    const sim = await simulator();
    const client = await sim.login();
    let refuse = true;
    const kept: ConformityRecord[] = [];
    const saveConformity = async (record: ConformityRecord): Promise<unknown> => {
      if (refuse) throw new Error('stockage plein');
      return kept.push(record);
    };
    const state = await panel(client, new MemoryJournal(), {}, { saveConformity });
    const [subscription] = await client.subscriptions(COLLEGE_UAI);
    if (!subscription) throw new Error('a subscription');
    const now = new Date().toISOString();
    const template: Template = {
      id: 'tpl',
      name: 'Rentrée 6A',
      description: '',
      version: TEMPLATE_VERSION,
      rules: rulesFromSelection([subscription], SIX_A).rules,
      createdAt: now,
      updatedAt: now,
    };

    await state.checkConformity([template]);
    const failed = state.step.value;
    if (failed.kind !== 'erreur' || !failed.retry) throw new Error('an error with a retry');
    expect(kept).toEqual([]);

    refuse = false;
    await failed.retry();
    const shown = state.step.value;
    if (shown.kind !== 'conformite') throw new Error(`conformity expected, got ${shown.kind}`);
    expect(kept).toHaveLength(1);
    expect(kept[0]?.lignes.map((line) => [line.idAbonnement, line.manquants])).toEqual(
      shown.lignes.map((line) => [line.idAbonnement, line.manquants]),
    );
  });
});
