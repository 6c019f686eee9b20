import type { IDBPDatabase } from 'idb';
import type { FeatureHealth } from '../../../utils/feature-health';
import type { Abonnement } from '../../../utils/gar/abonnement';
import type { ExpectedOrder } from '../../../utils/gar/expected-order';
import type { JournalEntry } from '../../../utils/gar/journal-record';
import type { SubscriptionCounts } from '../../../utils/gar/seen-subscription';
import type { Template } from '../../../utils/gar/template-record';
import type { UsageFact } from '../../../utils/gar/usage-stats';
import { type GarDbSchema, openGarDb } from '../../../utils/store/db';
import type { ReadIssue } from '../../../utils/store/validation';
import { usageFact as atlasUsage } from '../gar/usage-fact-fixture';

let counter = 0;

/** A database name no other test uses: fake-indexeddb keeps databases for the whole file. */
export function uniqueDbName(label: string): string {
  counter += 1;
  return `test-${label}-${counter}-${Date.now()}`;
}

const opened: Array<IDBPDatabase<GarDbSchema>> = [];

/** Opens a fresh database, remembered so `closeAll` can close it after the test. */
export async function freshDb(label = 'db'): Promise<IDBPDatabase<GarDbSchema>> {
  const db = await openGarDb(uniqueDbName(label));
  opened.push(db);
  return db;
}

export function closeAll(): void {
  for (const db of opened.splice(0)) db.close();
}

export const UAI_A = '0750001A';
export const UAI_B = '0690002B';

export function abonnement(overrides: Partial<Abonnement> = {}): Abonnement {
  return {
    idAbonnement: 'ABO-001',
    idDistributeurCom: '123456789_0000000000000001',
    idRessource: 'ark:/12345/manuel-maths-5e',
    typeIdRessource: 'ark',
    libelleRessource: 'Manuel de mathématiques 5e',
    debutValidite: '2025-09-01T00:00:00.000+02:00',
    anneeFinValidite: '2025-2026',
    uaiEtab: [UAI_A],
    typeAffectation: 'INDIV',
    licences: { kind: 'parProfil', counts: { ELEVE: 120, ENSEIGNANT: 'ILLIMITE' } },
    publicCible: ['ELEVE', 'ENSEIGNANT'],
    supprime: false,
    automatique: false,
    ...overrides,
  };
}

export function counts(): SubscriptionCounts {
  return {
    ELEVE: { achetees: 120, affectees: 98, verrouillees: 3, disponibles: 22 },
    ENSEIGNANT: { achetees: 'ILLIMITE', affectees: 7, verrouillees: 0, disponibles: 'ILLIMITE' },
  };
}

export function template(overrides: Partial<Template> = {}): Template {
  return {
    id: 'tpl-1',
    name: 'Rentrée 5e',
    description: 'Manuels de 5e pour les divisions et leurs enseignants.',
    version: 2,
    rules: [
      {
        resource: { ark: 'ark:/12345/manuel-maths-5e', title: 'Manuel de mathématiques 5e' },
        targets: [
          { kind: 'division', code: '5A' },
          { kind: 'profil', value: 'ENSEIGNANT' },
        ],
        caps: { ELEVE: 110 },
      },
    ],
    createdAt: '2025-08-20T10:00:00.000Z',
    updatedAt: '2025-08-21T10:00:00.000Z',
    ...overrides,
  };
}

export function order(overrides: Partial<ExpectedOrder> = {}): ExpectedOrder {
  return {
    id: 'cmd-1',
    uai: UAI_A,
    resourceTitle: 'Manuel de mathématiques 5e',
    ean: '9782012345678',
    distributor: 'Distributeur scolaire',
    quantity: { kind: 'global', count: 150 },
    period: { schoolYear: '2025-2026' },
    reference: 'BC-2025-042',
    createdAt: '2025-06-15T08:30:00.000Z',
    ...overrides,
  };
}

/** One resource × month × profile of usage, as a portail capture records it. */
export function usageFact(overrides: Partial<UsageFact> = {}): UsageFact {
  return atlasUsage({
    idRessource: 'ark:/12345/manuel-maths-5e',
    libelle: 'Manuel de mathématiques 5e',
    acces: 1520,
    utilisateurs: 96,
    ...overrides,
  });
}

export function journalEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'run-1',
    uai: UAI_A,
    kind: 'appliquerModele',
    startedAt: '2025-09-02T08:00:00.000Z',
    status: 'enCours',
    summary: 'Rentrée 5e : 4 divisions',
    steps: [],
    ...overrides,
  };
}

export function health(overrides: Partial<FeatureHealth> = {}): FeatureHealth {
  return {
    featureId: 'barre-compagnon',
    status: 'ok',
    lastRunAt: '2025-09-02T08:00:00.000Z',
    url: 'https://affectation.gar.education.fr/affectations',
    unmatchedSelectors: [],
    ...overrides,
  };
}

/** Collects read issues so a test can assert what was skipped. */
export function issueCollector(): { issues: ReadIssue[]; onIssue: (issue: ReadIssue) => void } {
  const issues: ReadIssue[] = [];
  return { issues, onIssue: (issue) => issues.push(issue) };
}
