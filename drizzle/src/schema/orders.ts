import { bigint, bigserial, char, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { eventsTable, idempotencyKeysTable } from './events';

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

export const exceptionStatus = orders.enum('exception_status', ['OPEN', 'IN_PROGRESS', 'RESOLVED']);

export type ShipTo = { line1: string; city: string; postalCode: string; country: string };

export const orderHeaders = orders.table(
  'orders',
  {
    id: text('id').primaryKey(), // ord_...
    number: text('number').notNull().unique(), // SO-100001
    channelCode: text('channel_code').notNull(),
    status: orderStatus('status').notNull(),
    customerEmail: text('customer_email').notNull(),
    customerName: text('customer_name').notNull(),
    shipTo: jsonb('ship_to').notNull().$type<ShipTo>(),
    currency: char('currency', { length: 3 }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('orders_status_created_idx').on(t.status, t.createdAt), index('orders_channel_idx').on(t.channelCode)],
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
  },
  (t) => [index('order_exceptions_order_idx').on(t.orderId), index('order_exceptions_status_idx').on(t.status, t.openedAt)],
);

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
