import { expect, type Page } from '@playwright/test';
import { HOSTS } from './browser';
import { skinCss, skinPath } from './skin';

/** Page objects for the simulated GAR pages: what a person does, in one place. */

/** An address of the console or the portail, its path written as the normal skin has it (./skin.ts). */
export const consoleUrl = (path = '/'): string => `https://${HOSTS.console}${skinPath(path)}`;
export const portailUrl = (path = '/'): string => `https://${HOSTS.portail}${skinPath(path)}`;

/** Logs in as the seed's first RA through the login form, on the console or the portail. */
export async function logIn(page: Page, url = consoleUrl('/connexion')): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The site's own page after the login form, its header filled from the session.
  await page.waitForURL((address) => !address.pathname.startsWith(skinPath('/connexion')));
  await expect(page.locator(skinCss('[data-gar-session]'))).toBeVisible();
}
