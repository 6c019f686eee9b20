import type { PopulationIndex } from '../gar/targets';
import type { ConformityRecord, Template } from '../gar/template-record';
import {
  type Conformity,
  conformity,
  type Decisions,
  resolveTemplates,
  type TemplateResolution,
} from '../gar/templates';
import { type OperationPorts, readHoldings, readPopulation, readRetried } from './operation';

/**
 * Templates read against today's console — what they resolve to and how far the console is from
 * them — for « Appliquer des modèles » and « Vérifier la conformité ». Nothing here writes to the
 * console; a conformity check is kept through `save` for the console's badges and the options page.
 */

/** This year's subscriptions by id, with their titles: how the RA recognises them. */
export type Titles = ReadonlyMap<string, string>;

export interface ResolvedToday {
  resolution: TemplateResolution;
  titles: Titles;
}

/** The templates resolved on a reading made now, and the population they were resolved on. */
async function resolveOnReading(
  ports: OperationPorts,
  request: { uai: string; templates: readonly Template[]; decisions?: Decisions },
): Promise<ResolvedToday & { index: PopulationIndex }> {
  const { uai, templates, decisions } = request;
  const index = await readPopulation(ports, uai);
  const subscriptions = await readRetried(ports, () => ports.client.subscriptions(uai));
  const resolution = resolveTemplates(templates, subscriptions, index, ports.now(), decisions);
  const titles = new Map(
    subscriptions.map(({ abonnement }) => [abonnement.idAbonnement, abonnement.libelleRessource]),
  );
  return { resolution, titles, index };
}

/** The chosen templates resolved against the population and subscriptions read now, with the RA's decisions. */
export async function resolveInConsole(
  ports: OperationPorts,
  request: { uai: string; templates: readonly Template[]; decisions?: Decisions },
): Promise<ResolvedToday> {
  const { resolution, titles } = await resolveOnReading(ports, request);
  return { resolution, titles };
}

export interface ConformityCheck extends ResolvedToday {
  /** Missing and extra holders, per template line. */
  lignes: Conformity[];
}

/** Each template's check as it is kept: counts only, each line with its subscription's title. */
export function conformityRecords(
  uai: string,
  templates: readonly Template[],
  check: Pick<ConformityCheck, 'lignes' | 'titles'>,
  checkedAt: Date,
): ConformityRecord[] {
  return templates.map((template) => ({
    uai,
    templateId: template.id,
    templateName: template.name,
    checkedAt: checkedAt.toISOString(),
    lignes: check.lignes
      .filter((line) => line.templateId === template.id)
      .map(({ ruleIndex, idAbonnement, manquants, enTrop }) => ({
        ruleIndex,
        idAbonnement,
        libelle: check.titles.get(idAbonnement) ?? idAbonnement,
        manquants,
        enTrop,
      })),
  }));
}

/**
 * Missing and extra holders per template line, read from the console now, and each template's
 * check kept through `save` — one after the other, so a refused save stops the check (the RA is
 * told, and « Réessayer » runs it again) rather than showing a result that was not kept.
 */
export async function checkConformityInConsole(
  ports: OperationPorts,
  request: { uai: string; templates: readonly Template[] },
  save: (record: ConformityRecord) => Promise<unknown>,
): Promise<ConformityCheck> {
  const { resolution, titles, index } = await resolveOnReading(ports, request);
  const ids = [...new Set(resolution.lignes.map((line) => line.idAbonnement))];
  const { holders } = await readHoldings(ports, request.uai, ids);
  const lignes = conformity(resolution, holders, index);
  const records = conformityRecords(request.uai, request.templates, { lignes, titles }, ports.now());
  for (const record of records) await save(record);
  return { resolution, lignes, titles };
}
