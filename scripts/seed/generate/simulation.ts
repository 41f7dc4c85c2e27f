import type { Rng } from '../random';
import type { ResolvedSeedOptions } from './options';
import type { SeedData } from './seedData';

/** What every part of the simulation shares: the options, one random stream, the agenda, and the output. */
export type Sim = {
  opts: ResolvedSeedOptions;
  /** The single random stream. Every draw shifts all later ones, so the call order is part of the output. */
  rng: Rng;
  agenda: Agenda;
  /** History runs from `start` to `end` (UTC milliseconds). */
  start: number;
  end: number;
  out: SeedData;
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
export const roundUpTo = (n: number, multiple: number) => Math.ceil(n / multiple) * multiple;

/** The business runs on US Eastern time (UTC-4 throughout the default period); shifts are in local hours. */
const LOCAL_OFFSET = -4 * HOUR;
export const localHour = (t: number) => (((t + LOCAL_OFFSET) % DAY) + DAY) % DAY / HOUR;
/** Local midnight at or before `t`, as a UTC timestamp. */
export const localMidnight = (t: number) => t - (((t + LOCAL_OFFSET) % DAY) + DAY) % DAY;

/** The first moment at or after `t` inside the daily shift [from, to) local hours. */
export function withinHours(rng: Rng, t: number, from: number, to: number): number {
  const h = localHour(t);
  if (h >= from && h < to) return t;
  const next = h < from ? localMidnight(t) : localMidnight(t) + DAY;
  return next + from * HOUR + rng.int(1, 40) * MINUTE;
}

/** A binary heap of timed actions; ties run in the order they were scheduled. */
export class Agenda {
  private heap: { t: number; seq: number; run: (t: number) => void }[] = [];
  private seq = 0;
  constructor(readonly end: number) {}

  /** Schedules `run` at `t`; returns false (and drops it) when `t` is at or after the end of history. */
  at(time: number, run: (t: number) => void): boolean {
    const t = Math.ceil(time / 1000) * 1000; // whole seconds, never earlier than asked
    if (t >= this.end) return false;
    const item = { t, seq: this.seq++, run };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
    return true;
  }

  runAll(): void {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          i = m;
        }
      }
      top.run(top.t);
    }
  }

  private less(a: { t: number; seq: number }, b: { t: number; seq: number }) {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
}
