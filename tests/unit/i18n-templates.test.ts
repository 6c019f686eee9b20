import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptMessageTemplates, type MessageKey, messageTemplates, t, tn } from '../../utils/i18n';
import { catalogue } from '../support/catalogue';
import { speak, speakWith } from './speak';

afterEach(() => {
  vi.restoreAllMocks();
});

const KEYS = Object.keys(catalogue('fr')) as MessageKey[];
const VALUES = ['un', 'deux', 'trois', 'quatre'];

/** Every message with none to four substitutions, as `t` writes it now. */
const everyMessage = (): string[] =>
  KEYS.flatMap((key) => [0, 1, 2, 3, 4].map((count) => t(key, ...VALUES.slice(0, count))));

describe('message templates received whole (a content script’s words)', () => {
  // Once given, templates stay for the module's life (a content script's): one language per file,
  // English here for its other plural rule; the French catalogue goes through the same code.
  it('write every message exactly as the browser does, and ask it nothing', () => {
    speak('en');
    const fromBrowser = everyMessage();
    const templates = messageTemplates(KEYS);
    const asked = vi.fn(() => 'ne doit pas servir');
    speakWith(asked);
    adoptMessageTemplates(templates);
    expect(everyMessage()).toEqual(fromBrowser);
    expect(tn(1, 'bulkLicencesAssigned')).toBe('1 licence assigned');
    expect(tn(0, 'bulkLicencesAssigned')).toBe('0 licences assigned');
    expect(asked).not.toHaveBeenCalled();
  });

  it('leave a message they do not hold to the browser', () => {
    adoptMessageTemplates({});
    speak('fr');
    expect(t('barSettings')).toBe('Réglages');
  });
});
