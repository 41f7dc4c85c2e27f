import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { eventsTable, Tx } from '@opsgraph/db';

type EventsTable = ReturnType<typeof eventsTable>;

export type DomainEvent = {
  entityType: string;
  entityId: string;
  type: string;
  payload: Record<string, unknown>;
};

/** Advisory lock ids, one per domain outbox. */
const outboxLocks: Record<string, number> = { catalog: 7406101, inventory: 7406102, orders: 7406103, returns: 7406104, finance: 7406105 };

/**
 * Appends events to a domain's outbox inside the transaction that made the change. Call it last in the
 * transaction: the lock it takes makes sequence order equal commit order, so a reader resuming after
 * cursor N can never later find an event below N committed behind its back.
 */
export async function appendEvents(tx: Tx, domain: keyof typeof outboxLocks, table: EventsTable, events: DomainEvent[]) {
  if (events.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${outboxLocks[domain]!}::bigint)`);
  return tx.insert(table).values(events).returning({ seq: table.seq });
}

/**
 * In-process wake-up for outbox readers, fired after commit. Across processes readers poll (and, later,
 * LISTEN/NOTIFY sent after commit).
 */
export const outboxSignal = new EventEmitter().setMaxListeners(0);

export function signalCommitted(domain: string): void {
  outboxSignal.emit(domain);
}
