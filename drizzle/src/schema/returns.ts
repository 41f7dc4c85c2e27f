import { bigint, char, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { eventsTable, idempotencyKeysTable } from './events';

export const returns = pgSchema('returns');

export const returnStatus = returns.enum('return_status', [
  'REQUESTED',
  'RECEIVED',
  'INSPECTED',
  'REFUNDED',
  'CLOSED',
  'REJECTED',
]);

export const disposition = returns.enum('disposition', ['RESTOCK', 'REFURBISH', 'LIQUIDATE', 'SCRAP', 'RETURN_TO_VENDOR']);

export const refundStatus = returns.enum('refund_status', ['PENDING', 'APPROVED', 'PAID']);

export const returnHeaders = returns.table(
  'returns',
  {
    id: text('id').primaryKey(), // ret_...
    number: text('number').notNull().unique(), // RMA-100001
    orderId: text('order_id').notNull(),
    status: returnStatus('status').notNull(),
    idempotencyKey: text('idempotency_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('returns_order_idx').on(t.orderId)],
);

export const returnLines = returns.table(
  'return_lines',
  {
    returnId: text('return_id').notNull().references(() => returnHeaders.id),
    orderLineId: text('order_line_id').notNull(),
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull(),
    disposition: disposition('disposition'),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.orderLineId] })],
);

export const refunds = returns.table('refunds', {
  id: text('id').primaryKey(), // rfd_...
  returnId: text('return_id').notNull().unique().references(() => returnHeaders.id),
  currency: char('currency', { length: 3 }).notNull(),
  amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  status: refundStatus('status').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const returnsEvents = eventsTable(returns);
export const returnsIdempotencyKeys = idempotencyKeysTable(returns);
