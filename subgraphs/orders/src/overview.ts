import type { Executor } from '@opsgraph/db';
import { badInput } from '@opsgraph/kit';
import type { ChannelOps, OpsOverview, OpsWeek } from './generated/resolvers';
import * as repo from './repo';

/**
 * Orders' figures of the operations overview (definitions in schema.graphql's OpsOverview): the window, and the
 * rates made from the counts repo.ts reads, three statements for a window whatever the amount of data.
 */

export const DEFAULT_OVERVIEW_DAYS = 30;
export const MAX_OVERVIEW_DAYS = 365;
/** Weeks in the overview's trend. */
export const OVERVIEW_WEEKS = 12;
/** The handling time perfectOrderRate counts as on time, on every channel (no channel promises another yet). */
export const ON_TIME_SHIP_WITHIN_HOURS = 48;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last `days` days up to `now`; BAD_USER_INPUT when `days` is outside 1..365. */
export function overviewWindow(days: number | null | undefined, now: Date): repo.TimeWindow {
  const span = days ?? DEFAULT_OVERVIEW_DAYS;
  if (!Number.isInteger(span) || span < 1 || span > MAX_OVERVIEW_DAYS) {
    throw badInput(`\`days\` must be a whole number from 1 to ${MAX_OVERVIEW_DAYS}.`, 'days');
  }
  return { start: new Date(now.getTime() - span * DAY_MS).toISOString(), end: now.toISOString() };
}

/** A window from the overview's key (another subgraph hands it back as it was given). */
export function windowOfKey(key: { windowStart: Date | string; windowEnd: Date | string }): repo.TimeWindow {
  return { start: new Date(key.windowStart).toISOString(), end: new Date(key.windowEnd).toISOString() };
}

/** part / whole, or null when there is nothing to measure. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function rates(counts: repo.FulfilmentCounts) {
  return {
    fillRate: ratio(counts.unitsFilled, counts.unitsSourced),
    perfectOrderRate: ratio(counts.perfectOrders, counts.ordersShipped),
    orderCycleTimeHoursP50: counts.cycleTimeHoursP50,
  };
}

export function toWeek(counts: repo.WeekCounts): OpsWeek {
  const { weekStart, ordersPlaced, unitsOrdered, ordersShipped, unitsShipped, exceptionsOpened } = counts;
  return { weekStart, ordersPlaced, unitsOrdered, ordersShipped, unitsShipped, exceptionsOpened, ...rates(counts) };
}

export function toChannelOps(counts: repo.ChannelCounts): ChannelOps {
  const { channelCode, ordersPlaced, unitsOrdered, ordersShipped, unitsShipped, backorderedUnits, backorderedOrders, openExceptions } = counts;
  return {
    channel: { code: channelCode },
    ordersPlaced,
    unitsOrdered,
    ordersShipped,
    unitsShipped,
    backorderedUnits,
    backorderedOrders,
    openExceptions,
    ...rates(counts),
  };
}

/** Orders' whole contribution to the overview of one window: three statements (figures, weeks, channels). */
export async function loadOverview(db: Executor, window: repo.TimeWindow): Promise<OpsOverview> {
  const [counts, weeks, channels] = await Promise.all([
    repo.overviewCounts(db, window, ON_TIME_SHIP_WITHIN_HOURS),
    repo.weeklyCounts(db, window.end, OVERVIEW_WEEKS, ON_TIME_SHIP_WITHIN_HOURS),
    repo.channelCounts(db, window, ON_TIME_SHIP_WITHIN_HOURS),
  ]);
  const overall = rates(counts);
  return {
    windowStart: window.start,
    windowEnd: window.end,
    ordersPlaced: counts.ordersPlaced,
    unitsOrdered: counts.unitsOrdered,
    // The API's top-level rates are non-null: nothing to measure reads 0 (the counts beside them say why).
    fillRate: overall.fillRate ?? 0,
    perfectOrderRate: overall.perfectOrderRate ?? 0,
    orderCycleTimeHoursP50: overall.orderCycleTimeHoursP50 ?? 0,
    onTimeShipWithinHours: ON_TIME_SHIP_WITHIN_HOURS,
    ordersShipped: counts.ordersShipped,
    unitsShipped: counts.unitsShipped,
    backorderedUnits: counts.backorderedUnits,
    backorderedOrders: counts.backorderedOrders,
    openExceptions: counts.openExceptions,
    openExceptionsPastDue: counts.openExceptionsPastDue,
    weeks: weeks.map(toWeek),
    byChannel: channels.map(toChannelOps),
  };
}
