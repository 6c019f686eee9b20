import { isProfil, type Profil } from '../../../utils/gar/abonnement';
import type { TemplateTarget } from '../../../utils/gar/template-record';
import { type MessageKey, t } from '../../../utils/i18n';

/** The templates page's words: target kinds, publics, counts and error locations. */

export type TargetKind = TemplateTarget['kind'];

/** In the order an RA usually thinks of them: by level first, named codes last. */
export const TARGET_KINDS: readonly TargetKind[] = [
  'divisionsDuNiveau',
  'groupesCorrespondant',
  'division',
  'groupe',
  'matiere',
  'profil',
];

const KIND_KEYS: Record<TargetKind, { kind: MessageKey; value: MessageKey; example: string }> = {
  divisionsDuNiveau: { kind: 'tplKindDivisionsDuNiveau', value: 'tplValueMef', example: '10010012110' },
  groupesCorrespondant: { kind: 'tplKindGroupesCorrespondant', value: 'tplValueMotif', example: 'ESP' },
  division: { kind: 'tplKindDivision', value: 'tplValueDivision', example: '6A' },
  groupe: { kind: 'tplKindGroupe', value: 'tplValueGroupe', example: '6-ESP' },
  matiere: { kind: 'tplKindMatiere', value: 'tplValueMatiere', example: 'MATHS' },
  profil: { kind: 'tplKindProfil', value: 'tplValueProfil', example: '' },
};

/** The kind a select's value names; the select only offers known kinds. */
export function targetKindOf(value: string): TargetKind {
  return TARGET_KINDS.find((kind) => kind === value) ?? 'divisionsDuNiveau';
}

export function kindWord(kind: TargetKind): string {
  return t(KIND_KEYS[kind].kind);
}

/** The label of the field that holds a target's code, pattern or profile. */
export function valueWord(kind: TargetKind): string {
  return t(KIND_KEYS[kind].value);
}

/** A code as GAR writes it, shown as a placeholder so the expected shape is obvious. */
export function valueExample(kind: TargetKind): string {
  return KIND_KEYS[kind].example;
}

const PROFIL_KEYS: Record<Profil, MessageKey> = {
  ELEVE: 'tplProfilEleve',
  ENSEIGNANT: 'tplProfilEnseignant',
  DOCUMENTALISTE: 'tplProfilDocumentaliste',
  'AUTRE PERSONNEL': 'tplProfilAutre',
};

export function profilWord(value: string): string {
  return isProfil(value) ? t(PROFIL_KEYS[value]) : value;
}

export function templatesCountWord(count: number): string {
  // French puts 0 and 1 in the singular.
  return t(count <= 1 ? 'tplCountOne' : 'tplCountMany', String(count));
}

/** `rules[0].caps["AUTRE PERSONNEL"]` (utils/store/validation.ts formatPath) back into its parts. */
export function pathParts(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const [, index, quoted, name] of path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g)) {
    if (index !== undefined) parts.push(Number(index));
    else if (quoted !== undefined) parts.push(JSON.parse(quoted) as string);
    else if (name !== undefined) parts.push(name);
  }
  return parts;
}

/** Fields named in the RA's words; containers (rules, targets, resource, caps) speak through their items. */
const FIELD_KEYS: Partial<Record<string, MessageKey>> = {
  name: 'tplName',
  description: 'tplDescription',
  title: 'tplResourceTitle',
  ark: 'tplResourceArk',
  code: 'tplPathCode',
  mef: 'tplValueMef',
  motif: 'tplValueMotif',
  value: 'tplValueProfil',
};

/** « Règle 2 › cible 1 › code MEF » rather than `rules[1].targets[0].mef`. */
export function describePath(path: string): string {
  const parts = pathParts(path);
  const words = parts.flatMap((part, i) => {
    const parent = parts[i - 1];
    if (typeof part === 'number')
      return [t(parent === 'targets' ? 'tplPathTarget' : 'tplRule', String(part + 1))];
    if (parent === 'caps') return [t('tplPathCap', profilWord(part))];
    const key = FIELD_KEYS[part];
    return key ? [t(key)] : [];
  });
  return words.length > 0 ? words.join(' › ') : t('tplPathTemplate');
}
