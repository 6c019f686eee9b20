import { catalogueMessage } from '../../utils/i18n-catalogue';
import { catalogue } from './catalogue';

/**
 * The extension API's i18n, in French, for Node: the simulator, the benchmarks and the e2e specs
 * run domain code (parsers, formatters) whose messages go through utils/i18n.ts. `wxt/browser`
 * picks `globalThis.chrome` when it is first loaded, so each Node entry point imports this module
 * before anything else.
 */
const french = catalogue('fr');

const scope = globalThis as unknown as { chrome?: unknown };
scope.chrome ??= {
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) =>
      catalogueMessage(french, key, substitutions),
  },
};
