// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { jobOf, type OperationPorts, planFromConsole, runAssignment } from '../../../utils/bulk/operation';
import {
  checkConformityInConsole,
  conformityRecords,
  resolveInConsole,
} from '../../../utils/bulk/template-check';
import type { Cible, ConsoleSubscription } from '../../../utils/gar/school';
import { rulesFromSelection } from '../../../utils/gar/template-from-selection';
import { type ConformityRecord, TEMPLATE_VERSION, type Template } from '../../../utils/gar/template-record';
import { candidatesFor } from '../../../utils/gar/templates';
import type { ConsoleClient } from '../../../utils/hosts/console/api';
import { HostError } from '../../../utils/hosts/errors';
import { MemoryJournal } from './memory-journal';
import { COLLEGE_UAI, simulator } from './sim-console';

const SIX_A: Cible[] = [{ type: 'division', code: '6A' }];
const NOW = new Date('2026-11-28T09:05:00.000Z');

function templateOf(id: string, subscription: ConsoleSubscription): Template {
  return {
    id,
    name: `Rentrée 6A (${id})`,
    description: '',
    version: TEMPLATE_VERSION,
    rules: rulesFromSelection([subscription], SIX_A).rules,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

/**
 * The college with two templates, each giving one subscription to 6A: subscriptions a template
 * designates alone, that add someone of 6A, with licences enough for all of them.
 */
async function setup() {
  const sim = await simulator();
  const client = await sim.login();
  const journal = new MemoryJournal();
  const ports: OperationPorts = { client, journal, now: () => NOW, sleep: async () => undefined };
  const subscriptions = await client.subscriptions(COLLEGE_UAI);
  const ids = subscriptions.map((s) => s.abonnement.idAbonnement);
  const { plan } = await planFromConsole(ports, {
    uai: COLLEGE_UAI,
    ids,
    cibles: SIX_A,
    jusquAEpuisement: false,
  });
  const chosen = subscriptions.filter((subscription) => {
    const planned = plan.abonnements.find((p) => p.idAbonnement === subscription.abonnement.idAbonnement);
    const [rule] = templateOf('x', subscription).rules;
    return (
      planned &&
      !planned.refus &&
      planned.parCible.some((target) => target.nouveaux > 0) &&
      Object.values(planned.manquantes).every((missing) => !missing) &&
      rule &&
      candidatesFor(rule, subscriptions, NOW).length === 1
    );
  });
  const [first, second] = chosen;
  if (!first || !second) throw new Error('two subscriptions a template can give to 6A');
  const templates = [templateOf('tpl-a', first), templateOf('tpl-b', second)];
  return { sim, client, journal, ports, first, second, templates };
}

const idOf = (subscription: ConsoleSubscription): string => subscription.abonnement.idAbonnement;

async function versionsOf(client: ConsoleClient, ids: readonly string[]): Promise<number[]> {
  return Promise.all(ids.map(async (id) => (await client.affectations(COLLEGE_UAI, id)).version));
}

describe('templates resolved against today’s console', () => {
  it('gives each rule its subscription, names every subscription, and leaves out a rule the RA ignores', async () => {
    const { ports, first, second, templates } = await setup();

    const all = await resolveInConsole(ports, { uai: COLLEGE_UAI, templates });
    expect(all.resolution.nonResolus).toEqual([]);
    expect(all.resolution.lignes.map((line) => [line.templateId, line.idAbonnement])).toEqual([
      ['tpl-a', idOf(first)],
      ['tpl-b', idOf(second)],
    ]);
    expect(all.titles.get(idOf(second))).toBe(second.abonnement.libelleRessource);

    const decisions = new Map([['tpl-a#0', 'ignorer' as const]]);
    const some = await resolveInConsole(ports, { uai: COLLEGE_UAI, templates, decisions });
    expect(some.resolution.lignes.map((line) => line.templateId)).toEqual(['tpl-b']);
  });

  it('fails when the console cannot list its subscriptions', async () => {
    const { ports, templates } = await setup();
    const down = {
      ...ports,
      client: { ...ports.client, subscriptions: () => Promise.reject(new Error('panne')) },
    };
    await expect(resolveInConsole(down, { uai: COLLEGE_UAI, templates })).rejects.toThrow('panne');
  });
});

describe('a conformity check', () => {
  it('counts the 6A pupils without a licence, writes nothing, keeps one record per template; none missing once assigned', async () => {
    const { client, ports, first, second, templates } = await setup();
    const ids = [idOf(first), idOf(second)];
    const versions = await versionsOf(client, ids);
    const saved: ConformityRecord[] = [];
    const save = async (record: ConformityRecord) => saved.push(record);

    const before = await checkConformityInConsole(ports, { uai: COLLEGE_UAI, templates }, save);

    expect(await versionsOf(client, ids)).toEqual(versions);
    const fresh = await planFromConsole(ports, {
      uai: COLLEGE_UAI,
      ids: [idOf(first)],
      cibles: SIX_A,
      jusquAEpuisement: false,
    });
    const missing = fresh.plan.totalNouveaux;
    expect(missing).toBeGreaterThan(0);
    const [line] = before.lignes;
    expect(line).toMatchObject({ templateId: 'tpl-a', idAbonnement: idOf(first), manquants: missing });
    expect(saved).toEqual([
      {
        uai: COLLEGE_UAI,
        templateId: 'tpl-a',
        templateName: 'Rentrée 6A (tpl-a)',
        checkedAt: NOW.toISOString(),
        lignes: [
          {
            ruleIndex: 0,
            idAbonnement: idOf(first),
            libelle: first.abonnement.libelleRessource,
            manquants: missing,
            enTrop: line?.enTrop,
          },
        ],
      },
      expect.objectContaining({
        templateId: 'tpl-b',
        lignes: [expect.objectContaining({ idAbonnement: idOf(second) })],
      }),
    ]);

    const job = jobOf(fresh.subscriptions, SIX_A, false, fresh.index);
    const { result } = await runAssignment(ports, { uai: COLLEGE_UAI, plan: fresh.plan, job });
    expect(result.status).toBe('termine');
    const after = await checkConformityInConsole(ports, { uai: COLLEGE_UAI, templates }, save);
    expect(after.lignes[0]).toMatchObject({ manquants: 0, enTrop: line?.enTrop });
    expect(after.lignes[1]).toEqual(before.lignes[1]);
  });

  it('stops at a record the store refuses: the check fails, the next template is not kept', async () => {
    const { ports, templates } = await setup();
    const tried: string[] = [];
    const save = async (record: ConformityRecord): Promise<never> => {
      tried.push(record.templateId);
      throw new Error('stockage plein');
    };
    await expect(checkConformityInConsole(ports, { uai: COLLEGE_UAI, templates }, save)).rejects.toThrow(
      'stockage plein',
    );
    expect(tried).toEqual(['tpl-a']);
  });

  it('keeps nothing when the console cannot be read; rides out a hiccup', async () => {
    const { ports, templates } = await setup();
    const saved: ConformityRecord[] = [];
    const save = async (record: ConformityRecord) => saved.push(record);
    const down = {
      ...ports,
      client: { ...ports.client, population: () => Promise.reject(new Error('panne')) },
    };
    await expect(checkConformityInConsole(down, { uai: COLLEGE_UAI, templates }, save)).rejects.toThrow(
      'panne',
    );
    expect(saved).toEqual([]);

    let failures = 1;
    const hiccup: ConsoleClient = {
      ...ports.client,
      affectations: (uai, id) => {
        if (failures-- > 0) return Promise.reject(new HostError('serveur', 'panne'));
        return ports.client.affectations(uai, id);
      },
    };
    await checkConformityInConsole({ ...ports, client: hiccup }, { uai: COLLEGE_UAI, templates }, save);
    expect(saved.map((record) => record.templateId)).toEqual(['tpl-a', 'tpl-b']);
  });
});

describe('a conformity record', () => {
  it('names a subscription gone from the list by its id, and keeps each template’s own lines', async () => {
    const { templates } = await setup();
    const lignes = [
      { templateId: 'tpl-a', ruleIndex: 0, idAbonnement: 'gone', manquants: 2, enTrop: 1 },
      { templateId: 'tpl-b', ruleIndex: 0, idAbonnement: 'known', manquants: 0, enTrop: 0 },
    ];
    const records = conformityRecords(
      COLLEGE_UAI,
      templates,
      { lignes, titles: new Map([['known', 'Atlas']]) },
      NOW,
    );
    expect(records.map((record) => record.lignes)).toEqual([
      [{ ruleIndex: 0, idAbonnement: 'gone', libelle: 'gone', manquants: 2, enTrop: 1 }],
      [{ ruleIndex: 0, idAbonnement: 'known', libelle: 'Atlas', manquants: 0, enTrop: 0 }],
    ]);
  });
});
