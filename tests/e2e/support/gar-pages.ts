import { expect, type Page } from '@playwright/test';
import { HOSTS } from './browser';

/** Page objects for the simulated GAR pages: what a person does, in one place. */

export const consoleUrl = (path = '/'): string => `https://${HOSTS.console}${path}`;
export const portailUrl = (path = '/'): string => `https://${HOSTS.portail}${path}`;

/** Logs in as the seed's first RA through the login form, on the console or the portail. */
export async function logIn(page: Page, url = consoleUrl('/connexion')): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The site's own page after the login form, its header filled from the session.
  await page.waitForURL((address) => !address.pathname.startsWith('/connexion'));
  await expect(page.locator('[data-gar-session]')).toBeVisible();
}
