import { CONSOLE_MATCHES, PORTAIL_MATCHES } from '../hosts/hosts';
import { t } from '../i18n';
import type { Authorize, ContentSender, MessageType, RequestOf, Sender } from '../messaging';

/**
 * Who may send which message. Extension pages (popup, options) are the RA's own tools: they get
 * everything. A content script runs inside a GAR page the extension does not control, so it gets
 * only what its features need, and only for the school of its tab: a bug in a content script, or
 * a page that managed to drive it, can then neither read nor rewrite another school's journal,
 * records or settings.
 */

/** The parts of runtime.MessageSender (or Port.sender) this decision reads. */
export interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

export interface ExtensionSelf {
  id: string;
  /** `browser.runtime.getURL('/')`: where every extension page lives. */
  origin: string;
}

/**
 * Where content scripts run: the very patterns the manifest's content scripts are declared with
 * (entrypoints/*.content), so the two cannot drift apart. The simulator is served under these
 * same GAR hostnames in demo and test builds, so no other origin is needed there either.
 */
export const CONTENT_SCRIPT_MATCHES: readonly string[] = [...CONSOLE_MATCHES, ...PORTAIL_MATCHES];

/** Whether a URL falls under a WebExtension match pattern (`https://*.host/path*`); ports are ignored. */
export function matchesPattern(pattern: string, address: string): boolean {
  const parts = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  const urlScheme = url.protocol.slice(0, -1);
  if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : urlScheme !== scheme) return false;
  if (!hostMatches(host, url.hostname)) return false;
  return globToRegExp(path).test(`${url.pathname}${url.search}`);
}

function hostMatches(pattern: string, hostname: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(2);
    return hostname === domain || hostname.endsWith(`.${domain}`);
  }
  return hostname === pattern;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Establishes who sent a message from what the browser says. Null: neither one of our extension
 * pages nor our content script on a GAR page — every message from it is refused.
 */
export function senderOf(
  sender: RuntimeSender,
  self: ExtensionSelf,
  contentMatches: readonly string[] = CONTENT_SCRIPT_MATCHES,
): Sender | null {
  if (sender.id !== self.id || sender.url === undefined) return null;
  const { url, tab } = sender;
  if (url.startsWith(self.origin)) return { kind: 'extension' };
  if (tab?.id === undefined || !contentMatches.some((pattern) => matchesPattern(pattern, url))) return null;
  return {
    kind: 'content',
    tabId: tab.id,
    frameId: sender.frameId ?? 0,
    ...(sender.documentId !== undefined && { documentId: sender.documentId }),
    url,
  };
}

/**
 * What a content script may send:
 * - `refuse`: extension pages only (lists of every school, the health report, the version);
 * - `free`: not tied to a school (its settings read, its health, templates, opening the options);
 * - `school`: the request names a `uai`, which must be its tab's school;
 * - `entry`: the request names journal entries, which must be of its tab's school;
 * - `barFolded`: a settings change, limited to folding the bar.
 */
export type ContentScope = 'refuse' | 'free' | 'school' | 'entry' | 'barFolded';

/** Every message type must be decided here: a new one is a type error until it is. */
export const CONTENT_SCOPES: Readonly<Record<MessageType, ContentScope>> = {
  ping: 'refuse',
  'settings.get': 'free',
  'i18n.templates': 'free',
  'settings.update': 'barFolded',
  'health.report': 'free',
  'health.list': 'refuse',
  'options.open': 'free',
  'subscriptions.seen': 'school',
  'subscriptions.list': 'refuse',
  'journal.start': 'school',
  'journal.step': 'entry',
  'journal.finish': 'entry',
  'journal.reopen': 'entry',
  'journal.list': 'school',
  'jobs.running': 'school',
  'templates.list': 'free',
  'templates.save': 'free',
  'conformity.save': 'school',
  'conformity.list': 'school',
  'school.get': 'school',
  'school.match': 'school',
  'school.syncChecked': 'school',
  'school.expectations': 'school',
  'orders.list': 'school',
  'stats.capture': 'school',
  'stats.status': 'school',
};

/** What the access decision needs to know from the background. */
export interface AccessFacts {
  /**
   * The school the sender's document declared on its presence port; undefined when it has no
   * presence (yet), null when it declared none. Self-declared: it binds a tab to one school, so
   * a content script cannot reach the others; it does not prove the RA works on that school.
   */
  schoolOf(sender: ContentSender): string | null | undefined;
  /** The school of a journal entry, undefined when there is none with this id. */
  entryUai(id: string): Promise<string | undefined>;
  /** Whether the sender's document holds the entry's lease (it started or resumed that job). */
  holds(sender: ContentSender, entryId: string): boolean;
}

/** The access policy of the background, from what it knows of presences and entries. */
export function contentAccess(facts: AccessFacts): Authorize {
  return async (type, payload, sender) => {
    if (sender.kind === 'extension') return null;
    return contentRefusal(type, payload as RequestOf<typeof type>, sender, facts);
  };
}

async function contentRefusal(
  type: MessageType,
  payload: unknown,
  sender: ContentSender,
  facts: AccessFacts,
): Promise<string | null> {
  const scope = CONTENT_SCOPES[type];
  switch (scope) {
    case 'refuse':
      return t('accessExtensionOnly');
    case 'free':
      return null;
    case 'barFolded':
      return onlyBarFolded(payload) ? null : t('accessSettingsFromPage');
    case 'school':
      return schoolRefusal(facts.schoolOf(sender), uaiOf(payload));
    case 'entry':
      return entryRefusal(type, payload, sender, facts);
  }
}

function onlyBarFolded(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    Object.keys(payload).every((key) => key === 'barFolded')
  );
}

function uaiOf(payload: unknown): string | undefined {
  const uai = (payload as { uai?: unknown } | null)?.uai;
  return typeof uai === 'string' ? uai : undefined;
}

function schoolRefusal(declared: string | null | undefined, asked: string | undefined): string | null {
  if (declared === undefined || declared === null) return t('accessNoSchool');
  if (asked === undefined) return t('accessSchoolRequired');
  return asked === declared ? null : t('accessOtherSchool');
}

/** The entry ids a request names: its `id`, and the entry a finished undo reverses. */
function entryIdsOf(payload: unknown): string[] {
  const { id, reverses } = (payload ?? {}) as { id?: unknown; reverses?: unknown };
  return [id, reverses].filter((value): value is string => typeof value === 'string');
}

async function entryRefusal(
  type: MessageType,
  payload: unknown,
  sender: ContentSender,
  facts: AccessFacts,
): Promise<string | null> {
  const declared = facts.schoolOf(sender);
  if (declared === undefined || declared === null) return t('accessNoSchool');
  for (const id of entryIdsOf(payload)) {
    // The job's owner may close its entry after the RA switched school in that tab: the run
    // stops at its next step (refused below), and its end is still journaled.
    if (type === 'journal.finish' && facts.holds(sender, id)) continue;
    const uai = await facts.entryUai(id);
    // An unknown id is left to the handler, which says the entry cannot be found.
    if (uai !== undefined && uai !== declared) return t('accessOtherSchool');
  }
  return null;
}
