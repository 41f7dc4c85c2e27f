import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, eventsTable, Tx } from '@opsgraph/db';
import { z } from 'zod';
import { parseEnv } from './env';
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
 * Wake-ups for outbox readers (subscriptions, consumers), by domain, fired after commit. In one process it is
 * this emitter; on Postgres, commits in other processes arrive here too, relayed from NOTIFY (see below), so a
 * reader listens the same way whichever process committed. Readers also poll, in case a wake-up is lost.
 */
export const outboxSignal = new EventEmitter().setMaxListeners(0);

/** How often outbox readers look for commits they were not woken for (OUTBOX_POLL_MS, default 1 s). */
export const outboxPollMs = parseEnv({ OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000) }).OUTBOX_POLL_MS;

/** Call after a transaction that appended events to `domain`'s outbox has committed (never inside it). */
export function signalCommitted(domain: string): void {
  outboxSignal.emit(domain);
  for (const relay of relays.values()) relay.announce(domain);
}

const CHANNEL = 'opsgraph_outbox';
/** Tells this process's own notifications apart: its readers were woken already. */
const PROCESS_TAG = randomUUID();

type Relay = { users: number; announce(domain: string): void; stop(): Promise<void> };
const relays = new Map<Database, Relay>();

/**
 * Relays outbox commits between the processes sharing a Postgres database: commits here are announced with
 * NOTIFY after they commit, and announcements from other processes wake this process's readers. A no-op on
 * the embedded database. Shared by every server of the process on the same database; returns its release.
 */
export async function relayOutboxCommits(database: Database): Promise<() => Promise<void>> {
  const { notifications } = database;
  if (!notifications) return async () => {};
  let relay = relays.get(database);
  if (!relay) {
    const stopListening = await notifications.listen(CHANNEL, (payload) => {
      const [tag, domain] = payload.split(' ');
      if (tag !== PROCESS_TAG && domain) outboxSignal.emit(domain);
    });
    // One NOTIFY in flight per domain: commits while it is out are covered by one more after it, so a busy
    // writer sends a few notifications a round trip, not one per commit.
    const sending = new Map<string, 'sending' | 'again'>();
    const send = (domain: string) => {
      sending.set(domain, 'sending');
      notifications
        .notify(CHANNEL, `${PROCESS_TAG} ${domain}`)
        .catch((error: Error) => console.warn(`outbox: could not notify other processes of a ${domain} commit (they will poll): ${error.message}`))
        .finally(() => {
          if (sending.get(domain) === 'again') send(domain);
          else sending.delete(domain);
        });
    };
    relay = {
      users: 0,
      announce: (domain) => (sending.has(domain) ? void sending.set(domain, 'again') : send(domain)),
      stop: stopListening,
    };
    relays.set(database, relay);
  }
  relay.users += 1;
  const shared = relay;
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    relays.delete(database);
    await shared.stop().catch(() => {}); // the database may be closing already
  };
}
