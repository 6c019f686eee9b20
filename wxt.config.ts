import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { GAR_HOST_PERMISSION } from './utils/hosts/hosts';

/**
 * What git ignores (other builds, test and benchmark output, logs), as globs for `wxt zip`: the
 * Firefox sources zip must hold the sources a reviewer rebuilds from, and `wxt zip` does not read
 * .gitignore (test screenshots once made it 12 MB).
 */
function gitIgnored(): string[] {
  return readFileSync('.gitignore', 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/^\/|\/$/g, ''))
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((pattern) => [`**/${pattern}`, `**/${pattern}/**`]);
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // A second build directory lets two builds (a benchmark, a test run) work side by side.
  outDir: process.env.COMPAGNON_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact()],
    // papaparse is CommonJS, so a bundle that imports a module using it kept all of it even where
    // nothing calls it (18.6 kB of the service worker). It has no side effect worth keeping.
    build: {
      rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes('/papaparse/') } },
    },
  }),
  zip: { excludeSources: gitIgnored() },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'fr',
    // Production access is limited to GAR's own hosts; the simulator is served under GAR-like
    // hostnames in tests, so no other origin is ever needed.
    host_permissions: [GAR_HOST_PERMISSION],
    // alarms: the daily check of end dates and purge of the old journal; notifications: one
    // alert per subscription per threshold crossing (can be turned off in the settings).
    // storage: only the fichier d'étalonnage (utils/host-profile.ts), which content scripts read at
    // boot without a round trip to the background; everything else lives in the extension's
    // IndexedDB. Add a permission only together with the feature that uses it —
    // tests/e2e/manifest.spec.ts guards the list.
    permissions: ['alarms', 'notifications', 'storage'],
    action: { default_title: '__MSG_extName__' },
    // The oldest versions with every API the extension uses (README « Navigateurs pris en charge »):
    // AbortSignal.any (Chrome 116, Firefox 124), and Firefox's data_collection_permissions (140).
    ...(browser !== 'firefox' && { minimum_chrome_version: '116' }),
    // Firefox stays on Manifest V2, WXT's default there (why: README « Navigateurs pris en charge »).
    // Firefox keeps an extension's IndexedDB only under a stable add-on id; and AMO asks every new
    // add-on to declare what it collects: nothing leaves the browser.
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'compagnon-gar@compagnon-gar.fr',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android reads data_collection_permissions from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
