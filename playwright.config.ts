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
      // On the second skin, one walk of the console's views is enough: from the dashboard to each.
      grepInvert: /console: from « (?!tableau-de-bord)/,
      testMatch: [
        'navigation-matrix.spec.ts',
        'expiry-badges.spec.ts',
        'scenario-01-rentree-first-morning.spec.ts',
        'deliveries.spec.ts',
        'statistics-capture.spec.ts',
        'templates-rentree.spec.ts',
        'scenario-03-newcomer.spec.ts',
        'ent-sync.spec.ts',
      ],
    },
  ],
});
