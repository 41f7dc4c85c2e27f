import { asc, eq, gt, sql } from 'drizzle-orm';
import type { consumerCursorsTable, Db, eventsTable, Tx } from '@opsgraph/db';
import { outboxPollMs, outboxSignal } from './outbox';

type EventsTable = ReturnType<typeof eventsTable>;
type CursorsTable = ReturnType<typeof consumerCursorsTable>;
export type StoredEvent = EventsTable['$inferSelect'];

export type Consumer = {
  /** Handles every event committed so far; resolves when it has caught up. */
  catchUp(): Promise<number>;
  /** Keeps catching up on in-process signals and on a timer (other processes' writes); returns a stop function. */
  follow(options?: { pollMs?: number }): () => void;
};

/**
 * Reacts to another domain's outbox. The handler runs in the same transaction that advances this consumer's
 * cursor, so an event is applied exactly once to this domain's tables; handlers should still be idempotent
 * because the cursor may be reset to rebuild a projection.
 */
export function createConsumer(options: {
  db: Db;
  name: string;
  sourceDomain: string;
  source: EventsTable;
  cursors: CursorsTable;
  /** Applies one event; or give `handleBatch` to apply a whole batch in a few statements (a replay of history). */
  handle?(tx: Tx, event: StoredEvent): Promise<void>;
  handleBatch?(tx: Tx, events: StoredEvent[]): Promise<void>;
  batchSize?: number;
}): Consumer {
  const { db, name, source, cursors } = options;
  const handleBatch =
    options.handleBatch ??
    (async (tx: Tx, events: StoredEvent[]) => {
      for (const event of events) await options.handle!(tx, event);
    });
  const batchSize = options.batchSize ?? 500;
  let running: Promise<number> | null = null;
  let again = false;

  async function batch(): Promise<number> {
    return db.transaction(async (tx) => {
      await tx.insert(cursors).values({ consumer: name, lastSeq: 0 }).onConflictDoNothing();
      // The row lock makes concurrent replicas of this consumer take turns instead of double-applying.
      const [cursor] = await tx.select().from(cursors).where(eq(cursors.consumer, name)).for('update');
      const events = await tx
        .select()
        .from(source)
        .where(gt(source.seq, cursor!.lastSeq))
        .orderBy(asc(source.seq))
        .limit(batchSize);
      if (events.length > 0) await handleBatch(tx, events);
      const last = events[events.length - 1];
      if (last) {
        await tx
          .update(cursors)
          .set({ lastSeq: last.seq, updatedAt: sql`now()` })
          .where(eq(cursors.consumer, name));
      }
      return events.length;
    });
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await batch();
      total += handled;
      if (handled < batchSize) return total;
    }
  }

  function catchUp(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drain();
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function follow({ pollMs = outboxPollMs } = {}) {
    const wake = () => {
      catchUp().catch((error) => console.error(`consumer ${name} failed`, error));
    };
    outboxSignal.on(options.sourceDomain, wake);
    const timer = setInterval(wake, pollMs);
    timer.unref();
    wake();
    return () => {
      outboxSignal.off(options.sourceDomain, wake);
      clearInterval(timer);
    };
  }

  return { catchUp, follow };
}
