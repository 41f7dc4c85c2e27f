import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '@opsgraph/db';
import { appendEvents, type DomainEvent } from '@opsgraph/kit';

/**
 * One multi-row INSERT whose rows travel as a single JSON parameter (`json_populate_recordset`), instead of
 * one bind parameter per cell. Same rows, same table, same defaults for the columns left out; about 3-4x
 * faster than a Drizzle `values([...])` of 1,000 rows, whose SQL building dominates bulk loads.
 * Column names come from the Drizzle table, so a renamed column cannot silently go missing.
 * Rows are inserted, and `returning` rows come back, in array order.
 */
export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  returning?: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const { name, schema } = getTableConfig(table);
  const target = schema ? `"${schema}"."${name}"` : `"${name}"`;
  const present = new Set<string>();
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined) present.add(key);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  for (const key of present) {
    if (!columns.some(([k]) => k === key)) throw new Error(`bulkInsert: ${target} has no column for "${key}"`);
  }
  const list = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const json = JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [key, column] of columns) record[column.name] = (row as Record<string, unknown>)[key] ?? null;
      return record;
    }),
  );
  const returned = returning?.length ? ` returning ${returning.map((c) => `"${c}"`).join(', ')}` : '';
  const result = await tx.execute(
    sql`insert into ${sql.raw(target)} (${sql.raw(list)}) select ${sql.raw(list)} from json_populate_recordset(null::${sql.raw(target)}, ${json}::json)${sql.raw(returned)}`,
  );
  // postgres-js answers with an array of rows, PGlite with `{ rows }`.
  return (Array.isArray(result) ? result : (result as unknown as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

type EventsTable = Parameters<typeof appendEvents>[2];

/**
 * Writes many outbox events. The first chunk goes through `appendEvents`, which takes the domain's outbox lock
 * (a transaction-level advisory lock, held until commit, that keeps sequence order equal to commit order); the
 * rest are bulk-inserted under that same lock. Each chunk is one statement, in array order, so `seq` follows it.
 */
export async function appendEventsInBulk(
  tx: Tx,
  domain: Parameters<typeof appendEvents>[1],
  table: EventsTable,
  events: readonly (DomainEvent & { occurredAt?: Date })[],
  onChunk: (written: number) => void = () => {},
  chunkSize = 2000,
): Promise<void> {
  if (events.length === 0) return;
  const first = events.slice(0, chunkSize);
  await appendEvents(tx, domain, table, first);
  onChunk(first.length);
  for (let i = chunkSize; i < events.length; i += chunkSize) {
    const chunk = events.slice(i, i + chunkSize);
    await bulkInsert(tx, table, chunk);
    onChunk(chunk.length);
  }
}
