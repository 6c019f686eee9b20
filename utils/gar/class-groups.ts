import type { Personne, SchoolPopulation } from './school';

type Groupe = SchoolPopulation['groupes'][number];

/**
 * Which groups are meant to hold every pupil of a division — the only place where a pupil of the
 * division missing from them is an ENT defect. Most groups are not: options (latin), languages
 * (LV2), accompagnement personnalisé, clubs, groups drawing from several divisions leave pupils out
 * by design, and warning about them would hide the real problems.
 *
 * The rule: groups that draw from this division alone (their GARGroupeDivAppartenance is this
 * division only; with none declared, all their pupils are in it) and that are either
 * - a **split of the class**: at least two such groups whose codes (else libellés) are the same
 *   apart from a group number — « 5A G1 » / « 5A G2 », « ANG-G1-5A » / « ANG-G2-5A »,
 *   « 5A GR1 » / « 5A GR2 » / « 5A GR3 », « Anglais groupe 1 » / « Anglais groupe 2 »: the
 *   halves or thirds of the class, which together hold every pupil; or
 * - a **whole-class group**: one whose code or libellé says so (« classe entière », « classe
 *   complète », « groupe classe »), which holds every pupil.
 * Each split and each whole-class group is checked on its own: a pupil must be in one of its groups.
 */

export interface ClassCover {
  kind: 'partage' | 'classeEntiere';
  /** Group codes, in the population's order. */
  groupes: string[];
}

/** Uppercase, accents off, split on anything but letters and digits. */
function tokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((token) => token !== '');
}

/** « G1 », « GR2 », « GRP3 », « GROUPE1 »: a group number in one token. */
const NUMBERED = /^(?:G|GR|GRP|GROUPE)(\d{1,2})$/;
/** « groupe 1 », « gr 2 »: the word, then the number. */
const NUMBER_WORD = /^(?:G|GR|GRP|GROUPE)$/;
const NUMBER = /^\d{1,2}$/;

/**
 * A name without the division's code, split into what identifies its family and its group number;
 * undefined when it carries no single group number (« ESP-5e », « AP maths 6E »).
 */
function numbered(name: string, division: string): { family: string; number: string } | undefined {
  const own = tokens(division).join(' ');
  const words = tokens(name).flatMap((token) => {
    if (token === own) return [];
    // « 5AG1 »: the division's code glued to the group number.
    const rest = token.startsWith(own) ? token.slice(own.length) : '';
    return NUMBERED.test(rest) ? [rest] : [token];
  });
  const numbers: { at: number; length: number; number: string }[] = [];
  words.forEach((word, at) => {
    const glued = NUMBERED.exec(word)?.[1];
    if (glued) numbers.push({ at, length: 1, number: glued });
    else if (NUMBER_WORD.test(word) && NUMBER.test(words[at + 1] ?? '')) {
      numbers.push({ at, length: 2, number: words[at + 1] ?? '' });
    } else if (NUMBER.test(word) && !NUMBER_WORD.test(words[at - 1] ?? '')) {
      numbers.push({ at, length: 1, number: word });
    }
  });
  const [only] = numbers;
  if (!only || numbers.length > 1) return undefined;
  const family = [...words.slice(0, only.at), '#', ...words.slice(only.at + only.length)].join(' ');
  return { family, number: String(Number(only.number)) };
}

const WHOLE_CLASS = /\b(?:CLASSE (?:ENTIERE|COMPLETE)|GROUPE CLASSE)\b/;

function saysWholeClass(groupe: Groupe): boolean {
  return [groupe.code, groupe.libelle].some((name) => WHOLE_CLASS.test(tokens(name).join(' ')));
}

/** The one division a group draws from, declared, or else read from its pupils; undefined otherwise. */
function soleDivision(groupe: Groupe, pupils: readonly Personne[]): string | undefined {
  if (groupe.divisions.length > 0) return groupe.divisions.length === 1 ? groupe.divisions[0] : undefined;
  const divisions = new Set(pupils.flatMap((pupil) => pupil.divisions));
  return divisions.size === 1 ? [...divisions][0] : undefined;
}

/** A group's number and family, read from its code, else from its libellé (never mixing the two). */
function numberOf(groupe: Groupe, division: string): { family: string; number: string } | undefined {
  const byCode = numbered(groupe.code, division);
  if (byCode) return { ...byCode, family: `code ${byCode.family}` };
  const byLabel = numbered(groupe.libelle, division);
  return byLabel && { ...byLabel, family: `libellé ${byLabel.family}` };
}

/** Groups sharing a family: a split when at least two of them carry different numbers. */
function splits(groupes: readonly Groupe[], division: string): ClassCover[] {
  const families = new Map<string, { codes: string[]; numbers: Set<string> }>();
  for (const groupe of groupes) {
    const found = numberOf(groupe, division);
    if (!found) continue;
    const family = families.get(found.family) ?? { codes: [], numbers: new Set<string>() };
    family.codes.push(groupe.code);
    family.numbers.add(found.number);
    families.set(found.family, family);
  }
  return [...families.values()]
    .filter((family) => family.numbers.size >= 2)
    .map((family): ClassCover => ({ kind: 'partage', groupes: family.codes }));
}

/**
 * Division code → the groups meant to hold all its pupils, per the rule above. `pupilsOf` gives a
 * group's pupils (to place a group that declares no division).
 */
export function classCovers(
  groupes: readonly Groupe[],
  pupilsOf: (groupe: string) => readonly Personne[],
): Map<string, ClassCover[]> {
  const own = new Map<string, Groupe[]>();
  for (const groupe of groupes) {
    const division = soleDivision(groupe, pupilsOf(groupe.code));
    if (division === undefined) continue;
    own.set(division, [...(own.get(division) ?? []), groupe]);
  }
  const covers = new Map<string, ClassCover[]>();
  for (const [division, mine] of own) {
    const whole = mine
      .filter(saysWholeClass)
      .map((groupe): ClassCover => ({ kind: 'classeEntiere', groupes: [groupe.code] }));
    const found = [
      ...whole,
      ...splits(
        mine.filter((groupe) => !saysWholeClass(groupe)),
        division,
      ),
    ];
    if (found.length > 0) covers.set(division, found);
  }
  return covers;
}
