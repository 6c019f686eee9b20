import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AccessFacts,
  CONTENT_SCRIPT_MATCHES,
  contentAccess,
  matchesPattern,
  senderOf,
} from '../../../utils/background/message-senders';
import { CONSOLE_MATCHES, PORTAIL_MATCHES } from '../../../utils/hosts/hosts';
import type { ContentSender, Sender } from '../../../utils/messaging';
import { speakKeys } from '../speak';

const SELF = { id: 'notre-id', origin: 'chrome-extension://notre-id/' };
const CONSOLE_URL = 'https://affectation.gar.education.fr/ressources';
const COLLEGE_A = '0561622J';
const COLLEGE_B = '0290009C';

const consoleTab: ContentSender = {
  kind: 'content',
  tabId: 7,
  frameId: 0,
  documentId: 'doc-7',
  url: CONSOLE_URL,
};

beforeEach(() => {
  speakKeys();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('who sent a message, from what the browser says', () => {
  it('recognises our extension pages, with or without a tab', () => {
    expect(senderOf({ id: SELF.id, url: 'chrome-extension://notre-id/options.html' }, SELF)).toEqual({
      kind: 'extension',
    });
    expect(
      senderOf({ id: SELF.id, url: 'chrome-extension://notre-id/options.html#x', tab: { id: 2 } }, SELF),
    ).toEqual({ kind: 'extension' });
  });

  it('recognises our content script on the console and the portail, with its tab and document', () => {
    expect(
      senderOf({ id: SELF.id, url: CONSOLE_URL, tab: { id: 7 }, frameId: 0, documentId: 'doc-7' }, SELF),
    ).toEqual(consoleTab);
    expect(
      senderOf({ id: SELF.id, url: 'https://portail.gar.education.fr:8443/stats?x=1', tab: { id: 8 } }, SELF),
    ).toMatchObject({ kind: 'content', tabId: 8, frameId: 0 });
  });

  it('refuses a page that is not a GAR page, another extension, and a sender without a tab', () => {
    expect(senderOf({ id: SELF.id, url: 'https://example.org/', tab: { id: 1 } }, SELF)).toBeNull();
    expect(
      senderOf(
        { id: SELF.id, url: 'https://affectation.gar.education.fr.example.org/', tab: { id: 1 } },
        SELF,
      ),
    ).toBeNull();
    expect(
      senderOf({ id: SELF.id, url: 'http://affectation.gar.education.fr/', tab: { id: 1 } }, SELF),
    ).toBeNull();
    expect(senderOf({ id: 'autre', url: CONSOLE_URL, tab: { id: 1 } }, SELF)).toBeNull();
    expect(senderOf({ id: 'autre', url: 'chrome-extension://autre/options.html' }, SELF)).toBeNull();
    expect(senderOf({ id: SELF.id, url: CONSOLE_URL }, SELF)).toBeNull();
    expect(senderOf({ id: SELF.id }, SELF)).toBeNull();
  });

  it('takes the GAR pages from the content scripts’ own match patterns', () => {
    expect(CONTENT_SCRIPT_MATCHES).toEqual([...CONSOLE_MATCHES, ...PORTAIL_MATCHES]);
    expect(matchesPattern('https://*.gar.education.fr/*', 'https://affectation.gar.education.fr/x')).toBe(
      true,
    );
    expect(matchesPattern('https://*.gar.education.fr/*', 'https://gar.education.fr/')).toBe(true);
    expect(matchesPattern('https://*.gar.education.fr/*', 'https://evilgar.education.fr/')).toBe(false);
    expect(matchesPattern('https://a.fr/console/*', 'https://a.fr/portail/')).toBe(false);
    expect(matchesPattern('pas un motif', 'https://a.fr/')).toBe(false);
  });
});

function facts(overrides: Partial<AccessFacts> = {}): AccessFacts {
  const entries: Record<string, string> = { 'entree-a': COLLEGE_A, 'entree-b': COLLEGE_B };
  return {
    schoolOf: () => COLLEGE_A,
    entryUai: async (id) => entries[id],
    holds: () => false,
    ...overrides,
  };
}

describe('what each sender may ask', () => {
  const extension: Sender = { kind: 'extension' };

  it('gives an extension page every message, any school, no school', async () => {
    const authorize = contentAccess(facts({ schoolOf: () => undefined }));
    expect(await authorize('journal.list', {}, extension)).toBeNull();
    expect(await authorize('health.list', {}, extension)).toBeNull();
    expect(await authorize('journal.step', { id: 'entree-b', step: {} as never }, extension)).toBeNull();
    expect(await authorize('settings.update', { journalRetentionDays: 1 }, extension)).toBeNull();
  });

  it('refuses a content script what only the options page needs', async () => {
    const authorize = contentAccess(facts());
    expect(await authorize('health.list', {}, consoleTab)).toBe('accessExtensionOnly');
    expect(await authorize('subscriptions.list', {}, consoleTab)).toBe('accessExtensionOnly');
    expect(await authorize('settings.update', { journalRetentionDays: 1 }, consoleTab)).toBe(
      'accessSettingsFromPage',
    );
    expect(await authorize('settings.update', { barFolded: true }, consoleTab)).toBeNull();
    expect(await authorize('settings.get', {}, consoleTab)).toBeNull();
  });

  it('scopes a content script to its tab’s school', async () => {
    const authorize = contentAccess(facts());
    expect(await authorize('journal.list', { uai: COLLEGE_A }, consoleTab)).toBeNull();
    expect(await authorize('journal.list', { uai: COLLEGE_B }, consoleTab)).toBe('accessOtherSchool');
    expect(await authorize('journal.list', {}, consoleTab)).toBe('accessSchoolRequired');
    expect(await authorize('orders.list', { uai: COLLEGE_B }, consoleTab)).toBe('accessOtherSchool');
  });

  it('checks the school of the journal entries a content script names', async () => {
    const authorize = contentAccess(facts());
    expect(await authorize('journal.reopen', { id: 'entree-a' }, consoleTab)).toBeNull();
    expect(await authorize('journal.reopen', { id: 'entree-b' }, consoleTab)).toBe('accessOtherSchool');
    const finishing = { id: 'entree-a', status: 'annule' as const, summary: '', reverses: 'entree-b' };
    expect(await authorize('journal.finish', finishing, consoleTab)).toBe('accessOtherSchool');
  });

  it('lets the owner of a job close it after its tab switched school, and nothing more', async () => {
    const authorize = contentAccess(
      facts({ schoolOf: () => COLLEGE_A, holds: (_s, id) => id === 'entree-b' }),
    );
    const finish = { id: 'entree-b', status: 'interrompu' as const, summary: '' };
    expect(await authorize('journal.finish', finish, consoleTab)).toBeNull();
    expect(await authorize('journal.step', { id: 'entree-b', step: {} as never }, consoleTab)).toBe(
      'accessOtherSchool',
    );
  });

  it('refuses school-scoped requests before the tab declared its school', async () => {
    for (const schoolOf of [() => undefined, () => null]) {
      const authorize = contentAccess(facts({ schoolOf }));
      expect(await authorize('journal.list', { uai: COLLEGE_A }, consoleTab)).toBe('accessNoSchool');
      expect(await authorize('journal.step', { id: 'entree-a', step: {} as never }, consoleTab)).toBe(
        'accessNoSchool',
      );
      expect(await authorize('settings.get', {}, consoleTab)).toBeNull();
    }
  });
});
