import { sql } from 'drizzle-orm';
import {
  allocations,
  orderExceptions,
  orderHeaders,
  orderLines,
  orderTransitions,
  shipments,
  type Db,
} from '@opsgraph/db';
import type { OrderStatus } from '../src/lifecycle';

/** Timestamps are written as text so fixtures can hold microseconds, which a JS Date cannot. */
const at = (iso: string) => sql`${iso}::timestamptz`;

type ListOrder = { id: string; number: string; status: OrderStatus; channelCode: string; createdAt: string };
type QueueException = { id: string; orderId: string; cause: string; status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED'; openedAt: string };

const listStatuses: OrderStatus[] = ['CAPTURED', 'ALLOCATED', 'SHIPPED', 'BACKORDERED', 'DELIVERED'];
const causes = ['STOCKOUT', 'HIGH_VALUE_RISK', 'ADDRESS_INVALID'];
const exceptionStatuses = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'OPEN'] as const;

/**
 * 30 plain orders whose timestamps are built to trip a careless cursor: ten a minute apart, ten inside one
 * millisecond (differing only in microseconds) and ten at exactly the same instant (only the id orders them).
 */
export const listOrders: ListOrder[] = Array.from({ length: 30 }, (_, i) => {
  const n = String(i).padStart(2, '0');
  const createdAt =
    i < 10
      ? `2026-01-10T09:${n}:00.000000Z`
      : i < 20
        ? `2026-01-10T10:00:00.123${String(i * 7).padStart(3, '0')}Z`
        : '2026-01-10T11:00:00.500000Z';
  return {
    id: `ord_l${n}`,
    number: `SO-1000${n}`,
    status: listStatuses[i % listStatuses.length]!,
    channelCode: i % 3 === 0 ? 'AMAZON' : 'WEB',
    createdAt,
  };
});

/** The order every detail test reads (and the newest): two lines, one split over two locations, a full history. */
export const detailOrder = {
  id: 'ord_detail',
  number: 'SO-200001',
  status: 'SHIPPED' as const,
  channelCode: 'WEB',
  createdAt: '2026-01-12T08:00:00.000000Z',
};

/** The exception queue: ties on openedAt included, over several causes and statuses. */
export const queueExceptions: QueueException[] = Array.from({ length: 12 }, (_, i) => ({
  id: `exc_q${String(i).padStart(2, '0')}`,
  orderId: listOrders[i]!.id,
  cause: causes[i % causes.length]!,
  status: exceptionStatuses[i % exceptionStatuses.length]!,
  // Pairs share a timestamp, and later ids are older, so neither insertion order nor id alone gives the answer.
  openedAt: `2026-01-11T${String(20 - Math.floor(i / 2)).padStart(2, '0')}:00:00.000001Z`,
}));

const detailExceptions: QueueException[] = [
  { id: 'exc_d1', orderId: detailOrder.id, cause: 'HIGH_VALUE_RISK', status: 'RESOLVED', openedAt: '2026-01-12T08:00:01.000000Z' },
  { id: 'exc_d2', orderId: detailOrder.id, cause: 'ADDRESS_INVALID', status: 'OPEN', openedAt: '2026-01-12T08:30:00.000000Z' },
];

export const allExceptions = [...detailExceptions, ...queueExceptions];

/** Four hours to handle an exception, from when it opened. */
export function slaDueAt(openedAt: string): string {
  return new Date(Date.parse(openedAt) + 4 * 3600_000).toISOString();
}

export async function insertOrdersFixtures(db: Db) {
  await db.insert(orderHeaders).values(
    [...listOrders, detailOrder].map((o, i) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      channelCode: o.channelCode,
      customerEmail: o.id === detailOrder.id ? 'ana@example.com' : `buyer${i}@example.com`,
      customerName: o.id === detailOrder.id ? 'Ana Lima' : `Buyer ${i}`,
      shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
      currency: 'USD',
      totalMinor: o.id === detailOrder.id ? 5799 : 1000 + i,
      createdAt: at(o.createdAt),
    })),
  );
  await db.insert(orderLines).values([
    { id: 'oln_d1', orderId: detailOrder.id, lineNo: 1, productId: 'prd_1', sku: 'SKU-001', quantity: 2, unitPriceMinor: 1299 },
    { id: 'oln_d2', orderId: detailOrder.id, lineNo: 2, productId: 'prd_2', sku: 'SKU-002', quantity: 3, unitPriceMinor: 1067 },
    { id: 'oln_l00', orderId: 'ord_l00', lineNo: 1, productId: 'prd_3', sku: 'SKU-003', quantity: 1, unitPriceMinor: 1000 },
  ]);
  await db.insert(allocations).values([
    { orderLineId: 'oln_d2', locationId: 'loc_west', quantity: 2 },
    { orderLineId: 'oln_d1', locationId: 'loc_east', quantity: 2 },
    { orderLineId: 'oln_d2', locationId: 'loc_east', quantity: 1 },
  ]);
  // Another order's history is written in between, so grouping by order must not rely on adjacency.
  const detailHistory: { from: OrderStatus | null; to: OrderStatus; actor: string; reason: string | null }[] = [
    { from: null, to: 'CAPTURED', actor: 'partner:web', reason: null },
    { from: 'CAPTURED', to: 'RISK_REVIEW', actor: 'system', reason: 'high value and new customer' },
    { from: 'RISK_REVIEW', to: 'ALLOCATED', actor: 'ops:ana', reason: 'verified by phone' },
    { from: 'ALLOCATED', to: 'RELEASED', actor: 'system', reason: null },
    { from: 'RELEASED', to: 'PICKED', actor: 'wms', reason: null },
    { from: 'PICKED', to: 'PACKED', actor: 'wms', reason: null },
    { from: 'PACKED', to: 'SHIPPED', actor: 'wms', reason: 'UPS 1Z999' },
  ];
  for (const [i, step] of detailHistory.entries()) {
    await db.insert(orderTransitions).values({
      orderId: detailOrder.id,
      fromStatus: step.from,
      toStatus: step.to,
      actor: step.actor,
      reason: step.reason,
      // The last two share a timestamp: the audit trail keeps the order they were written in.
      at: at(`2026-01-12T${String(8 + Math.min(i, 5)).padStart(2, '0')}:00:00.000000Z`),
    });
    if (i === 2) {
      await db.insert(orderTransitions).values({ orderId: 'ord_l00', toStatus: 'CAPTURED', actor: 'partner:amazon' });
    }
  }
  await db.insert(orderExceptions).values(
    allExceptions.map((e, i) => ({
      id: e.id,
      orderId: e.orderId,
      cause: e.cause,
      status: e.status,
      openedAt: at(e.openedAt),
      slaDueAt: at(slaDueAt(e.openedAt)),
      assignee: i % 2 === 0 ? 'ops:ana' : null,
    })),
  );
  await db.insert(shipments).values({
    id: 'shp_d1',
    orderId: detailOrder.id,
    carrier: 'UPS',
    trackingNumber: '1Z999',
    shippedAt: at('2026-01-12T13:00:00.000000Z'),
  });
}
