import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderHeaders, orderLines, orderTransitions, type Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { insertAll } from '../src/bulkInsert';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

const order = (id: string) => ({
  id,
  number: `SO-${id}`,
  channelCode: 'WEB',
  status: 'CAPTURED' as const,
  customerEmail: 'a@example.com',
  customerName: 'A',
  shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
  currency: 'USD',
  totalMinor: 1000,
  riskSignals: ['AVS_MISMATCH'],
  createdAt: new Date('2026-03-01T10:00:00.123Z'),
});

describe('insertAll', () => {
  it('writes rows of several tables in one statement, children next to their parent, serial ids in array order', async () => {
    const statements: string[] = [];
    const counted = await createTestDb({ onQuery: (q) => statements.push(q) });
    try {
      await counted.db.transaction((tx) =>
        insertAll(tx, [
          { table: orderHeaders, rows: [order('o1')] },
          { table: orderLines, rows: [1, 2].map((n) => ({ id: `l${n}`, orderId: 'o1', lineNo: n, productId: `p${n}`, sku: `S${n}`, quantity: n, unitPriceMinor: 500 })) },
          { table: orderTransitions, rows: (['CAPTURED', 'ALLOCATED', 'RELEASED'] as const).map((to) => ({ orderId: 'o1', toStatus: to, actor: 'api', at: new Date() })) },
          { table: orderLines, rows: [] },
        ]),
      );
      expect(statements).toHaveLength(1);
      const [stored] = await counted.db.select().from(orderHeaders);
      expect(stored).toMatchObject({ ...order('o1'), idempotencyKey: null });
      expect((await counted.db.select().from(orderLines).orderBy(asc(orderLines.lineNo))).map((l) => [l.id, l.quantity])).toEqual([
        ['l1', 1],
        ['l2', 2],
      ]);
      const history = await counted.db.select().from(orderTransitions).where(eq(orderTransitions.orderId, 'o1')).orderBy(asc(orderTransitions.id));
      expect(history.map((h) => h.toStatus)).toEqual(['CAPTURED', 'ALLOCATED', 'RELEASED']);
    } finally {
      await counted.close();
    }
  });

  it('refuses a child whose parent is in neither the statement nor the table, writing nothing', async () => {
    await expect(
      database.db.transaction((tx) =>
        insertAll(tx, [
          { table: orderHeaders, rows: [order('o2')] },
          { table: orderLines, rows: [{ id: 'lx', orderId: 'missing', lineNo: 1, productId: 'p', sku: 'S', quantity: 1, unitPriceMinor: 1 }] },
        ]),
      ),
    ).rejects.toThrow();
    expect(await database.db.select().from(orderHeaders).where(eq(orderHeaders.id, 'o2'))).toEqual([]);
  });

  it('does nothing for nothing', async () => {
    await database.db.transaction((tx) => insertAll(tx, [{ table: orderLines, rows: [] }]));
  });
});
