import { expect, type Locator, type Page } from '@playwright/test';
import type { Template } from '../../../utils/gar/template-record';
import { replaceStore, writeTemplatesStore } from './extension-store';
import { bulkPanel } from './ra-navigation';

/** Assignment templates as an RA makes and applies them in the console's « Affectation groupée ». */

/** A target of the choice step: its tab (« Divisions », « Niveaux »…) and its `type:code`. */
export interface TargetChoice {
  tab: 'Divisions' | 'Groupes' | 'Niveaux' | 'Profils' | 'Matières';
  cible: string;
}

/**
 * « Affectation groupée… » above the view the RA is on, subscriptions and targets ticked,
 * « Prévisualiser », then « Enregistrer comme modèle… » under `name`; the dialog closed after.
 */
export async function saveAsTemplate(
  page: Page,
  {
    name,
    subscriptions,
    targets,
  }: { name: string; subscriptions: readonly string[]; targets: readonly TargetChoice[] },
): Promise<void> {
  const root = bulkPanel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  // The dialog keeps the view's previous choice: the RA clears it before making this one, once
  // the list is there (on a loaded machine, counting earlier found nothing ticked yet, and the
  // previous choice came back under the new one).
  await root.locator('[data-cg-abonnement]').first().waitFor();
  const ticked = root.locator('[data-cg-abonnement]:checked');
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  const chip = root.getByRole('button', { name: /^Retirer .+ de la sélection$/ });
  while ((await chip.count()) > 0) await chip.first().click();
  for (const id of subscriptions) await root.locator(`[data-cg-abonnement="${id}"]`).check();
  for (const { tab, cible } of targets) {
    await root.getByRole('tab', { name: tab }).click();
    await root.locator(`[data-cg-cible="${cible}"]`).check();
  }
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  await root.getByRole('button', { name: 'Enregistrer comme modèle…' }).click();
  await root.getByLabel('Nom du modèle').fill(name);
  await root.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(root.getByRole('status')).toContainText(`Modèle « ${name} » enregistré`);
  const dialog = root.getByRole('dialog', { name: 'Affectation groupée' });
  await dialog.getByRole('button', { name: 'Fermer' }).first().click();
  await expect(dialog).toHaveCount(0);
}

/**
 * « Affectation groupée… » → « Appliquer des modèles… », the templates ticked, then « Voir ce qui
 * s’applique cette année »: the dialog at its resolution step.
 */
export async function resolveTemplates(page: Page, names: readonly string[]): Promise<Locator> {
  const root = bulkPanel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await root.getByRole('button', { name: 'Appliquer des modèles…' }).click();
  for (const name of names) await root.locator(`[data-cg-modele="${name}"]`).check();
  await root.getByRole('button', { name: 'Voir ce qui s’applique cette année' }).click();
  await expect(root.locator('[data-cg-lignes]')).toBeVisible();
  return root;
}

/** Empties the templates store and their conformity checks, as another RA's browser would be. */
export async function forgetTemplates(page: Page): Promise<void> {
  await writeTemplatesStore(page, []);
  await replaceStore(page, 'conformity', []);
}

/** A colleague's template, as a file of templates carries it (Chromium and Firefox journeys). */
export const ANGLAIS_5E: Template = {
  id: 'modele-anglais',
  version: 2,
  name: 'Anglais 5e',
  description: 'Le manuel d’anglais pour les 5e.',
  rules: [
    {
      resource: { title: 'English Rocks 5e' },
      targets: [{ kind: 'divisionsDuNiveau', mef: '10110001110' }],
    },
  ],
  createdAt: '2025-06-20T08:00:00.000Z',
  updatedAt: '2025-06-20T08:00:00.000Z',
};
