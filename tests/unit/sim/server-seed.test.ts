// @vitest-environment node
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../sim/server/seed-loader';
import { MINI_SEED, seedRefusal as refusal } from './fixtures/sim-harness';

const dirs: string[] = [];

/** A copy of the mini seed to break. */
async function copySeed(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'seed-'));
  dirs.push(dir);
  await cp(MINI_SEED, dir, { recursive: true });
  return dir;
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  await writeFile(join(dir, file), change(await readFile(join(dir, file), 'utf8')));
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('seed loader', () => {
  it('reads every file of the folder, recognised by its root element', async () => {
    const seed = await loadSeed(MINI_SEED, new Date('2025-03-01T12:00:00Z'));
    expect(seed.meta.etablissements.map((e) => e.uai)).toEqual(['0561622J', '0290009C']);
    expect(seed.abonnements).toHaveLength(10);
    expect(seed.population.persons).toHaveLength(11);
    expect(seed.population.respAffs.map((ra) => ra.id)).toEqual(['DOC-0001', 'ENS-0002']);
    expect(seed.affectations.filter((a) => a.verrouillee)).toHaveLength(2);
    expect(seed.statistiques).toHaveLength(5);
    // On the reference day nothing moves.
    expect(seed.abonnements[0]?.debutValidite).toBe('2024-09-01T00:00:00.000+02:00');
  });

  it('shifts dates by whole days from dateReference (school years by whole years, months too)', async () => {
    const seed = await loadSeed(MINI_SEED, new Date('2026-03-01T12:00:00Z'));
    const global = seed.abonnements.find((a) => a.idAbonnement === 'AB-GLOBAL');
    expect(global?.debutValidite).toBe('2025-09-01T00:00:00.000+02:00');
    expect(global?.finValidite).toBe('2026-08-31T23:59:59.000+02:00');
    expect(seed.abonnements.find((a) => a.idAbonnement === 'AB-PROFIL')?.anneeFinValidite).toBe('2025-2026');
    expect(seed.statistiques[0]?.mois).toBe('2026-01');
  });

  it('refuses a malformed XML file, naming the file, the element and the problem', async () => {
    const dir = await copySeed();
    await edit(dir, 'abonnements.xml', (xml) =>
      xml.replace('<nbLicenceGlobale>4</nbLicenceGlobale>', '<nbLicenceGlobale>quatre</nbLicenceGlobale>'),
    );
    const error = await refusal(dir);
    expect(error.file).toBe('abonnements.xml');
    expect(error.element).toBe('abonnement[1]/nbLicenceGlobale');
    expect(error.message).toContain('abonnements.xml');
    expect(error.message).toContain('ni un entier ni ILLIMITE');
  });

  it('refuses XML that is not well-formed with its line', async () => {
    const dir = await copySeed();
    await edit(dir, 'GAR-ENT-Groupe.xml', (xml) => xml.replace('</GARGroupe>', ''));
    const error = await refusal(dir);
    expect(error.file).toBe('GAR-ENT-Groupe.xml');
    expect(error.element).toMatch(/^ligne \d+/);
  });

  it('refuses an unknown XML root and an unknown file', async () => {
    const dir = await copySeed();
    await writeFile(join(dir, 'autre.xml'), '<?xml version="1.0"?><Inventaire><x>1</x></Inventaire>');
    const error = await refusal(dir);
    expect(error.file).toBe('autre.xml');
    expect(error.element).toBe('Inventaire');
    expect(error.problem).toContain('racine inconnue');

    const other = await copySeed();
    await writeFile(join(other, 'notes.txt'), 'à faire');
    expect((await refusal(other)).file).toBe('notes.txt');
  });

  it('refuses a broken affectations.csv line and an invalid simulateur.json', async () => {
    const dir = await copySeed();
    await edit(dir, 'affectations.csv', (csv) => `${csv}0561622J;AB-INCONNU;ELV-0003;ELEVE;0\n`);
    const error = await refusal(dir);
    expect(error.file).toBe('affectations.csv');
    expect(error.element).toBe('ligne 6/idAbonnement');

    const json = await copySeed();
    await edit(json, 'simulateur.json', (text) => text.replace('"2025-03-01"', '"1er mars"'));
    const metaError = await refusal(json);
    expect(metaError.file).toBe('simulateur.json');
    expect(metaError.element).toBe('dateReference');
  });

  it('refuses a subscription for a school absent from simulateur.json', async () => {
    const dir = await copySeed();
    await edit(dir, 'abonnements.xml', (xml) =>
      xml.replace('<uaiEtab>0290009C</uaiEtab>', '<uaiEtab>0999999Z</uaiEtab>'),
    );
    const error = await refusal(dir);
    expect(error.element).toBe('abonnement AB-B-1/uaiEtab');
  });
});
