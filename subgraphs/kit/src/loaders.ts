import type DataLoader from 'dataloader';

/** Orders rows to match a DataLoader's keys; a missing row becomes null. */
export function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups rows under a DataLoader's keys; a key with no rows gets an empty list. */
export function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(key) ?? []);
}

/**
 * A row that has to exist: a foreign key points at it, or the mutation being answered just wrote it. Loaders
 * answer null for a missing key (right for lookups a client makes); here null would be a broken invariant, so
 * it fails loudly (logged, answered as an internal error) instead of reaching a non-null field.
 */
export function required<T>(row: T | null | undefined, what: string): T {
  if (row === null || row === undefined) throw new Error(`${what} does not exist`);
  return row;
}

/** `loader.load(key)` for a row that has to exist (see `required`). */
export async function loadRequired<K, V, C>(loader: DataLoader<K, V | null, C>, key: K, what: string): Promise<V> {
  return required(await loader.load(key), `${what} ${String(key)}`);
}
