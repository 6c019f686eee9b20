import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { dirname, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { HOSTS } from '../e2e/support/browser';
import { writeTemporarySeed } from '../e2e/support/seeds';
import { clearFaults } from '../e2e/support/sim-admin';
import { type RunningSimulator, startSimulator } from '../sim/server/index';
import { waitForExtensionPage } from './pages';

/**
 * The built Firefox extension (`.output/firefox-mv2`) in Debian's Firefox ESR, driven over
 * WebDriver BiDi by puppeteer-core: Playwright cannot download its own Firefox here, and its
 * browser API does not drive a stock one. Playwright's runner runs the journeys; the browser is
 * puppeteer's. One Firefox, one simulator (multi seed) and one tunnel per worker.
 */

export const FIREFOX_ESR = '/usr/bin/firefox-esr';
/** Debian's French language pack: without it Firefox's UI locale, and so the extension's, is English. */
const FRENCH_LANGPACK = '/usr/lib/firefox-esr/browser/extensions/langpack-fr@firefox-esr.mozilla.org.xpi';

export const FIREFOX_EXTENSION_DIR = resolve(
  import.meta.dirname,
  '../..',
  process.env.COMPAGNON_OUT_DIR ?? '.output',
  'firefox-mv2',
);

/**
 * The extension's internal UUID, fixed by a pref so that its pages have a known address
 * (`moz-extension://<uuid>/options.html`): a check that an extension tab is the one expected.
 */
export const EXTENSION_UUID = '6f1c2a8e-3b4d-4e5f-9a0b-c0a1f1e2d3b4';
export const extensionUrl = (path: string): string => `moz-extension://${EXTENSION_UUID}/${path}`;

/** The hostnames the tunnel answers for, all with the simulator: GAR's and one unrelated host. */
const tunnelled = (host: string): boolean => host.endsWith('.gar.education.fr') || host === HOSTS.autre;

export interface Tunnel {
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny HTTP CONNECT proxy: Firefox's HTTPS requests for a test hostname go to the simulator's
 * port, anything else is refused (Chromium's --host-resolver-rules, for Firefox). The TLS stays
 * end to end: Firefox checks the simulator's throw-away certificate (acceptInsecureCerts).
 */
export async function startTunnel(simulatorPort: number): Promise<Tunnel> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      client.off('data', onData);
      const target = /^CONNECT ([^:\s]+):\d+ HTTP/.exec(head)?.[1];
      if (!target || !tunnelled(target)) {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = connect(simulatorPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
    client.on('error', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the tunnel has no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

function geckoIdOf(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(resolve(extensionDir, 'manifest.json'), 'utf8'));
  const id: unknown = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`No gecko id in ${extensionDir}/manifest.json.`);
  return id;
}

/** Firefox ESR, headless, in French, every request through the tunnel, with the built extension. */
export async function launchFirefox(tunnelPort: number): Promise<Browser> {
  if (!existsSync(FIREFOX_ESR)) {
    throw new Error(
      `Firefox ESR not found (${FIREFOX_ESR}): apt-get install firefox-esr firefox-esr-l10n-fr`,
    );
  }
  if (!existsSync(FRENCH_LANGPACK)) {
    throw new Error(`Firefox's French language pack is missing: apt-get install firefox-esr-l10n-fr`);
  }
  if (!existsSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `Firefox extension not built: run "npm run build:firefox" first (${FIREFOX_EXTENSION_DIR}).`,
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_ESR,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': tunnelPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': tunnelPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'intl.locale.requested': 'fr-FR',
      'intl.accept_languages': 'fr-FR, fr',
      'extensions.webextensions.uuids': JSON.stringify({
        [geckoIdOf(FIREFOX_EXTENSION_DIR)]: EXTENSION_UUID,
      }),
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

interface WorkerFixtures {
  /** The GAR simulator on the multi seed: one RA, two collèges. */
  simulator: RunningSimulator;
  tunnel: Tunnel;
  firefox: Browser;
}

interface TestFixtures {
  /** A fresh tab, where the test logs in; every tab opened during the test is closed after it. */
  tab: Page;
  /**
   * The RA opens an extension page: « Réglages » in the console's « Compagnon GAR actif » bar
   * opens the options page in a new tab; `popup.html` is then loaded in that tab (no toolbar to
   * click in a headless Firefox). BiDi refuses to navigate a tab to a moz-extension: address
   * itself, and reports no navigation inside extension pages, hence this way and
   * waitForExtensionPage. Firefox brings an options tab already open to the front instead of
   * opening another: close it before asking again.
   */
  openExtensionPage(from: Page, path: 'options.html' | 'popup.html'): Promise<Page>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  simulator: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => {
      const simulator = await startSimulator({ seedDir: writeTemporarySeed('multi') });
      await use(simulator);
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  tunnel: [
    async ({ simulator }, use) => {
      const tunnel = await startTunnel(simulator.port);
      await use(tunnel);
      await tunnel.close();
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ tunnel }, use) => {
      const browser = await launchFirefox(tunnel.port);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  tab: async ({ firefox, simulator }, use, testInfo) => {
    // Each test starts from the seed's state, without faults.
    await simulator.reset();
    await clearFaults(simulator.port);
    const before = new Set(await firefox.pages());
    const tab = await firefox.newPage();
    await use(tab);
    const opened = (await firefox.pages()).filter((page) => !before.has(page));
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, page] of opened.entries()) {
        const path = testInfo.outputPath(`echec-firefox-${index}.png`);
        mkdirSync(dirname(path), { recursive: true });
        // An extension tab already closed by Firefox has nothing to show.
        await page.screenshot({ path }).catch(() => undefined);
      }
    }
    for (const page of opened) await page.close().catch(() => undefined);
  },
  openExtensionPage: async ({ firefox }, use) => {
    await use(async (from, path) => {
      const known = new Set(firefox.targets());
      const created = firefox.waitForTarget((target) => target.type() === 'page' && !known.has(target));
      await from.bringToFront();
      await from.click('cg-barre-compagnon >>> ::-p-text(Réglages)');
      const page = await (await created).page();
      if (!page) throw new Error('« Réglages » opened no tab');
      await waitForExtensionPage(page, extensionUrl('options.html'));
      if (path !== 'options.html') {
        await page.evaluate((url) => window.location.assign(url), extensionUrl(path));
        await waitForExtensionPage(page, extensionUrl(path));
      }
      return page;
    });
  },
});

export const expect = test.expect;
