import type { MovementType, OrderStatus } from '../../gql/graphql';
import { formatInteger, LOCALE, MISSING } from '../../lib/format';
import type { Level } from './live';

export type StateKey = 'onHand' | 'reserved' | 'available' | 'inTransit' | 'qualityHold' | 'damaged' | 'returnPending';

/**
 * Every state InventoryLevel names, in the groups people read them in: what is sellable at the location, what is
 * on its way there, and what is there but held apart (never available).
 */
export const stateGroups: { label: string; states: { key: StateKey; label: string; description: string }[] }[] = [
  {
    label: 'Sellable',
    states: [
      { key: 'onHand', label: 'On hand', description: 'Sellable units at the location, reserved ones included' },
      { key: 'reserved', label: 'Reserved', description: 'Held for open orders' },
      { key: 'available', label: 'Available', description: 'On hand minus reserved: what can still be promised' },
    ],
  },
  {
    label: 'Incoming',
    states: [{ key: 'inTransit', label: 'In transit', description: 'Transferred here, not received yet' }],
  },
  {
    label: 'Held apart',
    states: [
      { key: 'qualityHold', label: 'Quality hold', description: 'Waiting for a quality check' },
      { key: 'damaged', label: 'Damaged', description: 'Not sellable' },
      { key: 'returnPending', label: 'Return pending', description: 'Returned, waiting for inspection' },
    ],
  },
];

export const states = stateGroups.flatMap((group) => group.states);

export type Totals = Record<StateKey, number>;

/** A product's figures across its locations (InventorySummary's totals are these sums). */
export function totalsOf(levels: readonly Level[]): Totals {
  const totals: Totals = { onHand: 0, reserved: 0, available: 0, inTransit: 0, qualityHold: 0, damaged: 0, returnPending: 0 };
  for (const level of levels) for (const { key } of states) totals[key] += level[key];
  return totals;
}

/** The default "low stock" line: available at or below this many units at a location. */
export const DEFAULT_LOW_STOCK = 10;

/** How an available figure reads: `out` (nothing left), `low` (at or below the threshold) or `ok`. */
export function availabilityTone(available: number, lowStock: number): 'out' | 'low' | 'ok' {
  if (available <= 0) return 'out';
  return available <= lowStock ? 'low' : 'ok';
}

/** A change people read with its sign: +24, −12 (a real minus sign), 0. */
export function formatSigned(value: number): string {
  if (value > 0) return `+${formatInteger(value)}`;
  if (value < 0) return `−${formatInteger(-value)}`;
  return formatInteger(value);
}

const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 24, 2026, 10:59 PM", in the reader's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return MISSING;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? MISSING : dateTime.format(at);
}

const movementLabels: Record<MovementType, string> = {
  RECEIPT: 'Receipt',
  ADJUSTMENT: 'Adjustment',
  TRANSFER_OUT: 'Transfer out',
  TRANSFER_IN_TRANSIT: 'Transfer on its way',
  TRANSFER_IN: 'Transfer received',
  RESERVATION: 'Reservation',
  RELEASE: 'Release',
  SHIPMENT: 'Shipment',
  RETURN_RECEIPT: 'Return received',
  DISPOSITION: 'Disposition',
};

export function movementLabel(type: MovementType): string {
  return movementLabels[type] ?? type;
}

/** RISK_REVIEW → "Risk review". */
export function orderStatusLabel(status: OrderStatus): string {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
