import type * as z from 'zod/mini';
import { parseWith } from '../gar/parse';
import { type MessageKey, t } from '../i18n';

/** Validation of the records the store writes and reads: refused saves and skipped damaged reads. */

/** What each store holds, in the words of the user who reads a refused save. */
const STORE_LABELS: Readonly<Record<string, MessageKey>> = {
  settings: 'storeValidationLabelSettings',
  seenSubscriptions: 'storeValidationLabelSeenSubscriptions',
  templates: 'storeValidationLabelTemplates',
  orders: 'storeValidationLabelOrders',
  snapshots: 'storeValidationLabelSnapshots',
  journal: 'storeValidationLabelJournal',
  health: 'storeValidationLabelHealth',
  conformity: 'storeValidationLabelConformity',
  schools: 'storeValidationLabelSchools',
};

/** The store's name as the user reads it; an unknown store keeps its own name. */
function storeLabel(storeName: string): string {
  const key = STORE_LABELS[storeName];
  return key === undefined ? storeName : t(key);
}

/** Thrown when a caller tries to store a record that does not match its schema. */
export class StoreValidationError extends Error {
  override readonly name = 'StoreValidationError';

  constructor(
    readonly storeName: string,
    readonly path: string,
    detail: string,
  ) {
    super(t('storeValidationRefused', storeLabel(storeName), path || t('storeValidationContent'), detail));
  }
}

/** Validates a record before writing it; the stored value is zod's output (defaults applied). */
export function validateForWrite<S extends z.ZodMiniType>(
  storeName: string,
  schema: S,
  value: unknown,
): z.output<S> {
  const outcome = parseWith(schema, value);
  if (!outcome.ok) throw new StoreValidationError(storeName, outcome.path, outcome.message);
  return outcome.data;
}

/** A stored record that failed validation on read: skipped, and reported so it can be shown or repaired. */
export interface ReadIssue {
  storeName: string;
  key: string;
  path: string;
  message: string;
}

/** Where read issues go; callers that do not care pass nothing and simply never see the bad records. */
export type IssueSink = (issue: ReadIssue) => void;

const ignoreIssue: IssueSink = () => undefined;

/** Validates a record read from the store; `undefined` (and an issue) when it does not match. */
export function validateOnRead<S extends z.ZodMiniType>(
  storeName: string,
  schema: S,
  key: IDBValidKey,
  value: unknown,
  onIssue: IssueSink = ignoreIssue,
): z.output<S> | undefined {
  const outcome = parseWith(schema, value);
  if (outcome.ok) return outcome.data;
  onIssue({ storeName, key: describeKey(key), path: outcome.path, message: outcome.message });
  return undefined;
}

/** Validates records read together with their keys (getAll and getAllKeys return the same order). */
export function validateAllOnRead<S extends z.ZodMiniType>(
  storeName: string,
  schema: S,
  keys: ReadonlyArray<IDBValidKey>,
  values: ReadonlyArray<unknown>,
  onIssue: IssueSink = ignoreIssue,
): Array<z.output<S>> {
  const valid: Array<z.output<S>> = [];
  values.forEach((value, index) => {
    const record = validateOnRead(storeName, schema, keys[index] ?? index, value, onIssue);
    if (record !== undefined) valid.push(record);
  });
  return valid;
}

function describeKey(key: IDBValidKey): string {
  return Array.isArray(key) ? key.map((part) => String(part)).join('/') : String(key);
}
