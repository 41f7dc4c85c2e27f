import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEvents, executeRows, type Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { appendEvents, type DomainEvent } from '../src/outbox';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

const event = (i: number, occurredAt?: Date): DomainEvent => ({
  entityType: 'Product',
  entityId: `prd_${i}`,
  type: 'ProductCreated',
  payload: { productId: `prd_${i}`, n: i, tags: ['a', 'é'] },
  ...(occurredAt ? { occurredAt } : {}),
});

const stored = () => database.db.select().from(catalogEvents).orderBy(asc(catalogEvents.seq));

describe('appendEvents', () => {
  it('appends a bulk load of any size in array order, with the times it is given', async () => {
    const base = Date.UTC(2026, 0, 1);
    const events = Array.from({ length: 4_501 }, (_, i) => event(i, new Date(base + i * 1000)));
    const appended = await database.db.transaction((tx) => appendEvents(tx, 'catalog', catalogEvents, events));

    expect(appended).toHaveLength(events.length);
    expect(appended.every(({ seq }, i) => i === 0 || seq === appended[i - 1]!.seq + 1)).toBe(true);
    const rows = await stored();
    expect(rows.map((r) => r.seq)).toEqual(appended.map((a) => a.seq));
    expect(rows.map((r) => r.entityId)).toEqual(events.map((e) => e.entityId));
    expect(rows[4_500]).toMatchObject({ payload: events[4_500]!.payload, occurredAt: new Date(base + 4_500_000) });
  });

  it('stamps events given no time with the transaction time, and leaves out anything that is not an event column', async () => {
    const [before] = await stored().then((rows) => rows.slice(-1));
    const { now } = await database.db.transaction(async (tx) => {
      await appendEvents(tx, 'catalog', catalogEvents, [{ ...event(1), note: 'not a column' } as DomainEvent, event(2)]);
      const [row] = await executeRows<{ now: Date | string }>(tx, sql`select now() as now`);
      return { now: new Date(row!.now) };
    });
    const added = (await stored()).filter((r) => r.seq > before!.seq);
    expect(added.map((r) => r.occurredAt.getTime())).toEqual([now.getTime(), now.getTime()]);
  });

  it('refuses a batch where only some events carry a time, and writes none of it', async () => {
    const count = (await stored()).length;
    await expect(
      database.db.transaction((tx) => appendEvents(tx, 'catalog', catalogEvents, [event(1, new Date()), event(2)])),
    ).rejects.toThrow(/given in some rows but not all/);
    expect(await stored()).toHaveLength(count);
  });

  it('returns at once for an empty batch', async () => {
    expect(await database.db.transaction((tx) => appendEvents(tx, 'catalog', catalogEvents, []))).toEqual([]);
  });
});
