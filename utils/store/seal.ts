/**
 * Seals for records too many or too large to validate field by field on every read: a year of
 * usage history is 14,400 facts, and the popup's first screen reads every subscription seen
 * (hundreds). zod cannot compile its checks in extension pages (MV3's CSP forbids eval), so
 * checking them all again costs more than those screens' budgets (npm run bench).
 * A record is sealed when written, right after its full validation: on read, content whose seal
 * still matches is exactly what was validated, and only content that changed since — damaged,
 * edited by hand, restored from an edited backup, or sealed under an older schema — is validated
 * field by field again. The seal guards against accidents, not against someone who can already
 * rewrite the browser profile: a fast non-cryptographic hash (cyrb53) is enough, and it is
 * synchronous, so it can run inside an IndexedDB transaction without ending it.
 */

/**
 * One version per kind of sealed record. Bump a kind's when its schema changes: every older seal
 * of that kind then fails once, and its records are validated field by field again.
 */
const SEAL_VERSIONS = {
  usageMonth: 'usage-month-v1',
  seenSubscription: 'seen-subscription-v1',
} as const;

export type SealedKind = keyof typeof SEAL_VERSIONS;

/** cyrb53 (bryc, public domain): two 32-bit multiplicative hashes combined into 53 bits. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The seal of some validated content (its JSON, as stored: IndexedDB keeps key order). */
export function sealOf(kind: SealedKind, content: unknown): string {
  return cyrb53(`${SEAL_VERSIONS[kind]}\n${JSON.stringify(content)}`).toString(36);
}
