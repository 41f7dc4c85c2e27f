import { describe, expect, it } from 'vitest';
import { formatHours, formatInteger, formatMoney, formatPercent, formatRelative, MISSING } from '../lib/format';

describe('format', () => {
  it('integers with thousands separators, rounded', () => {
    expect(formatInteger(12345.6)).toBe('12,346');
    expect(formatInteger(-1200)).toBe('-1,200');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(Number.NaN)).toBe(MISSING);
    expect(formatInteger(undefined)).toBe(MISSING);
  });

  it('percentages from ratios, with at most the digits asked for', () => {
    expect(formatPercent(0.9342)).toBe('93.4%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(0.12345, 2)).toBe('12.35%');
    expect(formatPercent(null)).toBe(MISSING);
  });

  it('money with its currency, exact for decimal strings', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('-20', 'EUR')).toBe('-€20.00');
    expect(formatMoney(19.99, 'GBP')).toBe('£19.99');
    expect(formatMoney('1000', 'JPY')).toBe('¥1,000');
    // Beyond a float's precision: the decimal string is formatted as is.
    expect(formatMoney('12345678901234567.25', 'USD')).toBe('$12,345,678,901,234,567.25');
    expect(formatMoney('12.5', 'NOPE')).toBe('12.50 NOPE');
    expect(formatMoney('abc', 'USD')).toBe(MISSING);
    expect(formatMoney(undefined, 'USD')).toBe(MISSING);
  });

  it('durations in hours', () => {
    expect(formatHours(26.43)).toBe('26.4h');
    expect(formatHours(0.25)).toBe('0.3h');
    expect(formatHours(120)).toBe('120h');
    expect(formatHours(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });

  it('relative ages in the largest whole unit, past and future', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    expect(formatRelative(now - 30_000, now)).toBe('just now');
    expect(formatRelative(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now - 3 * 3_600_000 - 59 * 60_000).toISOString(), now)).toBe('3 hours ago');
    expect(formatRelative(now - 25 * 3_600_000, now)).toBe('yesterday');
    expect(formatRelative(now - 12 * 86_400_000, new Date(now))).toBe('12 days ago');
    expect(formatRelative(now + 2 * 3_600_000, now)).toBe('in 2 hours');
    expect(formatRelative('not a date', now)).toBe(MISSING);
    expect(formatRelative(null, now)).toBe(MISSING);
  });
});
