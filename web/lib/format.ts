/**
 * Numbers people read in the control tower. One locale for the server render and the browser, so a page
 * hydrates with the text it was rendered with (a browser's own locale would differ from the server's).
 * Every formatter answers `–` for a missing or non-finite value rather than "NaN" or "$NaN".
 */
export const LOCALE = 'en-US';
export const MISSING = '–';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const hours = new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'hour', unitDisplay: 'narrow', maximumFractionDigits: 1 });
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto', style: 'long' });
const percents = new Map<number, Intl.NumberFormat>();
const currencies = new Map<string, Intl.NumberFormat>();

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 12345.6 → "12,346". */
export function formatInteger(value: number | null | undefined): string {
  return finite(value) ? integer.format(value) : MISSING;
}

/** A ratio: 0.9342 → "93.4%"; `fractionDigits` sets the precision (at most, trailing zeros dropped). */
export function formatPercent(ratio: number | null | undefined, fractionDigits = 1): string {
  if (!finite(ratio)) return MISSING;
  let format = percents.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: fractionDigits });
    percents.set(fractionDigits, format);
  }
  return format.format(ratio);
}

/**
 * Money as the API sends it (`Money { amount currencyCode }`, the amount an exact decimal string):
 * ("1234.5", "USD") → "$1,234.50", ("-20", "EUR") → "-€20.00". A string amount is formatted exactly, never
 * through a float; an unknown currency code answers the amount with the code after it.
 */
export function formatMoney(amount: string | number | null | undefined, currencyCode: string): string {
  if (amount === null || amount === undefined || amount === '') return MISSING;
  if (typeof amount === 'number' ? !Number.isFinite(amount) : !/^-?\d+(\.\d+)?$/.test(amount)) return MISSING;
  let format = currencies.get(currencyCode);
  if (!format) {
    try {
      format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: currencyCode });
    } catch {
      return `${integerOrDecimal(amount)} ${currencyCode}`;
    }
    currencies.set(currencyCode, format);
  }
  // Intl formats a decimal string exactly (ES2023); TypeScript's lib types only the numeric overloads.
  return format.format(amount as number);
}

function integerOrDecimal(amount: string | number): string {
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount as number);
}

/** A duration given in hours: 26.43 → "26.4h", 0.25 → "0.3h", 120 → "120h". */
export function formatHours(value: number | null | undefined): string {
  return finite(value) ? hours.format(value) : MISSING;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago (or how far ahead) a moment is, in the largest whole unit that fits: "just now" (under a
 * minute), "5 minutes ago", "3 hours ago", "yesterday", "12 days ago", "in 2 hours" (an SLA due time).
 */
export function formatRelative(when: Date | string | number | null | undefined, now: Date | number = Date.now()): string {
  if (when === null || when === undefined) return MISSING;
  const at = new Date(when).getTime();
  const reference = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(at) || !Number.isFinite(reference)) return MISSING;
  const delta = at - reference;
  const size = Math.abs(delta);
  if (size < MINUTE) return 'just now';
  if (size < HOUR) return relative.format(Math.trunc(delta / MINUTE), 'minute');
  if (size < DAY) return relative.format(Math.trunc(delta / HOUR), 'hour');
  return relative.format(Math.trunc(delta / DAY), 'day');
}
