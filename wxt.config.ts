import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { GAR_HOST_PERMISSION } from './utils/hosts/hosts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // A second build directory lets two builds (a benchmark, a test run) work side by side.
  outDir: process.env.COMPAGNON_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
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
    // Firefox keeps an extension's IndexedDB only under a stable add-on id; and AMO asks every new
    // add-on to declare what it collects: nothing leaves the browser.
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: { id: 'compagnon-gar@compagnon-gar.fr', data_collection_permissions: { required: ['none'] } },
      },
    }),
  }),
});
