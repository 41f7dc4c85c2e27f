import { defineEvents } from '@opsgraph/kit';
import type { movements } from '@opsgraph/db';

export type MovementType = (typeof movements.$inferInsert)['type'];

/** How much one movement changes each bucket of a position (absent means 0). */
export type Deltas = {
  onHand?: number;
  reserved?: number;
  inTransit?: number;
  qualityHold?: number;
  damaged?: number;
  returnPending?: number;
};

/** Inventory's outbox events. One per ledger line: subscriptions and other domains read them. */
export type InventoryEvents = {
  StockMoved: {
    movementId: number;
    productId: string;
    locationId: string;
    movementType: MovementType;
    quantity: number;
    /** Signed change per bucket; available changes by onHand - reserved. */
    deltas: Required<Deltas>;
    reason: string | null;
    reference: string | null;
    /** Set on RESERVATION, RELEASE and SHIPMENT movements. */
    reservationId: string | null;
  };
};

export const inventoryEvent = defineEvents<InventoryEvents>({ StockMoved: 'InventoryLevel' });

/** InventoryLevel ids are stable and readable: the product and the location they belong to. */
export function levelId(productId: string, locationId: string): string {
  return `lvl_${productId}@${locationId}`;
}

export function parseLevelId(id: string): { productId: string; locationId: string } | null {
  const match = /^lvl_(.+)@(.+)$/.exec(id);
  return match ? { productId: match[1]!, locationId: match[2]! } : null;
}
