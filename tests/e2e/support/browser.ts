import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../../..',
  process.env.COMPAGNON_OUT_DIR ?? '.output',
  'chrome-mv3',
);

/** Debian's Chromium on these machines; elsewhere Playwright's own (after `npx playwright install chromium`). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumExecutable(): string | undefined {
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

/** Names the tests visit: GAR hostnames and one unrelated host, all answered by the local server. */
export const HOSTS = {
  console: 'affectation.gar.education.fr',
  portail: 'portail.gar.education.fr',
  autre: 'ent.exemple-academie.fr',
} as const;

/** The browser's language: French, as the RA's usually is, or English (`english-browser.spec.ts`). */
const LOCALES = { fr: 'fr-FR', en: 'en-US' } as const;

/**
 * Starts Chromium with the built extension, every test hostname resolved to the local server.
 * `extension: false` starts the very same browser without it: the benchmarks' reference.
 * `extensionDir` loads another copy of the build (a benchmark's, with its reference pages added).
 */
export async function launchWithExtension(
  port: number,
  {
    headless = true,
    extension = true,
    language = 'fr' as keyof typeof LOCALES,
    extensionDir = EXTENSION_DIR,
  } = {},
): Promise<BrowserContext> {
  if (extension && !existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`Extension not built: run "npm run build" first (${extensionDir}).`);
  }
  const rules = [`MAP *.gar.education.fr 127.0.0.1:${port}`, `MAP ${HOSTS.autre} 127.0.0.1:${port}`];
  return chromium.launchPersistentContext('', {
    executablePath: chromiumExecutable(),
    headless,
    ignoreHTTPSErrors: true,
    locale: LOCALES[language],
    // On Linux, Chromium takes its UI language (the one chrome.i18n uses) from LANGUAGE, not --lang.
    env: { ...process.env, LANGUAGE: language },
    args: [
      ...(extension
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
      `--host-resolver-rules=${rules.join(', ')}`,
      '--ignore-certificate-errors',
      `--lang=${LOCALES[language]}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  return id;
}
