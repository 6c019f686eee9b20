/**
 * `npm run sim:seed -- --profile college|lycee|multi --out DIR [--seed N] [--date YYYY-MM-DD]`
 * writes a seed folder for the simulator.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSeed, type SeedProfile } from './generate';

const PROFILES: SeedProfile[] = ['college', 'lycee', 'multi'];

function fail(message: string): never {
  console.error(`Erreur : ${message}`);
  console.error(
    'Usage : npm run sim:seed -- --profile college|lycee|multi --out DOSSIER [--seed N] [--date AAAA-MM-JJ]',
  );
  process.exit(2);
}

function main(): void {
  let values: { profile?: string; out?: string; seed?: string; date?: string };
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        date: { type: 'string' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const profile = values.profile as SeedProfile;
  if (!PROFILES.includes(profile))
    fail(`profil « ${values.profile ?? ''} » inconnu (${PROFILES.join(', ')})`);
  if (!values.out) fail('--out DOSSIER est obligatoire');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) fail(`graine « ${values.seed} » : un entier est attendu`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`date « ${date} » : AAAA-MM-JJ attendu`);

  const files = generateSeed({ profile, seed, referenceDate: date });
  mkdirSync(values.out, { recursive: true });
  for (const [name, content] of files) {
    writeFileSync(join(values.out, name), content);
    console.log(`${name} (${Math.round(content.length / 1024)} Kio)`);
  }
  console.log(`Graine « ${profile} » écrite dans ${values.out} (date de référence ${date}).`);
}

main();
