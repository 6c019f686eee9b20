import type { JOURNAL_KINDS } from '../../../utils/gar/journal-record';
import type { JournalStatus, JournalWords } from '../../../utils/gar/journal-view';
import { type MessageKey, t } from '../../../utils/i18n';

/**
 * The journal's words in the interface language. Each status has an icon and a tone, but the word
 * always goes with them: a state is never told by colour alone.
 */

type JournalKind = (typeof JOURNAL_KINDS)[number];

const KIND_KEYS: Record<JournalKind, MessageKey> = {
  affectation: 'journalKindAffectation',
  annulation: 'journalKindAnnulation',
};

export const STATUS_LOOKS: Record<JournalStatus, { key: MessageKey; icon: string; tone: string }> = {
  termine: { key: 'journalStatusTermine', icon: '✓', tone: 'ok' },
  enCours: { key: 'journalStatusEnCours', icon: '⟳', tone: 'info' },
  interrompu: { key: 'journalStatusInterrompu', icon: '‖', tone: 'alerte' },
  annule: { key: 'journalStatusAnnule', icon: '⊘', tone: 'neutre' },
  echec: { key: 'journalStatusEchec', icon: '✕', tone: 'erreur' },
};

/** Actions the bulk executor journals; an action this version does not know shows its code. */
const ACTION_KEYS: Partial<Record<string, MessageKey>> = {
  envoi: 'journalActionEnvoi',
  affecte: 'journalActionAffecte',
  retire: 'journalActionRetire',
  constate: 'journalActionConstate',
  verifie: 'journalActionVerifie',
  reprise: 'journalActionReprise',
  erreur: 'journalActionErreur',
  refuse: 'journalActionRefuse',
};

function isKnownKind(kind: string): kind is JournalKind {
  return Object.hasOwn(KIND_KEYS, kind);
}

export function kindWord(kind: string): string {
  return isKnownKind(kind) ? t(KIND_KEYS[kind]) : kind;
}

export function statusWord(status: JournalStatus): string {
  return t(STATUS_LOOKS[status].key);
}

export function actionWord(action: string): string {
  const key = ACTION_KEYS[action];
  return key ? t(key) : action;
}

export const journalWords: JournalWords = { kind: kindWord, status: statusWord };
