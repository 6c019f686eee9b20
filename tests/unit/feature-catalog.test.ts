import { readdirSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleFeatures } from '../../entrypoints/console.content/features';
import { portailFeatures } from '../../entrypoints/portail.content/features';
import { FEATURE_CATALOG } from '../../utils/feature-catalog';
import { type FeatureDefinition, isApplicable } from '../../utils/features';
import type { ConsoleView } from '../../utils/hosts/console/page';
import { CONSOLE_ORIGIN, PORTAIL_ORIGIN } from '../../utils/hosts/hosts';
import type { PortailView } from '../../utils/hosts/portail/page';
import { catalogue } from '../support/catalogue';

// The meta-test of the features, after Refined GitHub's build/features.test.ts: every feature
// file is one feature, named after its file, listed where it runs, labelled in both languages,
// and says which pages it is for. Bundled code cannot read its own file name: this keeps the
// literal ids honest.

const ROOT = resolve(import.meta.dirname, '../..');

interface FeatureFolder {
  /** Where the content script's features live, relative to the repository. */
  dir: string;
  /** That folder's index: the features the content script runs, in order. */
  features: readonly FeatureDefinition[];
}

const FOLDERS: Readonly<Record<'console' | 'portail', FeatureFolder>> = {
  console: { dir: 'entrypoints/console.content/features', features: consoleFeatures },
  portail: { dir: 'entrypoints/portail.content/features', features: portailFeatures },
};

/** The definitions shared by both content scripts (components/features) and factories of them. */
const SHARED_DIR = 'components/features';

function isDefinition(value: unknown): value is FeatureDefinition {
  return typeof value === 'object' && value !== null && 'id' in value && 'init' in value && 'label' in value;
}

/** A feature's entries in a folder: `name.ts(x)` files, and folders holding `index.tsx`. */
function entriesOf(dir: string): Array<{ name: string; file: string }> {
  return readdirSync(resolve(ROOT, dir))
    .filter((entry) => !/^index\.tsx?$/.test(entry))
    .map((entry) => {
      const path = resolve(ROOT, dir, entry);
      if (statSync(path).isDirectory()) return { name: entry, file: resolve(path, 'index.tsx') };
      return { name: entry.replace(/\.tsx?$/, ''), file: path };
    });
}

/** The feature definitions a module exports (a factory's instances are checked where they are made). */
async function definitionsIn(file: string): Promise<FeatureDefinition[]> {
  const module: Record<string, unknown> = await import(file);
  return Object.values(module).filter(isDefinition);
}

const sharedDefinitions = async (): Promise<FeatureDefinition[]> =>
  (await Promise.all(entriesOf(SHARED_DIR).map(({ file }) => definitionsIn(file)))).flat();

describe('the feature catalog shown in the popup and the options page', () => {
  it('lists every helper of the content scripts once, with its label, in their order', () => {
    const fromScripts = new Map(
      [...consoleFeatures, ...portailFeatures].map((feature) => [feature.id, feature.label]),
    );
    expect([...FEATURE_CATALOG]).toEqual([...fromScripts]);
  });

  it('names every helper in French and in English', () => {
    const missing = FEATURE_CATALOG.flatMap(([id, label]) =>
      (['fr', 'en'] as const).filter((lang) => !catalogue(lang)[label]).map((lang) => `${id}: ${lang}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('every feature file', () => {
  for (const [host, { dir, features }] of Object.entries(FOLDERS)) {
    for (const { name, file } of entriesOf(dir)) {
      it(`${dir}/${basename(file) === 'index.tsx' ? `${name}/index.tsx` : basename(file)} defines the feature « ${name} »`, async () => {
        const definitions = await definitionsIn(file);
        expect(definitions.map((definition) => definition.id)).toEqual([name]);
        expect(features, `${name} is missing from ${dir}/index.ts`).toContain(definitions[0]);
      });
    }

    it(`${dir}/index.ts lists nothing but the ${host}'s feature files and the shared ones`, async () => {
      const own = entriesOf(dir).map(({ name }) => name);
      const shared = (await sharedDefinitions()).map((definition) => definition.id);
      const ids = features.map((feature) => feature.id);
      expect(ids.filter((id) => !own.includes(id) && !shared.includes(id))).toEqual([]);
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it(`${SHARED_DIR} defines its features under their file names, run by both content scripts`, async () => {
    for (const { name, file } of entriesOf(SHARED_DIR)) {
      for (const definition of await definitionsIn(file)) {
        expect(definition.id).toBe(name);
        expect(consoleFeatures).toContain(definition);
        expect(portailFeatures).toContain(definition);
      }
    }
  });

  it('has an id of its own across both content scripts (a shared definition counts once)', () => {
    const distinct = new Set([...consoleFeatures, ...portailFeatures]);
    const ids = [...distinct].map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** One address per view of each site, and one each site does not know: a new view needs its own. */
const CONSOLE_PATHS: Readonly<Record<ConsoleView | 'inconnue', string>> = {
  connexion: '/connexion',
  'tableau-de-bord': '/tableau-de-bord',
  ressources: '/ressources',
  ressource: '/ressources/ABO-1-MATHS-6E-1',
  population: '/population',
  'population-detail': '/population/divisions/6A',
  recuperation: '/recuperation',
  inconnue: '/aide/faq',
};
const PORTAIL_PATHS: Readonly<Record<PortailView | 'inconnue', string>> = {
  abonnements: '/abonnements',
  statistiques: '/statistiques',
  connexion: '/connexion',
  inconnue: '/aide',
};
const PAGES = {
  console: Object.values(CONSOLE_PATHS).map((path) => new URL(path, CONSOLE_ORIGIN)),
  portail: Object.values(PORTAIL_PATHS).map((path) => new URL(path, PORTAIL_ORIGIN)),
};

describe('where each feature runs', () => {
  const all = [...new Set([...consoleFeatures, ...portailFeatures])];
  for (const feature of all) {
    const hosts = (['console', 'portail'] as const).filter((host) =>
      FOLDERS[host].features.includes(feature),
    );

    it(`${feature.id} says which pages it is for, and runs on ${hosts.join(' and ')} pages only`, () => {
      expect(feature.include.length).toBeGreaterThan(0);
      for (const host of ['console', 'portail'] as const) {
        const where = PAGES[host].filter((url) => isApplicable(feature, url)).map((url) => url.pathname);
        if (hosts.includes(host)) expect(where.length, `${feature.id} on no ${host} page`).toBeGreaterThan(0);
        else expect(where, `${feature.id} on ${host} pages`).toEqual([]);
      }
    });
  }
});
