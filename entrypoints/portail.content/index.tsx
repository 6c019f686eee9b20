import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootFeatures } from '../../utils/content-boot';
import { answerDiagnostics } from '../../utils/diagnostic';
import { watchCurrentUai } from '../../utils/hosts/console/page';
import { PORTAIL_MATCHES } from '../../utils/hosts/hosts';
import { PORTAIL_SELECTORS, portailViewOf, portailViewSettled } from '../../utils/hosts/portail/page';
import { portailFeatures } from './features';

export default defineContentScript({
  matches: PORTAIL_MATCHES,
  // The stylesheet goes into each shadow root as text (components/mount-shadow-ui.tsx).
  cssInjectionMode: 'manual',
  main(content) {
    answerDiagnostics({
      site: 'portail',
      features: portailFeatures,
      selectors: PORTAIL_SELECTORS,
      viewOf: portailViewOf,
    });
    bootFeatures(content, portailFeatures, {
      // The portail shares the console's header: the same school switcher, the same mark.
      watchContext: (restart, signal) => watchCurrentUai(document, restart, signal),
      settled: (_url, signal) => portailViewSettled(document, signal),
    });
  },
});
