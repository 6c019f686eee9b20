/**
 * A message read from a catalogue file (public/_locales/<lang>/messages.json) the way
 * `browser.i18n.getMessage` reads it, for where the extension API is missing: the options page's
 * file worker (workers get no `chrome.*`) and the unit tests.
 */

export type Catalogue = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** A message as text pieces and substitution numbers (0-based), ready to join. */
type CompiledMessage = ReadonlyArray<string | number>;

const compiled = new WeakMap<Catalogue, Map<string, CompiledMessage>>();

/** Named placeholders first (`$COUNT$` → its content, `$1`), then `$1`… substitutions. */
function compile(entry: Catalogue[string]): CompiledMessage {
  const withPlaceholders = entry.message.replace(
    /\$(\w+)\$/g,
    (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '',
  );
  return withPlaceholders
    .split(/\$(\d)/)
    .map((piece, index) => (index % 2 === 1 ? Number(piece) - 1 : piece));
}

/**
 * The message of `key` with its substitutions; '' for an unknown key. Each message is compiled
 * once: the domain asks for thousands (a delivery check of 500 orders writes every ready message).
 */
export function catalogueMessage(
  catalogue: Catalogue,
  key: string,
  substitutions?: string | string[],
): string {
  const entry = catalogue[key];
  if (!entry) return '';
  let messages = compiled.get(catalogue);
  if (!messages) {
    messages = new Map();
    compiled.set(catalogue, messages);
  }
  let pieces = messages.get(key);
  if (!pieces) {
    pieces = compile(entry);
    messages.set(key, pieces);
  }
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  let text = '';
  for (const piece of pieces) text += typeof piece === 'number' ? (values[piece] ?? '') : piece;
  return text;
}
