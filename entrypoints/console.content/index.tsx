import '../../components/injected.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootFeatures } from '../../utils/content-boot';
import { watchCurrentUai } from '../../utils/hosts/console/page';
import { CONSOLE_MATCHES } from '../../utils/hosts/hosts';
import { consoleFeatures } from './features';

export default defineContentScript({
  matches: CONSOLE_MATCHES,
  cssInjectionMode: 'ui',
  main(content) {
    bootFeatures(content, consoleFeatures, (restart, signal) => watchCurrentUai(document, restart, signal));
  },
});
