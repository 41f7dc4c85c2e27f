import { badInput } from '@opsgraph/kit';

/**
 * Newest-first lists page on (timestamp, id). The timestamp travels at the database's microsecond precision
 * (a JS Date keeps only milliseconds, which would skip rows created within the same millisecond).
 */
export type TimeCursor = { at: string; id: string };

const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function timeCursorKey(cursor: TimeCursor): string {
  return `${cursor.at}|${cursor.id}`;
}

/** Reads a key written by `timeCursorKey`; anything else is a forged cursor. */
export function parseTimeCursor(key: string): TimeCursor {
  const separator = key.indexOf('|');
  const at = key.slice(0, separator);
  const id = key.slice(separator + 1);
  const date = new Date(at);
  const valid =
    separator > 0 &&
    id.length > 0 &&
    timePattern.test(at) &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 19) === at.slice(0, 19); // rejects dates like Feb 30 that JS rolls over
  if (!valid) throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  return { at, id };
}
