import { asc, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogEvents, type Database } from '@opsgraph/db';
import { createTestDb, onPostgres } from '@opsgraph/db/testing';
import { appendEvents, appendEventsSql } from '../src/outbox';

// A reader that resumes after the highest seq it has seen must never later find a committed event below it.
// Only real Postgres runs writers side by side (PGlite commits one transaction at a time).
describe.skipIf(!onPostgres)('outbox ordering (needs real Postgres: skipped because DATABASE_URL is unset)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDb({ poolSize: 12 });
  });
  afterAll(() => database?.close());

  it('never lets a cursor reader skip an event that commits late', async () => {
    const writers = 8;
    const perWriter = 40;
    let writing = true;
    const seen: number[] = [];
    let cursor = 0;

    // Polls like a consumer: everything after the cursor, in seq order; the cursor moves to the last seen.
    const reader = (async () => {
      while (writing || seen.length < writers * perWriter) {
        const rows = await database.db
          .select({ seq: catalogEvents.seq })
          .from(catalogEvents)
          .where(gt(catalogEvents.seq, cursor))
          .orderBy(asc(catalogEvents.seq));
        for (const row of rows) seen.push(row.seq);
        if (rows.length > 0) cursor = rows[rows.length - 1]!.seq;
        if (!writing && rows.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    // Each writer's transactions stay open a random while after appending, so commits come out of seq order
    // unless the outbox prevents it. Half the writers append with appendEvents, half with the one-statement
    // appendEventsSql (the lock taken inside the INSERT).
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          await database.db.transaction(async (tx) => {
            const events = [{ entityType: 'Product', entityId: `prd_${w}_${i}`, type: 'ProductCreated', payload: { w, i } }];
            if (w % 2 === 0) await appendEvents(tx, 'catalog', catalogEvents, events);
            else await tx.execute(appendEventsSql('catalog', catalogEvents, events));
            await tx.execute(sql`select pg_sleep(${Math.random() * 0.004})`);
          });
        }
      }),
    );
    writing = false;
    await reader;

    const committed = await database.db.select({ seq: catalogEvents.seq }).from(catalogEvents);
    expect(committed).toHaveLength(writers * perWriter);
    // The reader saw every committed event exactly once: none was below its cursor when it became visible.
    expect([...seen].sort((a, b) => a - b)).toEqual(committed.map((r) => r.seq).sort((a, b) => a - b));
  });
});
