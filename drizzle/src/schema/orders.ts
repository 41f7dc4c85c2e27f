import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, char, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { consumerCursorsTable, eventsTable, idempotencyKeysTable } from './events';

export const orders = pgSchema('orders');

export const orderStatus = orders.enum('order_status', [
  'CAPTURED',
  'RISK_REVIEW',
  'ALLOCATED',
  'BACKORDERED',
  'ON_HOLD',
  'RELEASED',
  'PICKED',
  'PACKED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
]);

/**
 * Order numbers people quote (SO-100001). Taken when an order is recorded; a bulk load that writes its own
 * numbers moves the sequence past them (orders' workers also do at start, see repo.syncOrderNumbers).
 */
export const orderNumbers = orders.sequence('order_numbers', { startWith: 100001 });

export const exceptionStatus = orders.enum('exception_status', ['OPEN', 'IN_PROGRESS', 'RESOLVED']);

export type ShipTo = { line1: string; city: string; postalCode: string; country: string };

export const orderHeaders = orders.table(
  'orders',
  {
    id: text('id').primaryKey(), // ord_...
    number: text('number')
      .notNull()
      .unique()
      .default(sql`'SO-' || nextval('orders.order_numbers')`), // SO-100001
    channelCode: text('channel_code').notNull(),
    status: orderStatus('status').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerName: text('customer_name').notNull(),
    shipTo: jsonb('ship_to').notNull().$type<ShipTo>(),
    currency: char('currency', { length: 3 }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    /** Signals the caller passed at capture (e.g. a payment provider's AVS_MISMATCH); governance rules read them. */
    riskSignals: jsonb('risk_signals').notNull().$type<string[]>().default([]),
    /** `<channel>:<key>`: keys are the caller's, so they are unique per channel. */
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_status_created_idx').on(t.status, t.createdAt),
    index('orders_channel_idx').on(t.channelCode),
    index('orders_customer_idx').on(t.customerEmail),
  ],
);

export const orderLines = orders.table(
  'order_lines',
  {
    id: text('id').primaryKey(), // oln_...
    orderId: text('order_id').notNull().references(() => orderHeaders.id),
    lineNo: integer('line_no').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'number' }).notNull(),
  },
  (t) => [index('order_lines_order_idx').on(t.orderId)],
);

export const allocations = orders.table(
  'allocations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderLineId: text('order_line_id').notNull().references(() => orderLines.id),
    locationId: text('location_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [index('allocations_line_idx').on(t.orderLineId)],
);

/** The audit trail: every status change, who made it and why. */
export const orderTransitions = orders.table(
  'order_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: text('order_id').notNull().references(() => orderHeaders.id),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    /** The decision rule that made this change, when a rule (not a person) decided. */
    rule: text('rule'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('order_transitions_order_idx').on(t.orderId, t.id)],
);

export const orderExceptions = orders.table(
  'order_exceptions',
  {
    id: text('id').primaryKey(), // exc_...
    orderId: text('order_id').notNull().references(() => orderHeaders.id),
    cause: text('cause').notNull(),
    status: exceptionStatus('status').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, mode: 'date' }).notNull(),
    assignee: text('assignee'),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    /** When its SLA passed while it was still open (an SLA_BREACH exception was raised then). */
    breachedAt: timestamp('breached_at', { withTimezone: true, mode: 'date' }),
    /** For an SLA_BREACH: the exception whose due time passed. */
    sourceExceptionId: text('source_exception_id'),
  },
  (t) => [
    index('order_exceptions_order_idx').on(t.orderId),
    index('order_exceptions_status_idx').on(t.status, t.openedAt),
    index('order_exceptions_due_idx').on(t.status, t.slaDueAt),
  ],
);

/** The exception causes and how long the team has to handle each. */
export const exceptionCauses = orders.table('exception_causes', {
  cause: text('cause').primaryKey(),
  description: text('description').notNull(),
  slaMinutes: integer('sla_minutes').notNull(),
});

export const ruleOutcome = orders.enum('rule_outcome', ['RISK_REVIEW', 'ON_HOLD', 'AUTO_RELEASE']);

/**
 * Governance as data: when every condition holds, the outcome applies. RISK_REVIEW and ON_HOLD rules gate an
 * order at capture (the lowest rank that matches wins); AUTO_RELEASE rules release an allocated order.
 */
export const decisionRules = orders.table('decision_rules', {
  code: text('code').primaryKey(),
  description: text('description').notNull(),
  rank: integer('rank').notNull(),
  outcome: ruleOutcome('outcome').notNull(),
  /** The exception a gating rule opens (a cause in exception_causes); null for AUTO_RELEASE. */
  exceptionCause: text('exception_cause'),
  conditions: jsonb('conditions').notNull().$type<Record<string, unknown>>(),
  enabled: boolean('enabled').notNull().default(true),
});

export const shortagePolicy = orders.enum('shortage_policy', ['BACKORDER', 'REFUSE']);

/** Orders' view of the catalog's channels (projected from catalog events) plus orders' own policy per channel. */
export const orderChannels = orders.table('channels', {
  code: text('code').primaryKey(),
  channelId: text('channel_id').notNull(),
  name: text('name').notNull(),
  priority: integer('priority').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  /** What capture does when the channel's nodes cannot fill an order: wait for stock, or refuse it. */
  onShortage: shortagePolicy('on_shortage').notNull().default('BACKORDER'),
});

/** Orders' view of the catalog's products and prices, projected from catalog events. */
export const orderProducts = orders.table('products', {
  productId: text('product_id').primaryKey(),
  sku: text('sku').notNull().unique(),
  currency: char('currency', { length: 3 }).notNull(),
  priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
});

export const orderChannelPrices = orders.table(
  'channel_prices',
  {
    channelCode: text('channel_code').notNull(),
    productId: text('product_id').notNull(),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelCode, t.productId] })],
);

export const stockRequestKind = orders.enum('stock_request_kind', ['RESERVE', 'RELEASE', 'SHIP']);
export const stockRequestStatus = orders.enum('stock_request_status', ['PENDING', 'DONE']);

/**
 * Calls orders makes to inventory, written before the call: a crash between the call and recording its
 * outcome leaves a PENDING row that the reconciler finishes (or compensates). `key` is the idempotency key
 * inventory sees, so a retried call has one effect.
 */
export const stockRequests = orders.table(
  'stock_requests',
  {
    key: text('key').primaryKey(),
    orderId: text('order_id').notNull(),
    kind: stockRequestKind('kind').notNull(),
    requestHash: text('request_hash').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    status: stockRequestStatus('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_requests_pending_idx').on(t.status, t.createdAt),
    index('stock_requests_order_idx').on(t.orderId),
    // One reservation attempt per order at a time: undoing a stale attempt releases the order's reservations,
    // which is only exact while no other attempt for the same order is in flight.
    uniqueIndex('stock_requests_one_reserve_per_order')
      .on(t.orderId)
      .where(sql`${t.kind} = 'RESERVE' and ${t.status} = 'PENDING'`),
  ],
);

/** Products whose sellable stock went up, noted from inventory events, so backordered orders are retried. */
export const stockArrivals = orders.table('stock_arrivals', {
  productId: text('product_id').primaryKey(),
  noticedAt: timestamp('noticed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const shipments = orders.table(
  'shipments',
  {
    id: text('id').primaryKey(), // shp_...
    orderId: text('order_id').notNull().references(() => orderHeaders.id),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    shippedAt: timestamp('shipped_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('shipments_order_idx').on(t.orderId)],
);

export const ordersEvents = eventsTable(orders);
export const ordersIdempotencyKeys = idempotencyKeysTable(orders);
export const ordersConsumerCursors = consumerCursorsTable(orders);
