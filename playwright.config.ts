// First, in the runner and in every worker (both load this file before any spec): the domain's
// messages need the French catalogue before wxt/browser loads.
import './tests/support/node-i18n';
import { defineConfig } from '@playwright/test';

// One worker: each runs its own Chromium with the extension, and these machines have 2 cores.
export default defineConfig<object, { variante: boolean }>({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium' },
    // The same journeys on the simulator's second skin, with the worked example's fichier
    // d'étalonnage (tests/e2e/fixtures.ts): proof that calibrating is data only (issue 16).
    {
      name: 'variante',
      use: { variante: true },
      // Every helper that reads the pages, at least once: the views walked from the dashboard (one
      // walk is enough here), end badges on both sites, delivery badges (scenario 01), template
      // conformity (scenario 03), statistics, the ENT check. Deliveries' and templates' own specs
      // test logic the skin does not touch, on the normal skin only, to keep npm test short.
      // (variante.spec.ts, in the chromium project, brings its own skin: a bulk job and its undo.)
      grepInvert: /console: from « (?!tableau-de-bord)/,
      testMatch: [
        'navigation-matrix.spec.ts',
        'expiry-badges.spec.ts',
        'scenario-01-rentree-first-morning.spec.ts',
        'statistics-capture.spec.ts',
        'scenario-03-newcomer.spec.ts',
        'ent-sync.spec.ts',
      ],
    },
    // The main journeys in Debian's Firefox ESR with the Firefox build, over WebDriver BiDi:
    // puppeteer-core drives the browser (tests/firefox/fixtures.ts), Playwright runs the tests.
    {
      name: 'firefox',
      testDir: 'tests/firefox',
      // No Playwright browser here: its traces and screenshots would have nothing to record.
      use: { trace: 'off', screenshot: 'off' },
    },
  ],
});
