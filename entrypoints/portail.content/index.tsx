import '../../components/injected.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { bootFeatures } from '../../utils/content-boot';
import { PORTAIL_MATCHES } from '../../utils/hosts/hosts';
import { portailFeatures } from './features';

export default defineContentScript({
  matches: PORTAIL_MATCHES,
  cssInjectionMode: 'ui',
  main(content) {
    bootFeatures(content, portailFeatures);
  },
});
