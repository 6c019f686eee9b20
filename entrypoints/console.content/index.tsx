import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootFeatures } from '../../utils/content-boot';
import { answerDiagnostics } from '../../utils/diagnostic';
import {
  CONSOLE_SELECTORS,
  consoleViewOf,
  consoleViewSettled,
  watchCurrentUai,
} from '../../utils/hosts/console/page';
import { CONSOLE_MATCHES } from '../../utils/hosts/hosts';
import { schoolSubscriptions } from '../../utils/hosts/school-subscriptions';
import { consoleFeatures } from './features';

export default defineContentScript({
  matches: CONSOLE_MATCHES,
  // The stylesheet goes into each shadow root as text (components/mount-shadow-ui.tsx).
  cssInjectionMode: 'manual',
  main(content) {
    answerDiagnostics({
      site: 'console',
      features: consoleFeatures,
      selectors: CONSOLE_SELECTORS,
      viewOf: consoleViewOf,
    });
    bootFeatures(content, consoleFeatures, {
      watchContext: (restart, signal) => watchCurrentUai(document, restart, signal),
      settled: (_url, signal) => consoleViewSettled(document, signal),
      // Every console page shows or remembers the school's subscriptions: ask for them at once.
      // A failure is reported by the features that use them.
      prefetch: (context) => void schoolSubscriptions(context).catch(() => undefined),
    });
  },
});
