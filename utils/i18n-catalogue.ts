/**
 * A message read from a catalogue file (public/_locales/<lang>/messages.json) the way
 * `browser.i18n.getMessage` reads it, for where the extension API is missing: the options page's
 * file worker (workers get no `chrome.*`) and the unit tests.
 */

export type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** Named placeholders first (`$COUNT$` → its content, `$1`), then `$1`… substitutions; '' for an unknown key. */
export function catalogueMessage(
  catalogue: Catalogue,
  key: string,
  substitutions?: string | string[],
): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  const substitute = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
  const withPlaceholders = entry.message.replace(/\$(\w+)\$/g, (_, name: string) =>
    substitute(entry.placeholders?.[name.toLowerCase()]?.content ?? ''),
  );
  return substitute(withPlaceholders);
}
