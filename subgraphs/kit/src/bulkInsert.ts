import { getTableColumns, SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { executeRows, type Tx } from '@opsgraph/db';

/**
 * One multi-row INSERT whose rows travel as a single JSON parameter (`json_populate_recordset`) instead of
 * one bind parameter per cell: no 65,535-parameter ceiling, and about 3-4x faster than a Drizzle
 * `values([...])` of 1,000 rows, whose SQL building dominates bulk loads. For loads of thousands of rows;
 * keep each call to a few thousand, since the whole batch is one string in memory.
 *
 * Same rows and table as `tx.insert(table).values(rows)`: column names come from the Drizzle table, so a
 * renamed column cannot silently go missing, and a column left out of every row gets its database default.
 * Two differences, both refused rather than guessed: a column given in some rows but not others (there is
 * no per-row DEFAULT here), and client-side defaults (`$defaultFn`). Rows are inserted, and `returning`
 * rows (database column names, raw driver values) come back, in array order.
 */
export async function bulkInsert<T extends PgTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  returning?: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const returned = returning?.length ? sql.raw(` returning ${returning.map((c) => `"${c}"`).join(', ')}`) : sql``;
  return executeRows<Record<string, unknown>>(tx, sql`${insertSql(table, rows)}${returned}`);
}

/** One table's rows for `insertAll`. */
export type TableRows<T extends PgTable = PgTable> = { table: T; rows: readonly T['$inferInsert'][] };

/**
 * Several bulk inserts in one statement (one round trip), as data-modifying CTEs: for a write path that adds a
 * handful of rows to several tables, such as an order with its lines and history. Rows may reference rows of
 * an earlier table in the list (foreign keys are checked when the statement ends); each table's rows are
 * inserted in array order, so serial ids follow it. Same rules as `bulkInsert`. A part may also be a
 * ready-made data-modifying statement (`appendEventsSql`), so the outbox rides in the same round trip.
 */
export async function insertAll(tx: Tx, inserts: readonly (TableRows<any> | SQL)[]): Promise<void> {
  const parts = insertParts(inserts);
  if (parts.length === 0) return;
  if (parts.length === 1) {
    await tx.execute(parts[0]!);
    return;
  }
  await tx.execute(sql`with ${withParts(parts)} select 1`);
}

/** The statements of `insertAll`'s parts, empty tables left out. */
export function insertParts(inserts: readonly (TableRows<any> | SQL)[]): SQL[] {
  return inserts.flatMap((part) => (part instanceof SQL ? [part] : part.rows.length > 0 ? [insertSql(part.table, part.rows)] : []));
}

/** `w0 as (...), w1 as (...)`: statements as the CTEs of one statement. */
export function withParts(parts: readonly SQL[]): SQL {
  return sql.join(
    parts.map((part, i) => sql`${sql.raw(`w${i}`)} as (${part})`),
    sql`, `,
  );
}

/**
 * `insert into <table> (<columns>) select <columns> from json_populate_recordset(...)` for `rows`, checked as
 * bulkInsert says. `gate`: a one-row select run before any row is made (each row is joined to it), such as a lock.
 */
export function insertSql<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][], gate?: SQL): SQL {
  const { name, schema } = getTableConfig(table);
  const target = schema ? `"${schema}"."${name}"` : `"${name}"`;
  const present = new Set<string>();
  for (const row of rows) for (const [key, value] of Object.entries(row)) if (value !== undefined) present.add(key);
  const tableColumns = Object.entries(getTableColumns(table));
  for (const key of present) {
    if (!tableColumns.some(([k]) => k === key)) throw new Error(`bulkInsert: ${target} has no column for "${key}"`);
  }
  const columns = tableColumns.filter(([key]) => present.has(key));
  for (const [key, column] of tableColumns) {
    if (!present.has(key) && (column.defaultFn || column.onUpdateFn)) {
      throw new Error(`bulkInsert: ${target}."${column.name}" has a client-side default; give it a value in every row`);
    }
  }
  const json = JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [key, column] of columns) {
        const value = (row as Record<string, unknown>)[key];
        if (value === undefined && column.hasDefault) {
          throw new Error(`bulkInsert: ${target}."${column.name}" is given in some rows but not all; its default cannot apply per row`);
        }
        record[column.name] = value ?? null;
      }
      return record;
    }),
  );
  const list = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const rowsFrom = sql`json_populate_recordset(null::${sql.raw(target)}, ${json}::json) as r`;
  if (!gate) return sql`insert into ${sql.raw(target)} (${sql.raw(list)}) select ${sql.raw(list)} from ${rowsFrom}`;
  // materialized: evaluated once, and every row produced waits for it.
  return sql`insert into ${sql.raw(target)} (${sql.raw(list)}) with gate as materialized (${gate}) select ${sql.raw(`r.${list.replaceAll(', "', ', r."')}`)} from ${rowsFrom}, gate`;
}
