import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  exportTemplates,
  importPreview,
  MAX_TEMPLATE_FILE_BYTES,
  parseTemplateFile,
  TEMPLATE_FILE_FORMAT,
  TEMPLATE_FILE_VERSION,
  type TemplateFileResult,
} from '../../../utils/gar/template-file';
import type { Template } from '../../../utils/gar/template-record';
import { speak } from '../speak';

const now = new Date('2026-06-30T08:00:00.000Z');

function template(id: string, overrides: Partial<Template> = {}): Template {
  return {
    id,
    name: `Rentrée ${id}`,
    description: 'Manuels de 6e',
    createdAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-01T08:00:00.000Z',
    version: 2,
    rules: [
      {
        resource: { ark: 'ark:/49591/maths-6e', title: 'Maths 6e' },
        targets: [
          { kind: 'divisionsDuNiveau', mef: '10010012110' },
          { kind: 'groupesCorrespondant', motif: 'ESP' },
          { kind: 'profil', value: 'ENSEIGNANT' },
        ],
        caps: { ELEVE: 120, ENSEIGNANT: 10 },
      },
    ],
    ...overrides,
  };
}

/** A file as another RA's extension (or a hand edit) could have written it. */
function file(modeles: unknown[], envelope: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: TEMPLATE_FILE_FORMAT,
    version: TEMPLATE_FILE_VERSION,
    exportedAt: now.toISOString(),
    modeles,
    ...envelope,
  });
}

function refusal(result: TemplateFileResult): string {
  if (result.ok) throw new Error('refusal expected');
  expect(Object.keys(result)).toEqual(['ok', 'message']);
  return result.message;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('exportTemplates / parseTemplateFile', () => {
  it('reads back what it exported', () => {
    const templates = [template('T1'), template('T2', { rules: [] })];
    const text = exportTemplates(templates, now);
    expect(JSON.parse(text)).toMatchObject({
      format: 'compagnon-gar-modeles',
      version: 1,
      exportedAt: '2026-06-30T08:00:00.000Z',
    });
    expect(text).toContain('\n  "modeles": [');
    expect(parseTemplateFile(text)).toEqual({ ok: true, templates });
  });

  it('migrates templates of version 1 to the current rules', () => {
    const v1 = {
      ...template('T1'),
      version: 1,
      rules: [
        {
          resource: { title: 'Atlas' },
          targets: [
            { kind: 'mef', code: '10010012110' },
            { kind: 'division', code: '6A' },
          ],
        },
      ],
    };
    const result = parseTemplateFile(file([v1]));
    expect(result).toEqual({
      ok: true,
      templates: [
        {
          ...v1,
          version: 2,
          rules: [
            {
              resource: { title: 'Atlas' },
              targets: [
                { kind: 'divisionsDuNiveau', mef: '10010012110' },
                { kind: 'division', code: '6A' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('keeps markup in names and descriptions as plain text, byte for byte', () => {
    const name = '<script>alert(1)</script>';
    const description = '<img src=x onerror="alert(document.cookie)"> & &amp; \u202e';
    const result = parseTemplateFile(exportTemplates([template('T1', { name, description })], now));
    if (!result.ok) throw new Error(result.message);
    expect(result.templates[0]?.name).toBe(name);
    expect(result.templates[0]?.description).toBe(description);
  });

  it('drops fields a template does not have, `__proto__` included', () => {
    const text = file([{ ...template('T1'), extra: 1 }]).replace(
      '"id":"T1"',
      '"__proto__":{"admin":true},"id":"T1"',
    );
    expect(text).toContain('"__proto__":{"admin":true}');
    const result = parseTemplateFile(text);
    if (!result.ok) throw new Error(result.message);
    const [read] = result.templates;
    expect(Object.keys(read ?? {}).sort()).toEqual(Object.keys(template('T1')).sort());
    expect((read as unknown as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('parseTemplateFile — hostile or broken files', () => {
  it('refuses a file over the limit before parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = file([{ ...template('T1'), description: 'x'.repeat(50 * 1024 * 1024) }]);
    const started = performance.now();
    const message = refusal(parseTemplateFile(huge));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parse).not.toHaveBeenCalled();
    expect(message).toBe('Fichier trop volumineux : un fichier de modèles ne peut dépasser 5 Mo.');
  });

  it('counts the limit in bytes, not in characters', () => {
    const accents = 'é'.repeat(MAX_TEMPLATE_FILE_BYTES / 2 + 1);
    expect(accents.length).toBeLessThan(MAX_TEMPLATE_FILE_BYTES);
    expect(refusal(parseTemplateFile(accents))).toContain('trop volumineux');
    expect(refusal(parseTemplateFile('é'.repeat(1000)))).not.toContain('trop volumineux');
  });

  it('refuses what is not JSON', () => {
    expect(refusal(parseTemplateFile('{"format": "compagnon-gar-modeles",'))).toBe(
      "Ce fichier n'est pas un fichier JSON lisible.",
    );
  });

  it('refuses JSON that is not a template file', () => {
    for (const text of [
      JSON.stringify({ format: 'autre-chose', version: 1, modeles: [] }),
      JSON.stringify([template('T1')]),
      'null',
      '"compagnon-gar-modeles"',
    ]) {
      expect(refusal(parseTemplateFile(text))).toBe(
        "Ce fichier n'est pas un fichier de modèles Compagnon GAR.",
      );
    }
  });

  it('names an unknown envelope version', () => {
    expect(refusal(parseTemplateFile(file([], { version: 3 })))).toBe(
      'Version de fichier 3 non prise en charge (version attendue : 1). Il vient sans doute d’une version plus récente de Compagnon GAR : mettez l’extension à jour.',
    );
    expect(refusal(parseTemplateFile(file([], { version: '1' })))).toContain('Version de fichier "1"');
  });

  it('names an unknown template version and where it is', () => {
    expect(refusal(parseTemplateFile(file([template('T1'), { ...template('T2'), version: 3 }])))).toBe(
      'modeles[1].version : version de modèle 3 non prise en charge (versions connues : 1 et 2).',
    );
  });

  it('gives the path of the first wrong value, in French', () => {
    const broken = template('T3');
    const rules = [
      { ...broken.rules[0], targets: [broken.rules[0]?.targets[0], { kind: 'eleve', code: 'X' }] },
    ];
    const message = refusal(parseTemplateFile(file([template('T1'), template('T2'), { ...broken, rules }])));
    expect(message).toMatch(/^modeles\[2\]\.rules\[0\]\.targets\[1\]\.kind : /);
    expect(refusal(parseTemplateFile(file([{ ...template('T1'), name: 42 }])))).toBe(
      'modeles[0].name : Entrée invalide : chaîne de caractères attendu, nombre reçu',
    );
    expect(refusal(parseTemplateFile(file([template('T1')], { modeles: 'tous' })))).toMatch(/^modeles : /);
  });

  it('refuses two templates with the same id', () => {
    expect(refusal(parseTemplateFile(file([template('T1'), template('T2'), template('T1')])))).toBe(
      'modeles[2].id : identifiant « T1 » déjà utilisé par modeles[0].',
    );
  });

  it('is all or nothing: one bad template refuses the whole file', () => {
    const result = parseTemplateFile(file([template('T1'), { ...template('T2'), createdAt: 'hier' }]));
    expect(result.ok).toBe(false);
    expect('templates' in result).toBe(false);
  });
});

describe('importPreview', () => {
  it('adds new ids, replaces changed templates and recognises identical ones', () => {
    const kept = template('T1');
    const changed = template('T2');
    const existing = [kept, changed];
    const incoming = [
      // Only bookkeeping and key order differ: the same template for the RA.
      {
        ...kept,
        updatedAt: '2026-06-29T08:00:00.000Z',
        rules: kept.rules.map((rule) => ({ ...rule, caps: { ENSEIGNANT: 10, ELEVE: 120 } })),
      },
      { ...changed, name: 'Rentrée 2027' },
      template('T3'),
    ];
    const preview = importPreview(existing, incoming);
    expect(preview.ajoutes.map((t) => t.id)).toEqual(['T3']);
    expect(preview.remplaces).toEqual([{ avant: changed, apres: incoming[1] }]);
    expect(preview.identiques).toEqual([incoming[0]]);
  });

  it('sees a change in the rules, the description or a cap', () => {
    const base = template('T1');
    const variants: Template[] = [
      { ...base, description: 'Autre' },
      { ...base, rules: [] },
      { ...base, rules: base.rules.map((rule) => ({ ...rule, caps: { ELEVE: 119 } })) },
    ];
    for (const variant of variants) expect(importPreview([base], [variant]).remplaces).toHaveLength(1);
  });
});

describe('hostile templates files', () => {
  it('refuses a file nested too deeply, in French, before parsing it', () => {
    const deep = `{"format":"compagnon-gar-modeles","version":1,"modeles":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(parseTemplateFile(deep)).toEqual({
      ok: false,
      message: 'Ce fichier est imbriqué bien plus profondément qu’un fichier de modèles Compagnon GAR.',
    });
  });
});

describe('in English', () => {
  it('refuses a file in English, naming where the problem is', () => {
    speak('en');
    expect(refusal(parseTemplateFile('null'))).toBe('This file is not a Compagnon GAR templates file.');
    expect(refusal(parseTemplateFile(file([template('T1'), template('T1')])))).toBe(
      'modeles[1].id: identifier “T1” already used by modeles[0].',
    );
  });
});
