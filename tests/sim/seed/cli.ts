/**
 * `npm run sim:seed -- --profile college|lycee|multi --out DIR [--seed N] [--date YYYY-MM-DD]`
 * writes a seed folder for the simulator (default seed 1, default date today in Paris).
 */
// First: the domain's messages need the French catalogue before wxt/browser loads.
import '../../support/node-i18n';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSeed, isCalendarDate, type SeedProfile } from './generate';

const PROFILES: readonly SeedProfile[] = ['college', 'lycee', 'multi'];
const USAGE =
  'Usage : npm run sim:seed -- --profile college|lycee|multi --out DOSSIER [--seed N] [--date AAAA-MM-JJ]';

function fail(message: string): never {
  console.error(`Erreur : ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function isProfile(value: string | undefined): value is SeedProfile {
  return PROFILES.some((profile) => profile === value);
}

/** Today's date in Paris, `YYYY-MM-DD`. */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** node:util's parseArgs speaks English: say the same in French. */
function frenchParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const quoted = (/'([^']+)'/.exec(message)?.[1] ?? '').replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue « ${quoted} »`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `valeur manquante ou invalide pour « ${quoted} » (écrire --option valeur, ou --option=valeur)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu « ${quoted} » (les options s'écrivent --nom valeur)`;
    default:
      return `arguments illisibles (${message})`;
  }
}

interface Arguments {
  profile: SeedProfile;
  out: string;
  seed: number;
  date: string;
}

function readArguments(): Arguments {
  let values: { profile?: string; out?: string; seed?: string; date?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(frenchParseError(error));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.profile === undefined) fail('--profile est obligatoire (college, lycee ou multi)');
  if (!isProfile(values.profile))
    fail(`profil « ${values.profile} » inconnu : choisir parmi ${PROFILES.join(', ')}`);
  if (!values.out) fail('--out DOSSIER est obligatoire');
  const seedText = values.seed ?? '1';
  if (!/^\d{1,9}$/.test(seedText)) fail(`graine « ${seedText} » : un entier positif est attendu`);
  const date = values.date ?? todayInParis();
  if (!isCalendarDate(date)) fail(`date « ${date} » : une date réelle AAAA-MM-JJ est attendue`);
  return { profile: values.profile, out: values.out, seed: Number(seedText), date };
}

function main(): void {
  const { profile, out, seed, date } = readArguments();
  const files = generateSeed({ profile, seed, referenceDate: date });
  mkdirSync(out, { recursive: true });
  for (const [name, content] of files) {
    writeFileSync(join(out, name), content);
    const lines = content.split('\n').length - 1;
    console.log(`${name} : ${lines} lignes, ${Math.round(Buffer.byteLength(content) / 1024)} Kio`);
  }
  console.log(`Graine « ${profile} » n° ${seed} écrite dans ${out} (date de référence ${date}).`);
}

main();
