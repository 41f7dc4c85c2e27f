import type { PositionRow } from './repo';
import { freeAt } from './sourcing';

export type StockTotals = {
  onHand: number;
  reserved: number;
  available: number;
  inTransit: number;
  qualityHold: number;
  damaged: number;
  returnPending: number;
};

/** A product's stock summed over every location (what a channel may promise is sourcing.ts's concern). */
export function totals(levels: PositionRow[]): StockTotals {
  const sum = (pick: (p: PositionRow) => number) => levels.reduce((total, p) => total + pick(p), 0);
  return {
    onHand: sum((p) => p.onHand),
    reserved: sum((p) => p.reserved),
    available: sum(freeAt),
    inTransit: sum((p) => p.inTransit),
    qualityHold: sum((p) => p.qualityHold),
    damaged: sum((p) => p.damaged),
    returnPending: sum((p) => p.returnPending),
  };
}
