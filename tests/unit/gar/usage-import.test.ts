// @vitest-environment node
// (node: the simulator round trip sends a Cookie header, which happy-dom’s Request drops)
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS } from '../../../utils/gar/table-limits';
import {
  MAX_USAGE_IMPORT_BYTES,
  readUsageExport,
  type UsageImport,
  usageFileTooLargeMessage,
} from '../../../utils/gar/usage-import';
import type { UsageRow } from '../../../utils/gar/usage-row';
import { loginAs, miniSimulator, PORTAIL, UAI } from '../sim/fixtures/sim-harness';
import { speak } from '../speak';

const FILE = 'statistiques-0561622J.csv';
const WIRE_HEADER = 'idRessource;libelleRessource;mois;profil;acces;utilisateurs';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The few Windows-1252 bytes these tests need outside Latin-1 (where code point = byte). */
const CP1252_EXTRAS: Readonly<Record<string, number>> = { '’': 0x92, œ: 0x9c, '–': 0x96 };
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const byte = CP1252_EXTRAS[char] ?? char.charCodeAt(0);
    if (byte > 0xff) throw new Error(`not in the test's Windows-1252 table: ${char}`);
    return byte;
  });
}

/** As the simulator writes its export (routes-portail.ts): BOM, `;`, CRLF, a final line break. */
function portailBytes(rows: readonly UsageRow[]): Uint8Array {
  const fields = ['idRessource', 'libelleRessource', 'mois', 'profil', 'acces', 'utilisateurs'] as const;
  const csv = Papa.unparse(
    { fields: [...fields], data: rows.map((row) => fields.map((field) => row[field])) },
    { delimiter: ';', newline: '\r\n' },
  );
  return utf8(`\uFEFF${csv}\r\n`);
}

/** A UTF-8 CSV with the wire header and the given lines (line 2 onwards). */
function wire(...lines: string[]): Uint8Array {
  return utf8(`${[WIRE_HEADER, ...lines].join('\r\n')}\r\n`);
}

type Accepted = Extract<UsageImport, { ok: true }>;

function accepted(result: UsageImport): Accepted {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

function refusal(result: UsageImport): string {
  return result.ok ? 'accepté' : result.message;
}

const messages = (result: UsageImport) => accepted(result).errors.map((error) => error.message);

const row = (overrides: Partial<UsageRow> = {}): UsageRow => ({
  idRessource: 'ark:/49591/maths-6e',
  libelleRessource: 'Mathématiques 6e',
  mois: '2025-09',
  profil: 'ELEVE',
  acces: 696,
  utilisateurs: 114,
  ...overrides,
});

describe('readUsageExport — the portail’s own export', () => {
  const rows: UsageRow[] = [
    row(),
    row({ profil: 'ENSEIGNANT', acces: 23, utilisateurs: 4 }),
    row({ mois: '2025-10', acces: 605, utilisateurs: 114 }),
    row({
      idRessource: 'ark:/49591/anglais',
      libelleRessource: 'Anglais interactif ; « oral »',
      mois: '2025-08',
      profil: 'AUTRE PERSONNEL',
      acces: 0,
      utilisateurs: 0,
    }),
    row({
      idRessource: 'ark:/49591/cdi',
      libelleRessource: 'BCDI',
      profil: 'DOCUMENTALISTE',
      acces: 12,
      utilisateurs: 1,
    }),
  ];

  it('reads every line as written, with the months and resources it covers', () => {
    const result = accepted(readUsageExport(portailBytes(rows), FILE));
    expect(result.rows).toEqual(rows);
    expect(result.errors).toEqual([]);
    expect(result.mois).toEqual(['2025-08', '2025-09', '2025-10']);
    expect(result.ressources).toBe(3);
    expect(result.encoding).toBe('utf-8');
    expect(result.uaiDuNom).toBe('0561622J');
  });

  it('reads what the simulator serves, line for line the same as its JSON endpoint', async () => {
    const sim = await miniSimulator();
    const ra = await loginAs(sim, 'DOC-0001', PORTAIL);
    const response = await ra.call(`/api/etablissements/${UAI}/statistiques.csv`);
    expect(response.status).toBe(200);
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '';
    const json = await ra.json<{ lignes: UsageRow[] }>(`/api/etablissements/${UAI}/statistiques`);
    expect(json.lignes.length).toBeGreaterThan(0);

    const result = accepted(readUsageExport(new Uint8Array(await response.arrayBuffer()), name));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(json.lignes);
    expect(result.uaiDuNom).toBe(UAI);
  });
});

describe('readUsageExport — after a trip through French Excel', () => {
  it('reads a Windows-1252 file with the page’s French headers and profile labels', () => {
    const text = [
      'Ressource;Mois;Profil;Accès;Utilisateurs distincts',
      'Le Robert Collège – l’œil;2025-09;Élèves;1 234;98',
      'Le Robert Collège – l’œil;2025-09;Enseignants;40;7',
      'Le Robert Collège – l’œil;2025-09;Autres personnels;3;1',
      'Lire en 6e;2025-10;élève;5;5',
      'Lire en 6e;2025-10;DOCUMENTALISTE;2;1',
      'Lire en 6e;2025-10;Autre personnel;1;1',
    ].join('\r\n');
    const result = accepted(readUsageExport(cp1252(text), 'statistiques-0561622J.csv'));
    expect(result.encoding).toBe('windows-1252');
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toEqual({
      idRessource: 'Le Robert Collège – l’œil',
      libelleRessource: 'Le Robert Collège – l’œil',
      mois: '2025-09',
      profil: 'ELEVE',
      acces: 1234,
      utilisateurs: 98,
    });
    expect(result.rows.map((r) => r.profil)).toEqual([
      'ELEVE',
      'ENSEIGNANT',
      'AUTRE PERSONNEL',
      'ELEVE',
      'DOCUMENTALISTE',
      'AUTRE PERSONNEL',
    ]);
    expect(result.ressources).toBe(2);
  });

  it.each([
    ['Identifiant;Libellé;Mois;Profil;Nombre d’accès;Utilisateurs distincts'],
    ['Id ressource;Ressource;MOIS;Profils;Nombre d’accès;Nombre d’utilisateurs'],
    ['  ID-RESSOURCE ;LIBELLE RESSOURCE;Mois ;profil;ACCES;utilisateurs'],
    ['idRessource;libelleRessource;mois;profil;acces;utilisateurs'],
  ])('recognises the header « %s »', (header) => {
    const result = accepted(
      readUsageExport(utf8(`${header}\r\nark:/1/a;Atlas;2025-09;ELEVE;10;3\r\n`), FILE),
    );
    expect(result.rows).toEqual([
      {
        idRessource: 'ark:/1/a',
        libelleRessource: 'Atlas',
        mois: '2025-09',
        profil: 'ELEVE',
        acces: 10,
        utilisateurs: 3,
      },
    ]);
  });

  it('finds the columns in any order and ignores the extra ones', () => {
    const text =
      'Utilisateurs;Accès;Académie;Profil;Mois;Ressource;Identifiant\r\n3;10;Rennes;Élève;2025-09;Atlas;ark:/1/a\r\n';
    expect(accepted(readUsageExport(utf8(text), FILE)).rows).toEqual([
      {
        idRessource: 'ark:/1/a',
        libelleRessource: 'Atlas',
        mois: '2025-09',
        profil: 'ELEVE',
        acces: 10,
        utilisateurs: 3,
      },
    ]);
  });

  it.each([
    ['2025-09', '2025-09'],
    ['2025-9', '2025-09'],
    ['09/2025', '2025-09'],
    ['9/2025', '2025-09'],
    ['01/09/2025', '2025-09'],
    ['1/9/2025', '2025-09'],
    ['2025-09-01', '2025-09'],
    ['2025-09-01 00:00:00', '2025-09'],
    ['sept-25', '2025-09'],
    ['sept.-25', '2025-09'],
    ['Sept.-25', '2025-09'],
    ['janv-26', '2026-01'],
    ['janv.-26', '2026-01'],
    ['févr.-26', '2026-02'],
    ['mars-26', '2026-03'],
    ['avr.-26', '2026-04'],
    ['mai-26', '2026-05'],
    ['juin-26', '2026-06'],
    ['juil.-26', '2026-07'],
    ['août-26', '2026-08'],
    ['oct.-25', '2025-10'],
    ['nov.-25', '2025-11'],
    ['déc.-25', '2025-12'],
    ['septembre 2025', '2025-09'],
  ])('reads the month « %s » as %s', (written, month) => {
    const result = accepted(readUsageExport(wire(`ark:/1/a;Atlas;${written};ELEVE;10;3`), FILE));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.mois)).toEqual([month]);
  });

  it.each([
    ['13/2025', 'mois « 13/2025 » illisible (attendu AAAA-MM)'],
    ['2025-13', 'mois « 2025-13 » illisible (attendu AAAA-MM)'],
    ['2025-00', 'mois « 2025-00 » illisible (attendu AAAA-MM)'],
    ['31/02/2025', 'mois « 31/02/2025 » illisible (attendu AAAA-MM)'],
    ['sept', 'mois « sept » illisible (attendu AAAA-MM)'],
    ['brumaire-25', 'mois « brumaire-25 » illisible (attendu AAAA-MM)'],
    ['202509', 'mois « 202509 » illisible (attendu AAAA-MM)'],
    ['1925-09', 'mois « 1925-09 » hors des années possibles (2000 à 2099)'],
    ['', 'mois manquant'],
  ])('refuses the month « %s »', (written, message) => {
    const result = readUsageExport(
      wire('ark:/1/a;Atlas;2025-09;ELEVE;10;3', `ark:/1/b;Bios;${written};ELEVE;10;3`),
      FILE,
    );
    expect(messages(result)).toEqual([`ligne 3 : ${message}`]);
    expect(accepted(result).errors[0]?.ligne).toBe(3);
    expect(accepted(result).rows.map((r) => r.idRessource)).toEqual(['ark:/1/a']);
  });

  it('keeps a title that looks like a formula as text', () => {
    const text =
      'Ressource;Mois;Profil;Accès;Utilisateurs\r\n"=HYPERLINK(""http://x"";""Atlas"")";2025-09;ELEVE;1;1\r\n+33 Atlas;2025-09;ELEVE;2;1\r\n';
    const result = accepted(readUsageExport(utf8(text), FILE));
    expect(result.rows.map((r) => [r.idRessource, r.libelleRessource])).toEqual([
      ['=HYPERLINK("http://x";"Atlas")', '=HYPERLINK("http://x";"Atlas")'],
      ['+33 Atlas', '+33 Atlas'],
    ]);
  });
});

describe('readUsageExport — counts', () => {
  it.each([
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['12\u202f345', 12345],
    ['1 234 567', 1234567],
    [' 42 ', 42],
    ['0', 0],
  ])('reads the accès « %s » as %d', (written, count) => {
    const result = accepted(readUsageExport(wire(`ark:/1/a;Atlas;2025-09;ELEVE;${written};0`), FILE));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.acces)).toEqual([count]);
  });

  it('reads thousands separators in the distinct users too', () => {
    const result = accepted(readUsageExport(wire('ark:/1/a;Atlas;2025-09;ELEVE;12 000;1\u00a0050'), FILE));
    expect(result.rows.map((r) => [r.acces, r.utilisateurs])).toEqual([[12000, 1050]]);
  });

  it.each(['-3', '12,5', '12.0', '1e3', 'douze', '1 23', '12 34', '=2*3', '0x10', '99999999999999999999'])(
    'refuses the accès « %s », naming the line and the value',
    (written) => {
      const result = readUsageExport(
        wire('ark:/1/a;Atlas;2025-09;ELEVE;10;3', `ark:/1/b;Bios;2025-09;ELEVE;${written};0`),
        FILE,
      );
      expect(messages(result)).toEqual([
        `ligne 3 : accès « ${written} » illisible (nombre entier positif ou nul attendu)`,
      ]);
      expect(accepted(result).rows).toHaveLength(1);
    },
  );

  it.each(['-1', '2,5', 'trois'])('refuses the distinct users « %s »', (written) => {
    const result = readUsageExport(wire(`ark:/1/b;Bios;2025-09;ELEVE;10;${written}`), FILE);
    expect(messages(result)).toEqual([
      `ligne 2 : utilisateurs « ${written} » illisible (nombre entier positif ou nul attendu)`,
    ]);
    expect(accepted(result).rows).toEqual([]);
  });

  it('refuses empty counts', () => {
    expect(messages(readUsageExport(wire('ark:/1/b;Bios;2025-09;ELEVE;;'), FILE))).toEqual([
      'ligne 2 : accès manquant ; utilisateurs manquant',
    ]);
  });

  it('refuses more distinct users than accès, accepts as many', () => {
    const result = readUsageExport(
      wire(
        'ark:/1/a;Atlas;2025-09;ELEVE;8;12',
        'ark:/1/b;Bios;2025-09;ELEVE;8;8',
        'ark:/1/c;Cycle;2025-09;ELEVE;1;2',
      ),
      FILE,
    );
    expect(messages(result)).toEqual([
      'ligne 2 : 12 utilisateurs pour 8 accès : impossible, chaque utilisateur a ouvert au moins une session',
      'ligne 4 : 2 utilisateurs pour 1 accès : impossible, chaque utilisateur a ouvert au moins une session',
    ]);
    expect(accepted(result).rows.map((r) => r.idRessource)).toEqual(['ark:/1/b']);
  });
});

describe('readUsageExport — lines', () => {
  it('refuses a resource, month and profile seen again, naming the first line', () => {
    const result = readUsageExport(
      wire(
        'ark:/1/a;Atlas;2025-09;ELEVE;10;3', // 2
        'ark:/1/a;Atlas;2025-09;ENSEIGNANT;4;1', // 3
        'ark:/1/b;Bios;2025-09;ELEVE;10;3', // 4
        'ark:/1/a;Atlas;2025-10;ELEVE;10;3', // 5
        '', // 6
        'ark:/1/c;Cycle;2025-09;ELEVE;1;1', // 7
        'ark:/1/c;Cycle;2025-09;ELEVE;1;1', // 8
        'ark:/1/b;Bios;09/2025;Élèves;12;4', // 9
      ),
      FILE,
    );
    expect(messages(result)).toEqual([
      'ligne 8 : même ressource, même mois et même profil que la ligne 7',
      'ligne 9 : même ressource, même mois et même profil que la ligne 4',
    ]);
    expect(accepted(result).rows.map((r) => `${r.idRessource} ${r.mois} ${r.profil} ${r.acces}`)).toEqual([
      'ark:/1/a 2025-09 ELEVE 10',
      'ark:/1/a 2025-09 ENSEIGNANT 4',
      'ark:/1/b 2025-09 ELEVE 10',
      'ark:/1/a 2025-10 ELEVE 10',
      'ark:/1/c 2025-09 ELEVE 1',
    ]);
  });

  it('counts a refused line as taken: a later line with its key is refused too', () => {
    const result = readUsageExport(
      wire('ark:/1/a;Atlas;2025-09;ELEVE;dix;3', 'ark:/1/a;Atlas;2025-09;ELEVE;10;3'),
      FILE,
    );
    expect(messages(result)).toEqual([
      'ligne 2 : accès « dix » illisible (nombre entier positif ou nul attendu)',
      'ligne 3 : même ressource, même mois et même profil que la ligne 2',
    ]);
    expect(accepted(result).rows).toEqual([]);
  });

  it('skips blank lines, keeping the spreadsheet’s line numbers', () => {
    const text = `${WIRE_HEADER}\r\n\r\nark:/1/a;Atlas;2025-09;ELEVE;10;3\r\n;;;;;\r\nark:/1/b;Bios;2025-09;Parent;1;1\r\n\r\n\r\n`;
    const result = readUsageExport(utf8(text), FILE);
    expect(accepted(result).rows).toHaveLength(1);
    expect(accepted(result).errors).toEqual([
      {
        ligne: 5,
        message:
          'ligne 5 : profil « Parent » inconnu (attendu : élève, enseignant, documentaliste ou autre personnel)',
      },
    ]);
  });

  it('says every problem of a line at once and never imports it halfway', () => {
    const result = readUsageExport(
      wire(';Atlas;13/2025;Parent;-1;x', 'ark:/1/b;Bios;2025-09;ELEVE;1;1'),
      FILE,
    );
    expect(messages(result)).toEqual([
      'ligne 2 : identifiant de ressource manquant ; mois « 13/2025 » illisible (attendu AAAA-MM) ; profil « Parent » inconnu (attendu : élève, enseignant, documentaliste ou autre personnel) ; accès « -1 » illisible (nombre entier positif ou nul attendu) ; utilisateurs « x » illisible (nombre entier positif ou nul attendu)',
    ]);
    expect(accepted(result).rows.map((r) => r.idRessource)).toEqual(['ark:/1/b']);
    expect(accepted(result).mois).toEqual(['2025-09']);
    expect(accepted(result).ressources).toBe(1);
  });

  it('takes the id as title when the title is empty, and folds line breaks in titles', () => {
    const text = `${WIRE_HEADER}\r\nark:/1/a;;2025-09;ELEVE;1;1\r\nark:/1/b;"Bios\r\ntome 2";2025-09;ELEVE;1;1\r\n`;
    expect(accepted(readUsageExport(utf8(text), FILE)).rows.map((r) => r.libelleRessource)).toEqual([
      'ark:/1/a',
      'Bios tome 2',
    ]);
  });

  it('refuses a line without a title when the title is the only resource column', () => {
    const text = 'Ressource;Mois;Profil;Accès;Utilisateurs\r\n;2025-09;ELEVE;1;1\r\n';
    expect(messages(readUsageExport(utf8(text), FILE))).toEqual([
      'ligne 2 : identifiant de ressource manquant',
    ]);
  });
});

describe('readUsageExport — in English', () => {
  it('refuses a file and its lines in the English catalogue’s words', () => {
    speak('en');
    const text = 'idRessource;libelleRessource;profil;acces;utilisateurs\r\nark:/1/a;Atlas;ELEVE;1;1\r\n';
    expect(refusal(readUsageExport(utf8(text), FILE))).toBe(
      'Column “mois” not found: this file is not an export of the portail GAR’s statistics (headers expected: idRessource; libelleRessource; mois; profil; acces; utilisateurs).',
    );
    expect(messages(readUsageExport(wire('ark:/1/a;Atlas;13/2025;ELEVE;1;2'), FILE))).toEqual([
      'line 2: month “13/2025” unreadable (YYYY-MM expected); 2 users for an access count of 1: impossible, every user opened at least one session',
    ]);
  });
});

describe('readUsageExport — whole-file refusals', () => {
  const EXPECTED =
    'ce fichier n’est pas un export des statistiques du portail GAR (en-têtes attendus : idRessource ; libelleRessource ; mois ; profil ; acces ; utilisateurs).';

  it('refuses a file without a month column, naming it', () => {
    const text = 'idRessource;libelleRessource;profil;acces;utilisateurs\r\nark:/1/a;Atlas;ELEVE;1;1\r\n';
    expect(refusal(readUsageExport(utf8(text), FILE))).toBe(`Colonne « mois » introuvable : ${EXPECTED}`);
  });

  it('refuses a file with neither resource id nor title', () => {
    const text = 'mois;profil;acces;utilisateurs\r\n2025-09;ELEVE;1;1\r\n';
    expect(refusal(readUsageExport(utf8(text), FILE))).toBe(
      `Colonne « idRessource » introuvable : ${EXPECTED}`,
    );
  });

  it('names every missing column of another kind of file', () => {
    const text = 'Titre;Quantité;Année scolaire\r\nAtlas;30;2025-2026\r\n';
    expect(refusal(readUsageExport(utf8(text), FILE))).toBe(
      `Colonnes « mois », « profil », « acces », « utilisateurs » introuvables : ${EXPECTED}`,
    );
  });

  it('refuses an empty file and a file with only its header', () => {
    expect(refusal(readUsageExport(new Uint8Array(), FILE))).toBe('Le fichier est vide.');
    expect(refusal(readUsageExport(utf8('\uFEFF\r\n  \r\n'), FILE))).toBe('Le fichier est vide.');
    expect(refusal(readUsageExport(utf8(`\uFEFF${WIRE_HEADER}\r\n`), FILE))).toBe(
      'Le fichier ne contient qu’une ligne d’en-têtes : aucune statistique à importer (le portail n’a peut-être rien compté sur la période choisie).',
    );
  });

  it('refuses a binary file and a spreadsheet', () => {
    expect(refusal(readUsageExport(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x0d, 0x0a]), FILE))).toBe(
      'Ce fichier n’est pas un fichier texte CSV lisible.',
    );
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(refusal(readUsageExport(zip, 'statistiques.xlsx'))).toMatch(
      /^Ce fichier est un classeur Excel, pas un CSV/,
    );
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]);
    expect(refusal(readUsageExport(ole, 'statistiques.xls'))).toMatch(
      /^Ce fichier est un classeur Excel, pas un CSV/,
    );
  });

  it('refuses a file too large before reading it', () => {
    const big = new Uint8Array(MAX_USAGE_IMPORT_BYTES + 1).fill(0x41);
    expect(refusal(readUsageExport(big, FILE))).toBe(usageFileTooLargeMessage());
    expect(usageFileTooLargeMessage()).toContain('export des statistiques');
  });

  it('refuses more lines than the import cap', () => {
    const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `ark:/1/${i};T;2025-09;ELEVE;1;1`);
    expect(refusal(readUsageExport(wire(...lines), FILE))).toMatch(/^Le fichier dépasse 20\s000 lignes/);
  });
});

describe('readUsageExport — the school from the file name', () => {
  it.each([
    ['statistiques-0561622J.csv', '0561622J'],
    ['statistiques-0561622j (1).csv', '0561622J'],
    ['C:\\Téléchargements\\stats_0290009C_2025.csv', '0290009C'],
    ['0561622J-0290009C.csv', '0561622J'],
  ])('finds the UAI in « %s »', (name, uai) => {
    expect(accepted(readUsageExport(wire('ark:/1/a;Atlas;2025-09;ELEVE;1;1'), name)).uaiDuNom).toBe(uai);
  });

  it.each(['statistiques.csv', 'statistiques-056162J.csv', 'export-2025-09.csv'])(
    'finds none in « %s »',
    (name) => {
      const result = accepted(readUsageExport(wire('ark:/1/a;Atlas;2025-09;ELEVE;1;1'), name));
      expect(result).not.toHaveProperty('uaiDuNom');
    },
  );
});

describe('hostile files', () => {
  it('refuses a statistics file of 20,000 columns with the shared limit, in French', () => {
    const wide = new TextEncoder().encode(
      `idRessource;libelleRessource;mois;profil;acces;utilisateurs\n${';'.repeat(19_999)}\n${'ark:/1/1;T;2025-09;ELEVE;1;1\n'.repeat(1_000)}`,
    );
    const read = readUsageExport(wide, FILE);
    expect(read.ok ? 'accepté' : read.message).toMatch(
      /^Le fichier compte 20\u202f000 colonnes, au-delà des 200 acceptées/,
    );
  });
});
