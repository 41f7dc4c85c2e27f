import { sql } from 'drizzle-orm';
import { refunds, returnHeaders, returnLines, type Db } from '@opsgraph/db';
import type { ReturnStatus } from '../src/returnRules';

const statuses: ReturnStatus[] = ['REQUESTED', 'RECEIVED', 'INSPECTED', 'REFUNDED', 'CLOSED', 'REJECTED'];

/**
 * 25 returns a minute apart, except three created within one millisecond (told apart only by microseconds)
 * and two created at exactly the same instant, so paging has to get the tie-breaks right.
 */
export const returnFixtures = Array.from({ length: 25 }, (_, i) => {
  const id = `ret_${String(i).padStart(2, '0')}`;
  const minute = String(i).padStart(2, '0');
  const at =
    i === 10 ? '2024-03-01T10:10:00.123400Z'
    : i === 11 ? '2024-03-01T10:10:00.123500Z'
    : i === 12 ? '2024-03-01T10:10:00.123450Z'
    : i === 13 || i === 14 ? '2024-03-01T10:13:00.000001Z'
    : `2024-03-01T10:${minute}:00.000000Z`;
  const orderId = i === 0 || i === 1 ? 'ord_a' : i === 2 ? 'ord_b' : `ord_${i}`;
  return { id, number: `RMA-${100000 + i}`, orderId, status: statuses[i % statuses.length]!, at };
});

/** Ids newest first, ties broken by id descending: the order `returns` must page in. */
export const newestFirst = [...returnFixtures]
  .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
  .map((r) => r.id);

export async function insertReturnsFixtures(db: Db) {
  await db.insert(returnHeaders).values(
    returnFixtures.map(({ at, ...row }) => ({ ...row, createdAt: sql`${at}::timestamptz` })),
  );
  await db.insert(returnLines).values([
    { returnId: 'ret_00', orderLineId: 'oln_a2', quantity: 1, reason: 'Wrong size', disposition: null },
    { returnId: 'ret_00', orderLineId: 'oln_a1', quantity: 2, reason: 'Damaged in transit', disposition: 'SCRAP' },
    { returnId: 'ret_01', orderLineId: 'oln_a1', quantity: 1, reason: 'Changed mind', disposition: 'RESTOCK' },
    { returnId: 'ret_02', orderLineId: 'oln_b1', quantity: 1, reason: 'Not as described', disposition: null },
  ]);
  await db.insert(refunds).values({
    id: 'rfd_1',
    returnId: 'ret_01',
    currency: 'USD',
    amountMinor: 1250,
    status: 'APPROVED',
    createdAt: new Date('2024-03-02T09:00:00.000Z'),
  });
}
