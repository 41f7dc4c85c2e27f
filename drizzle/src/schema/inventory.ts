import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { consumerCursorsTable, eventsTable, idempotencyKeysTable } from './events';

export const inventory = pgSchema('inventory');

export const locationKind = inventory.enum('location_kind', ['WAREHOUSE', 'STORE', 'THIRD_PARTY']);

export const movementType = inventory.enum('movement_type', [
  'RECEIPT',
  'ADJUSTMENT',
  'TRANSFER_OUT', // at the source: leaves on hand
  'TRANSFER_IN_TRANSIT', // at the destination: on its way
  'TRANSFER_IN', // at the destination: arrived, in transit -> on hand
  'RESERVATION',
  'RELEASE',
  'SHIPMENT',
  'RETURN_RECEIPT',
  'DISPOSITION',
]);

export const transferStatus = inventory.enum('transfer_status', ['IN_TRANSIT', 'RECEIVED']);

export const locations = inventory.table('locations', {
  id: text('id').primaryKey(), // loc_...
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: locationKind('kind').notNull(),
});

/** Inventory's own view of the catalog: which products exist, projected from catalog events. */
export const items = inventory.table('items', {
  productId: text('product_id').primaryKey(),
  sku: text('sku').notNull().unique(),
});

/**
 * The append-only ledger. Each row says how much it moved each bucket of one product at one location;
 * positions are the running sum of these deltas and can always be rebuilt from them.
 */
export const movements = inventory.table(
  'movements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: text('product_id').notNull(),
    locationId: text('location_id').notNull().references(() => locations.id),
    type: movementType('type').notNull(),
    quantity: integer('quantity').notNull(),
    onHandDelta: integer('on_hand_delta').notNull().default(0),
    reservedDelta: integer('reserved_delta').notNull().default(0),
    inTransitDelta: integer('in_transit_delta').notNull().default(0),
    qualityHoldDelta: integer('quality_hold_delta').notNull().default(0),
    damagedDelta: integer('damaged_delta').notNull().default(0),
    returnPendingDelta: integer('return_pending_delta').notNull().default(0),
    reason: text('reason'),
    reference: text('reference'),
    transferId: text('transfer_id'),
    /** The reservation a RESERVATION, RELEASE or SHIPMENT movement belongs to. */
    reservationId: text('reservation_id'),
    actor: text('actor').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('movements_product_location_idx').on(t.productId, t.locationId, t.id)],
);

/** Current stock per product and location, maintained from `movements` in the same transaction. */
export const positions = inventory.table(
  'positions',
  {
    productId: text('product_id').notNull(),
    locationId: text('location_id').notNull().references(() => locations.id),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    inTransit: integer('in_transit').notNull().default(0),
    qualityHold: integer('quality_hold').notNull().default(0),
    damaged: integer('damaged').notNull().default(0),
    returnPending: integer('return_pending').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.locationId] }),
    index('positions_location_idx').on(t.locationId),
    // The last line of defence for "no oversell": the database refuses any state where it happened.
    check('positions_reserved_within_on_hand', sql`${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`),
    check(
      'positions_non_negative',
      sql`${t.inTransit} >= 0 AND ${t.qualityHold} >= 0 AND ${t.damaged} >= 0 AND ${t.returnPending} >= 0`,
    ),
  ],
);

export const transfers = inventory.table('transfers', {
  id: text('id').primaryKey(), // trf_...
  productId: text('product_id').notNull(),
  fromLocationId: text('from_location_id').notNull().references(() => locations.id),
  toLocationId: text('to_location_id').notNull().references(() => locations.id),
  quantity: integer('quantity').notNull(),
  status: transferStatus('status').notNull().default('IN_TRANSIT'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
});

/**
 * How a channel is served from stock: units held back from it for every product (a per-product row
 * overrides it; netted once across the network), and whether one order line may be split across nodes.
 */
export const channelRules = inventory.table('channel_rules', {
  channelCode: text('channel_code').primaryKey(),
  safetyStock: integer('safety_stock').notNull().default(0),
  allowSplit: boolean('allow_split').notNull().default(true),
});

/** The nodes a channel ships from, best first. A channel with no rows ships from every location, in code order. */
export const channelSourcing = inventory.table(
  'channel_sourcing',
  {
    channelCode: text('channel_code').notNull().references(() => channelRules.channelCode),
    locationId: text('location_id').notNull().references(() => locations.id),
    rank: integer('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelCode, t.locationId] })],
);

export const reservationStatus = inventory.enum('reservation_status', ['ACTIVE', 'RELEASED', 'SHIPPED']);

/**
 * Stock promised to one order line at one node. While ACTIVE its quantity is part of the position's
 * `reserved`; releasing or shipping it closes it. Positions' reserved always equals the active total.
 */
export const reservations = inventory.table(
  'reservations',
  {
    id: text('id').primaryKey(), // rsv_...
    orderId: text('order_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    productId: text('product_id').notNull(),
    locationId: text('location_id').notNull().references(() => locations.id),
    channelCode: text('channel_code').notNull(),
    quantity: integer('quantity').notNull(),
    status: reservationStatus('status').notNull().default('ACTIVE'),
    /** The idempotency key of the request that made it. */
    requestKey: text('request_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('reservations_order_idx').on(t.orderId),
    index('reservations_request_idx').on(t.requestKey),
    index('reservations_position_idx').on(t.productId, t.locationId, t.status),
    check('reservations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const channelProductSafetyStock = inventory.table(
  'channel_product_safety_stock',
  {
    channelCode: text('channel_code').notNull().references(() => channelRules.channelCode),
    productId: text('product_id').notNull(),
    safetyStock: integer('safety_stock').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelCode, t.productId] })],
);

export const inventoryEvents = eventsTable(inventory);
export const inventoryConsumerCursors = consumerCursorsTable(inventory);
export const inventoryIdempotencyKeys = idempotencyKeysTable(inventory);
