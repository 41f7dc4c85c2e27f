'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatWeek } from './dates';
import styles from './Overview.module.css';

// A small weekly chart drawn as SVG by hand: bars or lines over the overview's 12 weeks, gridlines with their
// values, a few week labels. Sized in real pixels to its box (so text stays crisp and never scales), with the
// whole picture described in the SVG's accessible name; the page shows the same numbers as a table too.

export type WeeklySeries = {
  label: string;
  /** One value a week, oldest first; null where the week has nothing to measure (drawn as a gap). */
  values: (number | null)[];
  /** `primary` is solid, `secondary` dashed: told apart without colour. */
  tone: 'primary' | 'secondary';
};

type Props = {
  title: string;
  /** One line under the title: the figure a reader looks for first. */
  headline: ReactNode;
  kind: 'bar' | 'line';
  /** Monday 00:00 UTC of each week, oldest first; the last is the current week, to date. */
  weekStarts: string[];
  series: WeeklySeries[];
  /** How a value reads in the axis and in tooltips. */
  format: (value: number) => string;
  /** Counts start at zero; ratios use a range that shows their movement, up to 100%. */
  scale: 'count' | 'ratio';
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
};

const HEIGHT = 128;
const MARGIN = { top: 10, right: 10, bottom: 24, left: 46 };
const LABEL_WIDTH = 46;

/** The box's width in CSS pixels, kept current as the layout changes. */
function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(160, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** 0 and two steps of 1, 2 or 5 × 10^k that reach `max`: [0, 500, 1000] for 812. Whole numbers only. */
function countTicks(max: number): number[] {
  const target = Math.max(max, 1) / 2;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = Math.max(1, [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= target && Number.isInteger(s)) ?? 10 * magnitude);
  return [0, step, 2 * step];
}

/** Down to the 10% below the lowest value (never under 0), up to 100%: [0.7, 0.85, 1] for a low of 0.82. */
function ratioTicks(min: number): number[] {
  const low = Math.max(0, Math.floor((Math.min(min, 1) - 0.02) * 10) / 10);
  return [low, (low + 1) / 2, 1];
}

export function WeeklyChart({ title, headline, kind, weekStarts, series, format, scale, description }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const ticks = scale === 'count' ? countTicks(Math.max(0, ...values)) : ratioTicks(values.length ? Math.min(...values) : 1);
  const low = ticks[0]!;
  const high = ticks[ticks.length - 1]!;

  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const n = weekStarts.length;
  const slot = n > 0 ? plotWidth / n : plotWidth;
  const x = (i: number) => MARGIN.left + slot * (i + 0.5);
  const y = (v: number) => MARGIN.top + plotHeight * (1 - (Math.min(Math.max(v, low), high) - low) / (high - low || 1));
  // Label every k-th week counted back from the current one, so labels never collide.
  const every = Math.max(1, Math.ceil(LABEL_WIDTH / slot));
  const current = n - 1;

  return (
    <figure className={styles.chart}>
      <figcaption className={styles.chartCaption}>
        <h3 className={styles.chartTitle}>{title}</h3>
        <p className={styles.chartHeadline}>{headline}</p>
      </figcaption>
      <div ref={ref} className={styles.chartBox}>
        <svg role="img" aria-label={description} width={width} height={HEIGHT} className={styles.chartSvg}>
          {ticks.map((tick) => (
            <g key={tick} className={styles.gridline}>
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          {weekStarts.map((weekStart, i) =>
            (current - i) % every === 0 ? (
              <text key={weekStart} className={styles.axisLabel} x={x(i)} y={HEIGHT - 6} textAnchor="middle">
                {formatWeek(weekStart)}
              </text>
            ) : null,
          )}
          {kind === 'bar'
            ? series.map((s) =>
                s.values.map((value, i) => {
                  if (value === null) return null;
                  const top = y(value);
                  const barWidth = Math.min(28, slot * 0.62);
                  return (
                    <rect
                      key={`${s.label}-${i}`}
                      className={i === current ? styles.barCurrent : styles.bar}
                      x={x(i) - barWidth / 2}
                      y={top}
                      width={barWidth}
                      height={Math.max(0, y(low) - top)}
                      rx={2}
                    >
                      <title>{`${weekLabel(weekStarts[i]!, i === current)}: ${format(value)}`}</title>
                    </rect>
                  );
                }),
              )
            : series.map((s) => (
                <g key={s.label} className={s.tone === 'primary' ? styles.linePrimary : styles.lineSecondary}>
                  <path d={linePath(s.values, x, y)} />
                  {s.values.map((value, i) =>
                    value === null ? null : (
                      <circle key={i} cx={x(i)} cy={y(value)} r={i === current ? 3.5 : 2.5} data-current={i === current || undefined}>
                        <title>{`${s.label}, ${weekLabel(weekStarts[i]!, i === current)}: ${format(value)}`}</title>
                      </circle>
                    ),
                  )}
                </g>
              ))}
        </svg>
      </div>
      {kind === 'line' && series.length > 1 && (
        <ul className={styles.legend} aria-hidden="true">
          {series.map((s) => (
            <li key={s.label} data-tone={s.tone}>
              <svg width="22" height="8" className={s.tone === 'primary' ? styles.linePrimary : styles.lineSecondary}>
                <path d="M1 4 H21" />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** "week of Mar 2", or "this week so far (from Mar 23)". */
export function weekLabel(weekStart: string, current: boolean): string {
  return current ? `this week so far (from ${formatWeek(weekStart)})` : `week of ${formatWeek(weekStart)}`;
}

/** A polyline through the non-null values; a null breaks it. */
function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((value, i) => {
    if (value === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(value).toFixed(1)}`;
    pen = true;
  });
  return d;
}
