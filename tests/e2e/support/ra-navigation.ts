import { expect, type Locator, type Page } from '@playwright/test';
import type { ConsoleView as HostConsoleView } from '../../../utils/hosts/console/page';
import type { PortailView as HostPortailView } from '../../../utils/hosts/portail/page';
import { CONSOLE_VIEWS as HOST_CONSOLE_VIEWS } from '../../../utils/hosts/profile/schema';
import { skinCss } from './skin';

/**
 * How an RA moves through the simulated GAR pages: by the sites' own tabs, links and buttons,
 * never by typing an address. Each view has a way to be reached from wherever the RA is, and the
 * helpers it should show (exactly once) — so a spec can walk from any view to any other and check
 * that every helper followed.
 */

/** The views the extension knows (utils/hosts), but the login page: the matrix walks them all. */
export type ConsoleView = Exclude<HostConsoleView, 'connexion'>;
export type PortailView = Exclude<HostPortailView, 'connexion'>;

export const CONSOLE_VIEWS = HOST_CONSOLE_VIEWS.filter((view): view is ConsoleView => view !== 'connexion');
export const PORTAIL_VIEWS: readonly PortailView[] = ['abonnements', 'statistiques'];

const CONSOLE_TAB: Record<'tableau-de-bord' | 'ressources' | 'population' | 'recuperation', string> = {
  'tableau-de-bord': 'Tableau de bord',
  ressources: 'Parcours ressource',
  population: 'Parcours par population',
  recuperation: 'Récupération de licences',
};
const PORTAIL_TAB: Record<PortailView, string> = { abonnements: 'Abonnements', statistiques: 'Statistiques' };

/** The helpers the extension injects, by the custom element that hosts each one. */
export const HELPERS = {
  barre: 'cg-barre-compagnon',
  affectationGroupee: 'cg-affectation-groupee',
  triParFin: 'cg-tri-par-fin',
  livraisons: 'cg-livraisons',
  verificationEnt: 'cg-verification-ent',
  capture: 'cg-capture-statistiques',
} as const;
type Helper = (typeof HELPERS)[keyof typeof HELPERS];

const view = (page: Page): Locator => page.locator('#contenu');

/**
 * « Affectation groupée »: its launcher above the view and its dialog, which lives in a host of its
 * own under <body> so that a job's progress survives navigation.
 */
export function bulkPanel(page: Page): Locator {
  return page.locator(`${HELPERS.affectationGroupee}, ${HELPERS.affectationGroupee}-dialogue`);
}

/** Waits until the page's view has finished loading (the simulator marks it busy meanwhile). */
export async function settled(page: Page): Promise<void> {
  await expect(view(page)).not.toHaveAttribute('aria-busy', 'true');
}

export async function clickTab(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await settled(page);
}

/** The first link of the view that opens a resource's page, if the view has one. */
function resourceLink(page: Page): Locator {
  return view(page).locator(skinCss('a[href^="/ressources/"]')).first();
}

/** Goes to a console view the way an RA would from the view they are on. */
export async function goToConsoleView(page: Page, target: ConsoleView): Promise<void> {
  switch (target) {
    case 'tableau-de-bord':
    case 'ressources':
    case 'population':
    case 'recuperation':
      await clickTab(page, CONSOLE_TAB[target]);
      break;
    case 'ressource':
      // From the dashboard's expired list, a population page or Parcours ressource: the page's own
      // link; elsewhere through the tab first.
      if ((await resourceLink(page).count()) === 0) await clickTab(page, CONSOLE_TAB.ressources);
      await resourceLink(page).click();
      await settled(page);
      break;
    case 'population-detail': {
      const division = view(page).locator(
        skinCss('table[data-gar-table="population"] a[href^="/population/"]'),
      );
      if ((await division.count()) === 0) await clickTab(page, CONSOLE_TAB.population);
      await division.first().click();
      await settled(page);
      break;
    }
  }
}

export async function goToPortailView(page: Page, target: PortailView): Promise<void> {
  await clickTab(page, PORTAIL_TAB[target]);
}

/** Which helpers each console view shows; every other helper must be absent. */
const CONSOLE_HELPERS: Record<ConsoleView, readonly Helper[]> = {
  'tableau-de-bord': [
    HELPERS.barre,
    HELPERS.affectationGroupee,
    HELPERS.livraisons,
    HELPERS.verificationEnt,
    HELPERS.capture,
  ],
  ressources: [HELPERS.barre, HELPERS.affectationGroupee, HELPERS.triParFin],
  ressource: [HELPERS.barre, HELPERS.affectationGroupee],
  population: [HELPERS.barre, HELPERS.affectationGroupee],
  'population-detail': [HELPERS.barre, HELPERS.affectationGroupee],
  recuperation: [HELPERS.barre, HELPERS.affectationGroupee],
};

const PORTAIL_HELPERS: Record<PortailView, readonly Helper[]> = {
  abonnements: [HELPERS.barre],
  statistiques: [HELPERS.barre, HELPERS.capture],
};

/** Where a view lists subscriptions that get an end badge: one badge per such element. */
const CONSOLE_BADGED: Partial<Record<ConsoleView, string>> = {
  'tableau-de-bord': '[data-gar-liste="expirees"] li[data-id-abonnement]',
  ressources: 'table[data-gar-table="ressources"] tbody tr[data-id-abonnement]',
  ressource: 'h1[data-id-abonnement]',
};
const PORTAIL_BADGED: Partial<Record<PortailView, string>> = {
  abonnements: 'table[data-gar-table="abonnements"] tbody tr[data-id-abonnement]',
};

const ALL_HELPERS = Object.values(HELPERS);

async function expectHelpers(
  page: Page,
  present: readonly Helper[],
  badged: string | undefined,
  where: string,
): Promise<void> {
  // Present ones first: once they are there, this view's run has happened, so an absent helper
  // is absent for good and not merely late.
  for (const helper of present) {
    await expect(page.locator(helper), `${helper} once on ${where}`).toHaveCount(1);
  }
  const badges = page.locator('#contenu [data-cg-fin-hote]');
  const expected = badged ? await page.locator(skinCss(badged)).count() : 0;
  if (badged) expect(expected, `elements to badge on ${where}`).toBeGreaterThan(0);
  await expect(badges, `end badges on ${where}`).toHaveCount(expected);
  if (badged) {
    await expect(
      page.locator(`${skinCss(badged)}:not(:has([data-cg-fin-hote]))`),
      `unbadged on ${where}`,
    ).toHaveCount(0);
  }
  for (const helper of ALL_HELPERS.filter((h) => !present.includes(h))) {
    await expect(page.locator(helper), `${helper} absent from ${where}`).toHaveCount(0);
  }
  // Nothing late: a second run or the previous view's leftovers would show up by now.
  await page.waitForTimeout(300);
  for (const helper of present) expect(await page.locator(helper).count(), `${helper} still once`).toBe(1);
  expect(await badges.count(), `end badges still right on ${where}`).toBe(expected);
}

export async function expectConsoleHelpers(page: Page, current: ConsoleView): Promise<void> {
  await settled(page);
  await expectHelpers(page, CONSOLE_HELPERS[current], CONSOLE_BADGED[current], `console ${current}`);
}

export async function expectPortailHelpers(page: Page, current: PortailView): Promise<void> {
  await settled(page);
  await expectHelpers(page, PORTAIL_HELPERS[current], PORTAIL_BADGED[current], `portail ${current}`);
}

/** Browser back until the address is `url` again (a view reached in two clicks is two steps back). */
export async function backTo(page: Page, url: string): Promise<void> {
  for (let step = 0; step < 3 && page.url() !== url; step++) {
    await page.goBack();
    await settled(page);
  }
  expect(page.url()).toBe(url);
}

/** Switches school with the header's selector, as the RA does, and waits until it has taken effect. */
export async function switchSchool(page: Page, uai: string): Promise<void> {
  await page.locator(skinCss('select[data-gar-uai]')).selectOption(uai);
  // The page's own <body>: each injected shadow root has one too.
  await expect(page.locator(skinCss('body[data-gar-application]'))).toHaveAttribute(
    skinCss('data-gar-uai-courant'),
    uai,
  );
}

/** Parcours par population → Divisions → one division, by the console's own tab and links. */
export async function goToDivision(page: Page, code: string): Promise<void> {
  await clickTab(page, CONSOLE_TAB.population);
  await page.locator(skinCss('[data-gar-population-type="divisions"]')).click();
  await settled(page);
  await view(page)
    .locator(skinCss(`table[data-gar-table="population"] tr[data-code="${code}"] a`))
    .click();
  await settled(page);
  await expect(view(page).locator(`h1[data-code="${code}"]`)).toBeVisible();
}

/** Parcours ressource → « Visualiser » on one subscription's row. */
export async function goToResource(page: Page, idAbonnement: string): Promise<void> {
  await clickTab(page, CONSOLE_TAB.ressources);
  await view(page)
    .locator(skinCss(`table[data-gar-table="ressources"] tr[data-id-abonnement="${idAbonnement}"]`))
    .locator(skinCss('[data-gar-action="visualiser"]'))
    .click();
  await settled(page);
  await expect(view(page).locator(skinCss(`h1[data-id-abonnement="${idAbonnement}"]`))).toBeVisible();
}
