import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from './errors';

/**
 * Lists sorted by a timestamp page on (timestamp, id): the id breaks ties between rows written at the same
 * moment. The timestamp travels as text at the database's microsecond precision, because a JS Date keeps only
 * milliseconds and paging on it would skip rows written within the same millisecond.
 */
export type TimeCursor = { at: string; id: string };

/** A timestamp column as UTC text with microseconds (`2024-03-01T10:10:00.123450Z`); select it as `cursorAt`. */
export function utcMicros(column: AnyPgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The key `toConnection` encodes for a row selected with `cursorAt: utcMicros(...)`. */
export function timeCursorKey(row: { cursorAt: string; id: string }): string {
  return `${row.cursorAt}|${row.id}`;
}

const keyPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(.+)$/s;

/**
 * Reads a key decoded by `pageRequest` (null when the page starts at the top). A well-encoded key of any other
 * shape is still a forged cursor: it must be `<microsecond UTC time>|<non-empty id>`.
 */
export function parseTimeCursor(key: string | null): TimeCursor | null {
  if (key === null) return null;
  const match = keyPattern.exec(key);
  if (!match || !isRealInstant(match[1]!)) {
    throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  }
  return { at: match[1]!, id: match[2]! };
}

/** Rejects what Date would silently roll over (Feb 30, 24:00) and year 0, all of which Postgres refuses. */
function isRealInstant(at: string): boolean {
  const date = new Date(at);
  return (
    !Number.isNaN(date.getTime()) && date.getUTCFullYear() > 0 && date.toISOString().slice(0, 23) === at.slice(0, 23)
  );
}
