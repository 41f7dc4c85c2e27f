import type { PositionRow } from './repo';

export type StockTotals = {
  onHand: number;
  reserved: number;
  available: number;
  inTransit: number;
  qualityHold: number;
  damaged: number;
  returnPending: number;
};

/** Sellable units not yet promised to an order. */
export function availableAt(position: Pick<PositionRow, 'onHand' | 'reserved'>): number {
  return position.onHand - position.reserved;
}

export function totals(levels: PositionRow[]): StockTotals {
  const sum = (pick: (p: PositionRow) => number) => levels.reduce((total, p) => total + pick(p), 0);
  return {
    onHand: sum((p) => p.onHand),
    reserved: sum((p) => p.reserved),
    available: sum(availableAt),
    inTransit: sum((p) => p.inTransit),
    qualityHold: sum((p) => p.qualityHold),
    damaged: sum((p) => p.damaged),
    returnPending: sum((p) => p.returnPending),
  };
}

export type AvailabilityStep = { label: string; quantity: number };

/**
 * Available-to-promise for one channel, with the reasoning a person can read: sellable stock everywhere,
 * minus what is reserved, minus the safety stock this channel holds back, never below zero.
 */
export function explainAvailability(
  levels: PositionRow[],
  channelCode: string,
  safetyStock: number,
): { available: number; steps: AvailabilityStep[] } {
  const sum = totals(levels);
  const located = levels.filter((l) => l.onHand > 0).length;
  const steps: AvailabilityStep[] = [
    { label: `On hand at ${located} location${located === 1 ? '' : 's'}`, quantity: sum.onHand },
    { label: 'Reserved for open orders', quantity: -sum.reserved },
  ];
  const heldBack = Math.min(safetyStock, Math.max(sum.available, 0));
  steps.push({ label: `Safety stock held back from ${channelCode} (${safetyStock})`, quantity: -heldBack });
  const available = Math.max(sum.available - heldBack, 0);
  steps.push({ label: `Available to promise on ${channelCode}`, quantity: available });
  return { available, steps };
}
