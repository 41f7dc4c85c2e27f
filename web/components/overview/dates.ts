import { LOCALE, MISSING } from '../../lib/format';

// The overview's weeks start on Monday 00:00 UTC (API: OpsWeek.weekStart), so they are labelled in UTC: a
// browser west of Greenwich would otherwise call every week by its Sunday.
const dayMonthUtc = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' });
// The moment figures were computed, in the reader's own time zone (only ever rendered in the browser).
const timeOfDay = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric' });

function valid(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isFinite(date.getTime()) ? date : undefined;
}

/** "2026-03-02T00:00:00.000Z" → "Mar 2". */
export function formatWeek(weekStart: string): string {
  const date = valid(weekStart);
  return date ? dayMonthUtc.format(date) : MISSING;
}

/** "3:25 PM". */
export function formatTimeOfDay(when: string): string {
  const date = valid(when);
  return date ? timeOfDay.format(date) : MISSING;
}

/** "Mar 3 – Apr 2": a window's first and last day, in the reader's time zone. */
export function formatDayRange(start: string, end: string): string {
  const from = valid(start);
  const to = valid(end);
  return from && to ? dayMonth.formatRange(from, to) : MISSING;
}
