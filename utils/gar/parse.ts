import * as z from 'zod/mini';
import { t } from '../i18n';

/**
 * Parsing at the boundary with messages in the user's language (they reach the user through import
 * errors and failed saves) and readable paths such as `templates[2].name`. Pure: files, stored records and
 * messages all go through it.
 */

/** Zod's own messages for our parses only: a global `z.config` would change other modules too. */
const zodErrors = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** The catalogue's language, read at each parse: it is not known yet when this module loads. */
function localeErrors(): typeof zodErrors.fr {
  return t('pluralRule') === 'en' ? zodErrors.en : zodErrors.fr;
}

export type ParseOutcome<T> = { ok: true; data: T } | { ok: false; path: string; message: string };

/** Joins a zod path the way a developer would write it: `stores.templates[2].counts["AUTRE PERSONNEL"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Parses with the user's language's messages and reports only the first problem, with its path. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown): ParseOutcome<z.output<S>> {
  const result = schema.safeParse(value, { error: localeErrors() });
  if (result.success) return { ok: true, data: result.data };
  const first = result.error.issues[0];
  return {
    ok: false,
    path: formatPath(first?.path ?? []),
    message: first?.message ?? t('parseInvalidInput'),
  };
}
