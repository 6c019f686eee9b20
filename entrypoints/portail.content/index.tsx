import '../../components/injected.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootFeatures } from '../../utils/content-boot';
import { watchCurrentUai } from '../../utils/hosts/console/page';
import { PORTAIL_MATCHES } from '../../utils/hosts/hosts';
import { portailViewSettled } from '../../utils/hosts/portail/page';
import { portailFeatures } from './features';

export default defineContentScript({
  matches: PORTAIL_MATCHES,
  cssInjectionMode: 'ui',
  main(content) {
    bootFeatures(content, portailFeatures, {
      // The portail shares the console's header: the same school switcher, the same mark.
      watchContext: (restart, signal) => watchCurrentUai(document, restart, signal),
      settled: (_url, signal) => portailViewSettled(document, signal),
    });
  },
});
