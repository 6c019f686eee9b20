/**
 * JSON files from elsewhere (a backup, a shared templates file) read within bounds: their size is
 * checked before `JSON.parse` (which would first freeze the page on a huge file), and their
 * nesting depth before anything walks the parsed value (zod and every recursive function would
 * overflow the stack on `[[[[…]]]]`). Pure: the caller words the refusal.
 */

export interface JsonLimits {
  /** UTF-8 bytes, as the file weighs on disk. */
  maxBytes: number;
  /** Objects and arrays nested in one another; our files need fewer than 10. */
  maxDepth: number;
}

export type BoundedJson =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'tooLarge' | 'tooDeep' | 'notJson' };

/** UTF-8 size without encoding the text: a file near the limit would otherwise be copied whole. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 bytes for each half.
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

export function exceedsBytes(text: string, maxBytes: number): boolean {
  // Every UTF-16 unit takes at least one byte, so a longer text is over the limit without counting.
  return text.length > maxBytes || utf8Length(text) > maxBytes;
}

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether brackets nest deeper than `maxDepth`, brackets inside strings aside. One pass over the
 * text, no allocation; malformed JSON is left for `JSON.parse` to refuse.
 */
export function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (inString) {
      if (unit === BACKSLASH) i++;
      else if (unit === QUOTE) inString = false;
    } else if (unit === QUOTE) {
      inString = true;
    } else if (unit === OPEN_OBJECT || unit === OPEN_ARRAY) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (unit === CLOSE_OBJECT || unit === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** `JSON.parse`, after the size and depth checks. */
export function parseBoundedJson(text: string, limits: JsonLimits): BoundedJson {
  if (exceedsBytes(text, limits.maxBytes)) return { ok: false, problem: 'tooLarge' };
  if (exceedsDepth(text, limits.maxDepth)) return { ok: false, problem: 'tooDeep' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: 'notJson' };
  }
}
