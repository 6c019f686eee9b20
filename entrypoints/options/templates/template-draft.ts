import { PROFILS, type Profil } from '../../../utils/gar/abonnement';
import { parseWith } from '../../../utils/gar/parse';
import { newRecordId } from '../../../utils/gar/record-fields';
import {
  TEMPLATE_VERSION,
  type Template,
  type TemplateRule,
  type TemplateTarget,
  templateSchema,
} from '../../../utils/gar/template-record';
import { t } from '../../../utils/i18n';
import { describePath, pathParts, type TargetKind } from './template-words';

/**
 * What the template form edits: plain strings, as the fields hold them. The store's schema is the
 * only judge of what is valid — a draft becomes a template through `checkTemplate` or not at all.
 */

export interface TargetDraft {
  kind: TargetKind;
  /** The code, the MEF, the pattern or the profile, depending on the kind. */
  value: string;
}

export interface RuleDraft {
  title: string;
  ark: string;
  targets: TargetDraft[];
  /** Empty means no ceiling for that public. */
  caps: Record<Profil, string>;
}

export interface TemplateDraft {
  name: string;
  description: string;
  rules: RuleDraft[];
}

/** The property a target keeps its value in: where the schema reports an error about it. */
export const VALUE_KEYS: Record<TargetKind, string> = {
  divisionsDuNiveau: 'mef',
  groupesCorrespondant: 'motif',
  division: 'code',
  groupe: 'code',
  matiere: 'code',
  profil: 'value',
};

export function emptyTarget(kind: TargetKind = 'divisionsDuNiveau'): TargetDraft {
  return { kind, value: kind === 'profil' ? 'ELEVE' : '' };
}

/** A code typed before choosing the kind survives the change; a profile is not a code. */
export function withKind(target: TargetDraft, kind: TargetKind): TargetDraft {
  if (kind === 'profil' || target.kind === 'profil') return emptyTarget(kind);
  return { kind, value: target.value };
}

const noCaps = (): Record<Profil, string> => ({
  ELEVE: '',
  ENSEIGNANT: '',
  DOCUMENTALISTE: '',
  'AUTRE PERSONNEL': '',
});

/** A new rule comes with one target row: a rule without targets assigns nothing. */
export function emptyRule(): RuleDraft {
  return { title: '', ark: '', targets: [emptyTarget()], caps: noCaps() };
}

export function emptyDraft(): TemplateDraft {
  return { name: '', description: '', rules: [emptyRule()] };
}

function targetValue(target: TemplateTarget): string {
  switch (target.kind) {
    case 'divisionsDuNiveau':
      return target.mef;
    case 'groupesCorrespondant':
      return target.motif;
    case 'profil':
      return target.value;
    default:
      return target.code;
  }
}

function capsDraftOf(caps: TemplateRule['caps']): Record<Profil, string> {
  const draft = noCaps();
  for (const profil of PROFILS) {
    const cap = caps?.[profil];
    if (cap !== undefined) draft[profil] = String(cap);
  }
  return draft;
}

export function draftOf(template: Template): TemplateDraft {
  return {
    name: template.name,
    description: template.description,
    rules: template.rules.map((rule) => ({
      title: rule.resource.title,
      ark: rule.resource.ark ?? '',
      targets: rule.targets.map((target) => ({ kind: target.kind, value: targetValue(target) })),
      caps: capsDraftOf(rule.caps),
    })),
  };
}

function targetOf({ kind, value }: TargetDraft): Record<string, string> {
  return { kind, [VALUE_KEYS[kind]]: value.trim() };
}

/** Only the ceilings the RA filled in; the schema refuses what is not a whole number. */
function capsOf(caps: Record<Profil, string>): Partial<Record<Profil, number>> | undefined {
  const filled = PROFILS.filter((profil) => caps[profil].trim() !== '');
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((profil) => [profil, Number(caps[profil])]));
}

/** The record the draft stands for, not yet validated: optional fields left empty are left out. */
function candidateOf(draft: TemplateDraft, base: Pick<Template, 'id' | 'createdAt'>, now: Date): unknown {
  return {
    ...base,
    version: TEMPLATE_VERSION,
    name: draft.name.trim(),
    description: draft.description.trim(),
    updatedAt: now.toISOString(),
    rules: draft.rules.map((rule) => {
      const ark = rule.ark.trim();
      const caps = capsOf(rule.caps);
      return {
        resource: { title: rule.title.trim(), ...(ark && { ark }) },
        targets: rule.targets.map(targetOf),
        ...(caps && { caps }),
      };
    }),
  };
}

export type Checked = { ok: true; template: Template } | { ok: false; path: string; message: string };

function valueAt(root: unknown, path: string): unknown {
  return pathParts(path).reduce<unknown>(
    (value, part) => (typeof value === 'object' && value !== null ? Reflect.get(value, part) : undefined),
    root,
  );
}

/** Validates against the store's schema: the first problem, where it is and in the RA's words. */
export function checkTemplate(candidate: unknown): Checked {
  const outcome = parseWith(templateSchema, candidate);
  if (outcome.ok) return { ok: true, template: outcome.data };
  // « Trop petit : >=1 caractères » says less than « à remplir » about a field left empty.
  const detail = valueAt(candidate, outcome.path) === '' ? t('tplFieldEmpty') : outcome.message;
  return { ok: false, path: outcome.path, message: t('tplRefused', describePath(outcome.path), detail) };
}

/** A new template, or the new version of an existing one: same id and creation date. */
export function templateFromDraft(draft: TemplateDraft, existing: Template | undefined, now: Date): Checked {
  const base = existing ?? { id: newRecordId(), createdAt: now.toISOString() };
  return checkTemplate(candidateOf(draft, { id: base.id, createdAt: base.createdAt }, now));
}

export function renamed(template: Template, name: string, now: Date): Checked {
  return checkTemplate({ ...template, name: name.trim(), updatedAt: now.toISOString() });
}

/** The longest name templateSchema accepts. */
const NAME_MAX_LENGTH = 120;

/** « copie de … », cut to the schema's limit so a template with a long name can still be duplicated. */
export function duplicateOf(template: Template, now: Date): Template {
  const at = now.toISOString();
  const name = t('tplCopyOf', template.name).slice(0, NAME_MAX_LENGTH);
  return { ...template, id: newRecordId(), name, createdAt: at, updatedAt: at };
}
