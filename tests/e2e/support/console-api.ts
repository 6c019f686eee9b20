import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { bulkPanel } from './ra-navigation';
import { newSessionCookie } from './sim-admin';
import { skinPath } from './skin';

/**
 * What the specs read from the console with the page's own session (the figures a test expects
 * are the console's, never typed in), and the few gestures of the « Affectation groupée » dialog
 * that every bulk journey makes.
 */

/** Collège Jules Verne, the multi seed's first school: where the RA lands. */
export const SCHOOL_A = '0561622J';

export interface PersonInConsole {
  id: string;
  nom: string;
  prenom: string;
  profil: string;
  divisions: string[];
}

/**
 * A brand-new session given to the browser without loading any page, so the simulator's
 * per-session request count starts at zero exactly when the test wants it to.
 */
export async function freshSession(context: BrowserContext, port: number): Promise<void> {
  const value = await newSessionCookie(port);
  await context.addCookies([
    {
      name: 'gar_session',
      value,
      domain: '.gar.education.fr',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

/** Who holds a licence of a subscription now, read by the page with its session. */
export async function holders(page: Page, idAbonnement: string, uai = SCHOOL_A): Promise<string[]> {
  return page.evaluate(
    async (path) => {
      const response = await fetch(path);
      const body = (await response.json()) as { affectations: { idPersonne: string }[] };
      return body.affectations.map((a) => a.idPersonne);
    },
    skinPath(`/api/etablissements/${uai}/abonnements/${idAbonnement}/affectations`),
  );
}

/** The school's population as the console lists it. */
export async function personsOf(page: Page, uai = SCHOOL_A): Promise<PersonInConsole[]> {
  return page.evaluate(
    async (path) => {
      const response = await fetch(path);
      const body = (await response.json()) as { personnes: PersonInConsole[] };
      return body.personnes.map(({ id, nom, prenom, profil, divisions }) => ({
        id,
        nom,
        prenom,
        profil,
        divisions,
      }));
    },
    skinPath(`/api/etablissements/${uai}/population`),
  );
}

export async function pupilsOf(page: Page, division: string, uai = SCHOOL_A): Promise<string[]> {
  return (await personsOf(page, uai))
    .filter((p) => p.profil === 'ELEVE' && p.divisions.includes(division))
    .map((p) => p.id);
}

/** « Affectation groupée… » above the view the RA is on; returns the panel (launcher and dialog). */
export async function openBulk(page: Page): Promise<Locator> {
  const root = bulkPanel(page);
  await root.getByRole('button', { name: 'Affectation groupée…' }).click();
  await expect(bulkDialog(root)).toBeVisible();
  return root;
}

export const bulkDialog = (root: Locator): Locator =>
  root.getByRole('dialog', { name: 'Affectation groupée' });

/** The dialog's close button (× in the header, or « Fermer » under a result). */
export async function closeBulk(root: Locator): Promise<void> {
  await bulkDialog(root).getByRole('button', { name: 'Fermer' }).last().click();
  await expect(bulkDialog(root)).toHaveCount(0);
}

/** Ticks subscriptions and divisions in the dialog's choice step. */
export async function choose(root: Locator, ids: string[], divisions: string[]): Promise<void> {
  for (const id of ids) await root.locator(`[data-cg-abonnement="${id}"]`).check();
  for (const code of divisions) await root.locator(`[data-cg-cible="division:${code}"]`).check();
}

/** « Prévisualiser », then the preview's total of licences to write. */
export async function previewTotal(root: Locator): Promise<number> {
  await root.getByRole('button', { name: 'Prévisualiser' }).click();
  const total = root.locator('[data-cg-total]');
  await expect(total).toBeVisible();
  return Number(await total.getAttribute('data-cg-total'));
}

export const confirmButton = (root: Locator): Locator =>
  root.getByRole('button', { name: /^(Confirmer|Reprendre) : / });

export interface JournalLine {
  id: string;
  kind: string;
  uai: string;
  job?: { annule?: string };
  status: string;
  summary: string;
  startedAt: string;
  steps: { action: string }[];
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** The journal, newest first, as an extension page asks the background for it. */
export async function journalOf(page: Page): Promise<JournalLine[]> {
  return page.evaluate(async () => {
    const reply = (await chrome.runtime.sendMessage({
      channel: 'compagnon-gar',
      type: 'journal.list',
      payload: {},
    })) as { data: JournalLine[] };
    return reply.data;
  });
}
