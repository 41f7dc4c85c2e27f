import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lte } from 'drizzle-orm';
import { catalogEvents, type Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { encodeCursor } from '../src/connection';
import type { StoredEvent } from '../src/consumer';
import { appendEvents, outboxSignal, signalCommitted } from '../src/outbox';
import { outboxSubscription, type OutboxSubscriptionOptions } from '../src/outboxSubscription';

let database: Database;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(() => database.close());

let n = 0;
/** Appends events (type Tick unless given) and returns their seqs; signals the commit unless told not to. */
async function append(count: number, options: { type?: string; signal?: boolean } = {}): Promise<number[]> {
  const events = Array.from({ length: count }, () => {
    const i = ++n;
    return { entityType: 'Clock', entityId: `clk_${i}`, type: options.type ?? 'Tick', payload: { n: i } };
  });
  const seqs = await database.db.transaction((tx) => appendEvents(tx, 'catalog', catalogEvents, events));
  if (options.signal !== false) signalCommitted('catalog');
  return seqs.map(({ seq }) => seq);
}

type Tick = StoredEvent & { type: 'Tick' };
const batches: number[] = [];

function ticks(options: Partial<OutboxSubscriptionOptions<Tick, { n: number }>> = {}) {
  return outboxSubscription<Tick, { n: number }>({
    db: database.db,
    domain: 'catalog',
    table: catalogEvents,
    accept: (event): event is Tick => event.type === 'Tick',
    async map(events) {
      batches.push(events.length);
      return events.map((event) => ({ n: event.payload.n as number }));
    },
    ...options,
  });
}

async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const values: T[] = [];
  for (let i = 0; i < count; i++) {
    const result = await iterator.next();
    if (result.done) throw new Error(`ended after ${i}`);
    values.push(result.value);
  }
  return values;
}

describe('outboxSubscription', () => {
  it('replays the events after a cursor a page at a time, then follows new ones; each carries its cursor', async () => {
    const seqs = await append(2);
    await append(1, { type: 'Other' });
    const later = await append(3);
    batches.length = 0;
    const stream = await ticks({ after: encodeCursor(String(seqs[0])), pageSize: 2 });
    const replayed = await take(stream, 4);
    expect(replayed.map((t) => t.n)).toEqual([n - 4, n - 2, n - 1, n]);
    expect(replayed.at(-1)!.cursor).toBe(encodeCursor(String(later.at(-1))));
    expect(Math.max(...batches)).toBeLessThanOrEqual(2);

    const next = stream.next();
    await append(2);
    expect((await next).value).toMatchObject({ n: n - 1 });
    expect((await stream.next()).value).toMatchObject({ n });
    await stream.return!();

    // Resuming from a delivered cursor starts right after that event.
    const resumed = await ticks({ after: replayed[1]!.cursor });
    expect((await take(resumed, 2)).map((t) => t.n)).toEqual([replayed[2]!.n, replayed[3]!.n]);
    await resumed.return!();
  });

  it('without a cursor, starts at the end of the outbox', async () => {
    await append(3);
    const stream = await ticks();
    const next = stream.next();
    await append(1);
    expect((await next).value).toMatchObject({ n });
    await stream.return!();
  });

  it('finds events committed without the in-process signal (another process) by polling', async () => {
    const stream = await ticks({ pollMs: 100 });
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 30)); // its first read is done: it sleeps until the poll
    await append(1, { signal: false });
    expect((await next).value).toMatchObject({ n });
    await stream.return!();
  });

  it('refuses a cursor the outbox never gave: malformed, not a sequence number, or beyond its end', async () => {
    const [last] = await append(1);
    for (const after of ['%%%', encodeCursor('abc'), encodeCursor('01'), encodeCursor('-1'), encodeCursor(String(last! + 1))]) {
      await expect(ticks({ after }), after).rejects.toMatchObject({ extensions: { code: 'INVALID_CURSOR', argument: 'after' } });
    }
    await (await ticks({ after: encodeCursor(String(last)) })).return!();
  });

  it('refuses a cursor older than the oldest event kept (pruned since) with CURSOR_EXPIRED, and replays from one still kept', async () => {
    const [first, second, third] = await append(3);
    await database.db.delete(catalogEvents).where(lte(catalogEvents.seq, second!));
    for (const pruned of [0, first!]) {
      await expect(ticks({ after: encodeCursor(String(pruned)) })).rejects.toMatchObject({ extensions: { code: 'CURSOR_EXPIRED', argument: 'after' } });
    }
    // Right after the last pruned event nothing is missing: the replay starts at the oldest kept.
    const stream = await ticks({ after: encodeCursor(String(second)) });
    expect((await take(stream, 1))[0]).toMatchObject({ cursor: encodeCursor(String(third)) });
    await stream.return!();
  });

  it('ends a waiting next() as soon as it is returned, releasing its listener and timer', async () => {
    const listeners = outboxSignal.listenerCount('catalog');
    const stream = await ticks({ pollMs: 60_000 });
    expect(outboxSignal.listenerCount('catalog')).toBe(listeners + 1);
    const waiting = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(Date.now() - started).toBeLessThan(100);
    expect(outboxSignal.listenerCount('catalog')).toBe(listeners);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
