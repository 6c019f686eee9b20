import * as z from 'zod/mini';
import { t } from '../i18n';
import { parseBoundedJson } from './json-bounds';
import { parseWith } from './parse';
import { anyTemplateSchema, TEMPLATE_VERSION, type Template } from './template-record';

/**
 * The file RAs send each other to share assignment templates: a JSON envelope
 * `{ format, version, exportedAt, modeles }`. The file comes from someone else, so reading it is
 * all or nothing — the first problem refuses the whole file with a message naming where it is —
 * and names and descriptions stay plain text: nothing here interprets them.
 */

export const TEMPLATE_FILE_FORMAT = 'compagnon-gar-modeles';
/** Version of the envelope; each template carries its own rules version (1 or 2). */
export const TEMPLATE_FILE_VERSION = 1;
export const MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024;

const KNOWN_TEMPLATE_VERSIONS: readonly unknown[] = [1, TEMPLATE_VERSION];

export function exportTemplates(templates: readonly Template[], now: Date): string {
  const file = {
    format: TEMPLATE_FILE_FORMAT,
    version: TEMPLATE_FILE_VERSION,
    exportedAt: now.toISOString(),
    modeles: templates,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type TemplateFileResult = { ok: true; templates: Template[] } | { ok: false; message: string };

const refuse = (message: string): TemplateFileResult => ({ ok: false, message });

/** A templates file nests 6 levels deep (file, modeles, template, rules, rule, targets): 32 is plenty. */
export const MAX_TEMPLATE_FILE_DEPTH = 32;

const JSON_PROBLEMS: Readonly<Record<'tooLarge' | 'tooDeep' | 'notJson', () => string>> = {
  tooLarge: () => t('templateFileTooLarge', String(MAX_TEMPLATE_FILE_BYTES / 1024 / 1024)),
  tooDeep: () => t('templateFileTooDeep'),
  notJson: () => t('templateFileNotJson'),
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Versions are checked before the schema, which could only say « invalid » about an unknown one. */
function versionProblem(file: Record<string, unknown>): string | undefined {
  if (file.version !== TEMPLATE_FILE_VERSION) {
    const newer = typeof file.version === 'number' && file.version > TEMPLATE_FILE_VERSION;
    const found = JSON.stringify(file.version ?? null);
    return t(
      newer ? 'templateFileVersionNewer' : 'templateFileVersion',
      found,
      String(TEMPLATE_FILE_VERSION),
    );
  }
  if (!Array.isArray(file.modeles)) return undefined;
  for (const [i, template] of file.modeles.entries()) {
    if (!isRecord(template) || !('version' in template) || KNOWN_TEMPLATE_VERSIONS.includes(template.version))
      continue;
    return t(
      'templateFileTemplateVersion',
      String(i),
      JSON.stringify(template.version),
      String(TEMPLATE_VERSION),
    );
  }
  return undefined;
}

const fileSchema = z.object({ modeles: z.array(anyTemplateSchema) });

/** Two templates of one file with the same id would silently replace each other on import. */
function duplicateProblem(templates: readonly Template[]): string | undefined {
  const firstIndex = new Map<string, number>();
  for (const [i, { id }] of templates.entries()) {
    const first = firstIndex.get(id);
    if (first !== undefined) return t('templateFileDuplicateId', String(i), id, String(first));
    firstIndex.set(id, i);
  }
  return undefined;
}

export function parseTemplateFile(text: string): TemplateFileResult {
  // Size before parsing (JSON.parse of a huge file would freeze the page), depth before the schema walks it.
  const json = parseBoundedJson(text, {
    maxBytes: MAX_TEMPLATE_FILE_BYTES,
    maxDepth: MAX_TEMPLATE_FILE_DEPTH,
  });
  if (!json.ok) return refuse(JSON_PROBLEMS[json.problem]());
  const file = json.value;
  if (!isRecord(file) || file.format !== TEMPLATE_FILE_FORMAT) {
    return refuse(t('templateFileNotTemplates'));
  }
  const version = versionProblem(file);
  if (version) return refuse(version);
  const outcome = parseWith(fileSchema, file);
  if (!outcome.ok) return refuse(t('templateFilePathProblem', outcome.path, outcome.message));
  const duplicate = duplicateProblem(outcome.data.modeles);
  if (duplicate) return refuse(duplicate);
  return { ok: true, templates: outcome.data.modeles };
}

// ---------------------------------------------------------------------------------------------
// Import preview

export interface ImportPreview {
  ajoutes: Template[];
  remplaces: { avant: Template; apres: Template }[];
  identiques: Template[];
}

/** JSON with sorted keys: a record's key order (caps) must not make equal rules differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Same content for the RA: dates and version are bookkeeping, not what the template does. */
function sameContent(a: Template, b: Template): boolean {
  return a.name === b.name && a.description === b.description && canonical(a.rules) === canonical(b.rules);
}

/** Same id → replaced, or identical when rules, name and description are equal; new id → added. */
export function importPreview(existing: readonly Template[], incoming: readonly Template[]): ImportPreview {
  const byId = new Map(existing.map((template) => [template.id, template]));
  const preview: ImportPreview = { ajoutes: [], remplaces: [], identiques: [] };
  for (const apres of incoming) {
    const avant = byId.get(apres.id);
    if (!avant) preview.ajoutes.push(apres);
    else if (sameContent(avant, apres)) preview.identiques.push(apres);
    else preview.remplaces.push({ avant, apres });
  }
  return preview;
}
