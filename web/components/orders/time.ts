'use client';

import { useEffect, useState } from 'react';
import { LOCALE, MISSING } from '../../lib/format';

/**
 * Time as the exception queue and the order page show it: countdowns, ages and moments. (lib/format.ts has the
 * relative "3 hours ago" form; these are the finer ones a countdown needs.)
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The current time, updated every `intervalMs`; null while rendering on the server and hydrating, so text that
 * depends on the clock is never rendered twice with different values.
 */
export function useNow(intervalMs = 10_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A length of time in its two largest units: "3 d 4 h", "2 h 5 min", "12 min", "under 1 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return MISSING;
  const size = Math.abs(ms);
  if (size < MINUTE) return 'under 1 min';
  const days = Math.floor(size / DAY);
  const hours = Math.floor((size % DAY) / HOUR);
  const minutes = Math.floor((size % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

const sameYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const otherYear = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const full = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'long' });

/** A moment in the viewer's time zone: "Nov 24, 14:05" (with the year when it is not this year's). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return MISSING;
  return (at.getFullYear() === new Date().getFullYear() ? sameYear : otherYear).format(at);
}

/** The same moment in full, for a tooltip: "Tuesday, November 24, 2026 at 2:05:09 PM UTC". */
export function formatFullDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isFinite(at.getTime()) ? full.format(at) : '';
}

export type SlaTone = 'overdue' | 'soon' | 'onTrack' | 'done';

/** Share of the SLA window left under which an exception is "due soon". */
const DUE_SOON_SHARE = 0.25;

/**
 * Where an exception stands against its due time: overdue once it has passed; due soon in the last quarter of
 * its window (or its last hour, whichever is longer); on track before that. The label says it in words, so the
 * colour is never the only signal.
 */
export function slaStanding(
  exception: { openedAt: string; slaDueAt: string; resolvedAt?: string | null },
  now: number,
): { tone: SlaTone; label: string; text: string } {
  const due = new Date(exception.slaDueAt).getTime();
  if (exception.resolvedAt) return { tone: 'done', label: 'Resolved', text: `resolved ${formatDateTime(exception.resolvedAt)}` };
  const left = due - now;
  if (left <= 0) return { tone: 'overdue', label: 'Overdue', text: `by ${formatDuration(left)}` };
  const window = due - new Date(exception.openedAt).getTime();
  const soon = Math.max(window * DUE_SOON_SHARE, HOUR);
  return left <= soon
    ? { tone: 'soon', label: 'Due soon', text: `in ${formatDuration(left)}` }
    : { tone: 'onTrack', label: 'On track', text: `in ${formatDuration(left)}` };
}
