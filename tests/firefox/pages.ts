import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { consoleUrl } from '../e2e/support/gar-pages';
import { readAllRecords, replaceAllRecords } from '../e2e/support/idb-in-page';

/**
 * How an RA moves through the simulated GAR pages in Firefox, with puppeteer: the same gestures
 * as tests/e2e/support/ra-navigation.ts (the sites' own tabs and links, never an address after the
 * login page) and the same selectors. `>>>` goes into the extension's open shadow roots.
 */

export type ConsoleTab = 'tableau-de-bord' | 'ressources' | 'population' | 'recuperation';

/** Logs in as the seed's first RA through the console's login form: the dashboard opens. */
export async function logIn(page: Page): Promise<void> {
  await page.goto(consoleUrl('/connexion'));
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]::-p-text(Se connecter)')]);
  await page.waitForSelector('[data-gar-session]', { visible: true });
  await settled(page);
}

/** Waits until the page's view has finished loading (the simulator marks it busy meanwhile). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const view = document.querySelector('#contenu');
    return view !== null && view.getAttribute('aria-busy') !== 'true';
  });
}

/** One of the console's tabs, by its link in the page's navigation. */
export async function clickTab(page: Page, tab: ConsoleTab): Promise<void> {
  await page.click(`nav a[data-gar-onglet="${tab}"]`);
  await page.waitForFunction((path) => window.location.pathname === path, {}, `/${tab}`);
  await settled(page);
}

/** How many elements match, now. */
export function countOf(page: Page, selector: string): Promise<number> {
  return page.$$eval(selector, (elements) => elements.length);
}

/** The first match's text (white space, French non-breaking spaces included, collapsed), or null. */
export async function textOf(page: Page, selector: string): Promise<string | null> {
  const element = await page.$(selector);
  if (!element) return null;
  const text = await element.evaluate((node) => node.textContent ?? '');
  await element.dispose();
  return text.replace(/\s+/g, ' ').trim();
}

/** Every match's text (white space, French non-breaking spaces included, collapsed). */
export function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

export async function attributeOf(page: Page, selector: string, name: string): Promise<string | null> {
  const element = await page.$(selector);
  if (!element) return null;
  const value = await element.evaluate((node, attribute) => node.getAttribute(attribute), name);
  await element.dispose();
  return value;
}

/**
 * Waits until an extension tab shows `url` and has loaded. Firefox's BiDi reports nothing about
 * navigations inside extension pages (puppeteer keeps their address at about:blank), so the page
 * is asked where it is; while it leaves about:blank, the question may fail.
 */
export async function waitForExtensionPage(page: Page, url: string): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .evaluate(() =>
            document.readyState === 'complete' && document.querySelector('h1') ? window.location.href : '',
          )
          .catch(() => ''),
      { message: `extension page ${url}`, timeout: 15_000 },
    )
    .toBe(url);
}

/** Every record of a store of the extension's IndexedDB, read from one of its pages. */
export async function readStore<T>(page: Page, storeName: string): Promise<T[]> {
  return (await page.evaluate(readAllRecords, storeName)) as T[];
}

/** Replaces a whole store's records, as the extension's own page (same origin) would. */
export async function replaceStore(page: Page, storeName: string, records: unknown[]): Promise<void> {
  await page.evaluate(replaceAllRecords, [storeName, records] as const);
}
