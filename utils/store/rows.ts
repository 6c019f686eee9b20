/**
 * How the repositories read many rows at once: the values with their keys, so that a row refused
 * on reading (validateAllOnRead) is reported by its key. getAll and getAllKeys of one source and
 * query return the same rows in the same order.
 */

type Rows = [IDBValidKey[], unknown[]];

/** An index queried by a text key (a school's UAI, a start time), or read whole. */
interface RowSource {
  getAllKeys(query?: string): Promise<IDBValidKey[]>;
  getAll(query?: string): Promise<unknown[]>;
}

/** An object store read whole (its own keys may be compound: no query here). */
interface SchoolStore {
  getAllKeys(): Promise<IDBValidKey[]>;
  getAll(): Promise<unknown[]>;
  index(name: 'byUai'): RowSource;
}

/** The rows of a source (all of them, or those of `query` on an index), with their keys. */
export function rowsWithKeys(source: RowSource, query?: string): Promise<Rows> {
  return Promise.all([source.getAllKeys(query), source.getAll(query)]);
}

/** One school's rows, through the store's `byUai` index, or every school's when `uai` is omitted. */
export function rowsOfSchoolOrAll(store: SchoolStore, uai: string | undefined): Promise<Rows> {
  if (uai === undefined) return Promise.all([store.getAllKeys(), store.getAll()]);
  return rowsWithKeys(store.index('byUai'), uai);
}
