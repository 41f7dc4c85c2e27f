import { badInput } from '@opsgraph/kit';

/** A position in a list sorted by (timestamp, id): the id breaks ties between rows written at the same moment. */
export type TimeCursor = { at: string; id: string };

/** The key kit's `toConnection` encodes; `at` is the microsecond UTC text the repo selects as `cursorAt`. */
export function timeCursorKey(row: { cursorAt: string; id: string }): string {
  return `${row.cursorAt}|${row.id}`;
}

const keyPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(.+)$/s;

/** Reads a key decoded by kit's `pageRequest`; a well-encoded key with the wrong shape is still a forged cursor. */
export function parseTimeCursor(key: string | null): TimeCursor | null {
  if (key === null) return null;
  const match = keyPattern.exec(key);
  if (!match || !isRealInstant(match[1]!)) {
    throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  }
  return { at: match[1]!, id: match[2]! };
}

/** Rejects what Date would silently roll over (Feb 30, 24:00), which Postgres would then refuse. */
function isRealInstant(at: string): boolean {
  const date = new Date(at);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === at.slice(0, 23);
}
