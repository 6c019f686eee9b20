import { type MessageKey, t, tn } from '../i18n';
import { PROFILS, type Profil } from './abonnement';
import type { Cible } from './school';
import { type PopulationIndex, syncDefects } from './targets';

/**
 * The ENT synchronisation check (DOMAIN.md §4): did the ENT's nightly files bring every account,
 * class and group into the console? Compared with the previous visit and with what the RA
 * expects. Only counts and codes are kept from one visit to the next — never a name.
 */

/** What is remembered of a visit: counts per public, per division, per group and per level. */
export interface PopulationCounts {
  profils: Record<Profil, number>;
  divisions: Record<string, number>;
  groupes: Record<string, number>;
  /** Pupils per level (MEF code). */
  niveaux: Record<string, number>;
}

/** What the RA says the school should look like; every field optional. */
export interface SyncExpectations {
  divisions?: number;
  /** Approximate pupils per level (MEF code). */
  elevesParNiveau?: Record<string, number>;
}

export type SyncFindingKind =
  | 'divisionVide'
  | 'groupeVide'
  | 'elevesSansDivision'
  | 'horsDivisions'
  | 'absentsDesGroupes'
  | 'profilAbsent'
  | 'variation'
  | 'attenteDivisions'
  | 'attenteNiveau';

export interface SyncFinding {
  kind: SyncFindingKind;
  /** What is wrong, in the RA's words. */
  message: string;
  /** What to ask the ENT administrator. */
  demande: string;
}

/** A change since the last visit is worth a word from this share and this many persons. */
const VARIATION_SHARE = 0.1;
const VARIATION_MIN = 5;
/** Expected pupils per level: how far the console may be before it is flagged. */
const EXPECTATION_SHARE = 0.1;

/** A public's accounts as one of them (« Aucun élève ») and as several (« élèves : 30 → 12 »). */
const PROFIL_WORDS: Readonly<Record<Profil, { one: MessageKey; other: MessageKey }>> = {
  ELEVE: { one: 'syncCheckProfilEleve', other: 'syncCheckProfilsEleve' },
  ENSEIGNANT: { one: 'syncCheckProfilEnseignant', other: 'syncCheckProfilsEnseignant' },
  DOCUMENTALISTE: { one: 'syncCheckProfilDocumentaliste', other: 'syncCheckProfilsDocumentaliste' },
  'AUTRE PERSONNEL': { one: 'syncCheckProfilAutre', other: 'syncCheckProfilsAutre' },
};

function pupilsOf(index: PopulationIndex, kind: 'division' | 'groupe' | 'mef', code: string): number {
  return (index.members[kind].get(code) ?? []).filter((person) => person.profil === 'ELEVE').length;
}

/** The counts of a population, to compare with the next visit. */
export function populationCounts(index: PopulationIndex): PopulationCounts {
  const { population } = index;
  const profils = Object.fromEntries(PROFILS.map((p) => [p, index.byProfil.get(p)?.length ?? 0])) as Record<
    Profil,
    number
  >;
  const count = (kind: 'division' | 'groupe' | 'mef', codes: readonly { code: string }[]) =>
    Object.fromEntries(codes.map(({ code }) => [code, pupilsOf(index, kind, code)]));
  return {
    profils,
    divisions: count('division', population.divisions),
    groupes: count('groupe', population.groupes),
    niveaux: count('mef', population.mefs),
  };
}

function emptyStructures(counts: PopulationCounts): SyncFinding[] {
  const findings: SyncFinding[] = [];
  for (const [code, pupils] of Object.entries(counts.divisions)) {
    if (pupils > 0) continue;
    findings.push({
      kind: 'divisionVide',
      message: t('syncCheckEmptyDivision', code),
      demande: t('syncCheckEmptyDivisionAsk', code),
    });
  }
  for (const [code, pupils] of Object.entries(counts.groupes)) {
    if (pupils > 0) continue;
    findings.push({
      kind: 'groupeVide',
      message: t('syncCheckEmptyGroup', code),
      demande: t('syncCheckEmptyGroupAsk', code),
    });
  }
  return findings;
}

function pupilsWithoutDivision(index: PopulationIndex): SyncFinding[] {
  const count = (index.byProfil.get('ELEVE') ?? []).filter((pupil) => pupil.divisions.length === 0).length;
  if (count === 0) return [];
  return [
    {
      kind: 'elevesSansDivision',
      message: tn(count, 'syncCheckWithoutDivision'),
      demande: t('syncCheckWithoutDivisionAsk'),
    },
  ];
}

/** Groups and divisions whose memberships disagree: the same defects the bulk-assignment preview warns about. */
function membershipDefects(index: PopulationIndex): SyncFinding[] {
  const { population } = index;
  const everything: Cible[] = [
    ...population.groupes.map(({ code }) => ({ type: 'groupe' as const, code })),
    ...population.divisions.map(({ code }) => ({ type: 'division' as const, code })),
  ];
  return syncDefects(index, everything).flatMap((defect): SyncFinding[] => {
    // Empty groups and divisions are already reported, with their own request.
    if (defect.kind === 'groupeVide' || defect.kind === 'divisionVide') return [];
    const demande =
      defect.kind === 'absentsDesGroupes'
        ? t(
            defect.groupes.length === 1 ? 'syncCheckAbsentFromGroupAsk' : 'syncCheckAbsentFromGroupsAsk',
            defect.groupes.join(', '),
            defect.division,
          )
        : t('syncCheckGroupAsk', defect.groupe);
    return [
      {
        kind: defect.kind === 'sansDivision' ? 'elevesSansDivision' : defect.kind,
        message: defect.message,
        demande,
      },
    ];
  });
}

function missingProfiles(counts: PopulationCounts): SyncFinding[] {
  return PROFILS.filter((profil) => counts.profils[profil] === 0).map((profil) => ({
    kind: 'profilAbsent' as const,
    message: t('syncCheckNoProfile', t(PROFIL_WORDS[profil].one)),
    demande: t('syncCheckNoProfileAsk', t(PROFIL_WORDS[profil].one)),
  }));
}

function notable(before: number, now: number): boolean {
  const change = Math.abs(now - before);
  return change >= VARIATION_MIN && change >= before * VARIATION_SHARE;
}

function variations(previous: PopulationCounts, current: PopulationCounts): SyncFinding[] {
  const findings: SyncFinding[] = [];
  const compare = (what: string, before: number, now: number): void => {
    if (!notable(before, now)) return;
    const down = now < before;
    findings.push({
      kind: 'variation',
      message: t(down ? 'syncCheckVariationDown' : 'syncCheckVariationUp', what, String(before), String(now)),
      demande: t(down ? 'syncCheckVariationDownAsk' : 'syncCheckVariationUpAsk', what),
    });
  };
  for (const profil of PROFILS)
    compare(t(PROFIL_WORDS[profil].other), previous.profils[profil], current.profils[profil]);
  for (const [code, before] of Object.entries(previous.divisions)) {
    compare(t('syncCheckVariationDivision', code), before, current.divisions[code] ?? 0);
  }
  return findings;
}

function expectationGaps(expected: SyncExpectations, counts: PopulationCounts): SyncFinding[] {
  const findings: SyncFinding[] = [];
  const divisions = Object.keys(counts.divisions).length;
  if (expected.divisions !== undefined && expected.divisions !== divisions) {
    findings.push({
      kind: 'attenteDivisions',
      message: tn(divisions, 'syncCheckDivisionsSeen', tn(expected.divisions, 'syncCheckDivisionsExpected')),
      demande: t('syncCheckDivisionsAsk'),
    });
  }
  for (const [level, wanted] of Object.entries(expected.elevesParNiveau ?? {})) {
    const seen = counts.niveaux[level] ?? 0;
    if (Math.abs(seen - wanted) <= wanted * EXPECTATION_SHARE) continue;
    findings.push({
      kind: 'attenteNiveau',
      message: tn(seen, 'syncCheckLevelGap', level, String(wanted)),
      demande: t('syncCheckLevelAsk', level),
    });
  }
  return findings;
}

/**
 * For the ENT administrator, ready to send: every finding and what to check for it, in one
 * message (the same person fixes them all, in the ENT's nightly export to the GAR).
 */
export function syncMessage(findings: readonly SyncFinding[], uai: string): string {
  return [
    t('syncCheckSubject', uai),
    '',
    t('syncCheckHello'),
    '',
    tn(findings.length, 'syncCheckIntro', uai),
    ...findings.flatMap((finding) => [`- ${finding.message}`, `  ${finding.demande}`]),
    '',
    t('syncCheckAsk'),
    '',
    t('syncCheckThanks'),
    t('syncCheckSignature', uai),
  ].join('\n');
}

/** Every finding of the check, most structural first. */
export function checkSync(
  index: PopulationIndex,
  options: { previous?: PopulationCounts; expected?: SyncExpectations } = {},
): { counts: PopulationCounts; findings: SyncFinding[] } {
  const counts = populationCounts(index);
  return {
    counts,
    findings: [
      ...missingProfiles(counts),
      ...emptyStructures(counts),
      ...pupilsWithoutDivision(index),
      ...membershipDefects(index),
      ...(options.expected ? expectationGaps(options.expected, counts) : []),
      ...(options.previous ? variations(options.previous, counts) : []),
    ],
  };
}
