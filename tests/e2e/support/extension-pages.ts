import type { Locator, Page, Worker } from '@playwright/test';

/** Writes `browser.storage.local` as the extension would, from one of its pages or its service worker. */
export async function setExtensionStorage(
  target: Page | Worker,
  items: Record<string, unknown>,
): Promise<void> {
  const write = (stored: Record<string, unknown>): Promise<void> => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } };
    };
    return chrome.storage.local.set(stored);
  };
  // Page and Worker evaluate alike, but their overloads do not unify.
  await (target as Page).evaluate(write, items);
}

/** The options page's « Diagnostic de compatibilité », run as the RA does on the first GAR tab it lists. */
export async function diagnoseFirstGarTab(options: Page): Promise<Locator> {
  const section = options.getByTestId('diagnostic');
  await section.getByRole('button', { name: 'Chercher les onglets GAR ouverts' }).click();
  await section.getByRole('button', { name: 'Lancer le diagnostic sur cet onglet' }).first().click();
  return section;
}
