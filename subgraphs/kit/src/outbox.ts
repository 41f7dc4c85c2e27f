import { EventEmitter } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { eventsTable, Tx } from '@opsgraph/db';
import { bulkInsert, insertSql } from './bulkInsert';

type EventsTable = ReturnType<typeof eventsTable>;

export type DomainEvent = {
  entityType: string;
  entityId: string;
  type: string;
  payload: Record<string, unknown>;
  /** When it happened; defaults to the transaction's `now()`. Give it for every event of a call or for none. */
  occurredAt?: Date;
};

/** Advisory lock ids, one per domain outbox. */
const outboxLocks: Record<string, number> = { catalog: 7406101, inventory: 7406102, orders: 7406103, returns: 7406104, finance: 7406105 };

/** Events per INSERT: big enough that a bulk load is a handful of statements, small enough to stay cheap in memory. */
const EVENTS_PER_STATEMENT = 2000;

/**
 * Appends events to a domain's outbox inside the transaction that made the change, in array order, and
 * returns their sequence numbers. Call it last in the transaction: the lock it takes makes sequence order
 * equal commit order, so a reader resuming after cursor N can never later find an event below N committed
 * behind its back. Any number of events: large batches (a bulk load) go in multi-row chunks under the one lock.
 */
export async function appendEvents(
  tx: Tx,
  domain: keyof typeof outboxLocks,
  table: EventsTable,
  events: readonly DomainEvent[],
): Promise<{ seq: number }[]> {
  if (events.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${outboxLocks[domain]!}::bigint)`);
  const appended: { seq: number }[] = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const rows = events
      .slice(i, i + EVENTS_PER_STATEMENT)
      .map(({ entityType, entityId, type, payload, occurredAt }) => ({ entityType, entityId, type, payload, occurredAt }));
    // bigserial comes back as a string from postgres-js, a number from PGlite.
    for (const row of await bulkInsert(tx, table, rows, ['seq'])) appended.push({ seq: Number(row.seq) });
  }
  return appended;
}

/**
 * appendEvents as one INSERT to run inside a bigger statement (an `insertAll` part): the same lock, taken by
 * the statement itself. The rows are joined to the lock's one-row CTE, so no row (and no `seq` default) is
 * produced before the lock is held: the order appendEvents gets from two statements. Run it last in the
 * transaction, as appendEvents. For the few events of one change; bulk loads use appendEvents.
 */
export function appendEventsSql(domain: keyof typeof outboxLocks, table: EventsTable, events: readonly DomainEvent[]): SQL {
  if (events.length === 0 || events.length > EVENTS_PER_STATEMENT) throw new Error(`appendEventsSql: 1 to ${EVENTS_PER_STATEMENT} events, not ${events.length}`);
  const rows = events.map(({ entityType, entityId, type, payload, occurredAt }) => ({ entityType, entityId, type, payload, occurredAt }));
  return insertSql(table, rows, sql`select pg_advisory_xact_lock(${outboxLocks[domain]!}::bigint)`);
}

/**
 * In-process wake-up for outbox readers, fired after commit. Across processes readers poll (and, later,
 * LISTEN/NOTIFY sent after commit).
 */
export const outboxSignal = new EventEmitter().setMaxListeners(0);

export function signalCommitted(domain: string): void {
  outboxSignal.emit(domain);
}
