import { describe, expect, it } from 'vitest';
import { parseTimeCursor, timeCursorKey } from '../src/timeCursor';

/** What a forged cursor is answered with: a GraphQL error naming `after`. */
const invalidCursor = expect.objectContaining({ extensions: { code: 'INVALID_CURSOR', argument: 'after' } });

describe('time cursors', () => {
  it('reads back the key it writes, at full microsecond precision', () => {
    const key = timeCursorKey({ cursorAt: '2024-03-01T10:10:00.123450Z', id: 'ret_12' });
    expect(key).toBe('2024-03-01T10:10:00.123450Z|ret_12');
    expect(parseTimeCursor(key)).toEqual({ at: '2024-03-01T10:10:00.123450Z', id: 'ret_12' });
  });

  it('starts at the top when there is no key', () => {
    expect(parseTimeCursor(null)).toBeNull();
  });

  it('splits at the first separator, so an id may itself hold one', () => {
    expect(parseTimeCursor('2024-03-01T10:10:00.000001Z|a|b')).toEqual({ at: '2024-03-01T10:10:00.000001Z', id: 'a|b' });
  });

  it('accepts a real leap day', () => {
    expect(parseTimeCursor('2024-02-29T23:59:59.999999Z|x')).toEqual({ at: '2024-02-29T23:59:59.999999Z', id: 'x' });
  });

  it.each([
    ['no separator', 'ord_l01'],
    ['a time without an id', '2024-03-01T10:10:00.123450Z'],
    ['an empty id', '2024-03-01T10:10:00.123450Z|'],
    ['an empty time', '|ord_l01'],
    ['the empty key', ''],
    ['seconds only', '2026-01-10T09:00:00Z|ord_l01'],
    ['milliseconds', '2026-01-10T09:00:00.123Z|ord_l01'],
    ['seven fractional digits', '2026-01-10T09:00:00.1234567Z|ord_l01'],
    ['an offset instead of Z', '2026-01-10T09:00:00.000000+00:00|ord_l01'],
    ['a space instead of T', '2026-01-10 09:00:00.000000Z|ord_l01'],
    ['the id first', 'ord_l01|2026-01-10T09:00:00.000000Z'],
    ['February 30', '2026-02-30T00:00:00.000000Z|ord_l01'],
    ['year 0, which Postgres refuses', '0000-01-01T00:00:00.000000Z|ord_l01'],
    ['February 29 outside a leap year', '2023-02-29T00:00:00.000000Z|ord_l01'],
    ['month 13', '2026-13-01T00:00:00.000000Z|ord_l01'],
    ['hour 24', '2026-01-10T24:00:00.000000Z|ord_l01'],
    ['minute 60', '2026-01-10T09:60:00.000000Z|ord_l01'],
  ])('refuses %s with INVALID_CURSOR', (_, key) => {
    expect(() => parseTimeCursor(key)).toThrow(invalidCursor);
  });
});
