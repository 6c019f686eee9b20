/**
 * `npm run sim -- --seed DIR [--port N] [--auto-login] [--latence MS] [--taux-erreur X]
 * [--expiration-session N] [--coupures X] [--reponses-perdues X] [--blocages X] [--variante]` — starts the simulated console and portail.
 */
// First: the domain's messages need the French catalogue before wxt/browser loads.
import '../../support/node-i18n';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Faults } from './faults';
import { startSimulator } from './index';

const DEFAULT_SEED = resolve(import.meta.dirname, '../seeds/college');

function number(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${flag} : nombre positif attendu, reçu « ${value} ».`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      port: { type: 'string' },
      'auto-login': { type: 'boolean' },
      latence: { type: 'string' },
      'taux-erreur': { type: 'string' },
      'expiration-session': { type: 'string' },
      coupures: { type: 'string' },
      'reponses-perdues': { type: 'string' },
      blocages: { type: 'string' },
      variante: { type: 'boolean' },
    },
  });
  const faults: Faults = {
    latenceMs: number('latence', values.latence),
    tauxErreur: number('taux-erreur', values['taux-erreur']),
    expirationSessionApres: number('expiration-session', values['expiration-session']),
    coupures: number('coupures', values.coupures),
    reponsesPerdues: number('reponses-perdues', values['reponses-perdues']),
    blocages: number('blocages', values.blocages),
  };
  const simulator = await startSimulator({
    seedDir: resolve(values.seed ?? DEFAULT_SEED),
    port: number('port', values.port) ?? 0,
    autoLogin: values['auto-login'] ?? false,
    variante: values.variante ?? false,
    faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)),
  });
  if (values.variante) console.log('habillage : variante (chemins /api/v2, crochets data-v-)');
  console.log(`console: https://affectation.gar.education.fr:${simulator.port}/`);
  console.log(`portail: https://portail.gar.education.fr:${simulator.port}/`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `Le simulateur n'a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
