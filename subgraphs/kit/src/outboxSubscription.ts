import { and, asc, gt, max, min, type SQL } from 'drizzle-orm';
import type { Db, eventsTable } from '@opsgraph/db';
import { decodeCursor, encodeCursor } from './connection';
import type { StoredEvent } from './consumer';
import { badInput } from './errors';
import { outboxPollMs, outboxSignal } from './outbox';

type EventsTable = ReturnType<typeof eventsTable>;

export type OutboxSubscriptionOptions<E extends StoredEvent, T extends object> = {
  db: Db;
  /** The outbox's domain: its in-process commit signal wakes the subscription. */
  domain: string;
  table: EventsTable;
  /** The client's cursor: replay starts right after that event. Absent: only events committed from now on. */
  after?: string | null;
  /** Narrows the rows read in the database (entity type, the client's filters): the rest never leave it. */
  where?: SQL;
  /** Narrows a row to the events delivered (a catalogue's `is`); other rows are passed over. */
  accept(event: StoredEvent): event is E;
  /** The payloads of a batch of events, in order, read as things are now (through loaders: one query a batch). */
  map(events: E[]): Promise<T[]>;
  /** The subscription's DataLoaders: emptied before each batch, so each batch reads fresh, as a new request would. */
  loaders?: object;
  /** Told the cursor the stream starts after (the subscriber's `after`, or the outbox's end when it gave none). */
  started?: (cursor: string) => void;
  /** Rows read at a time; the most payloads held in memory. */
  pageSize?: number;
  /** How often to look for rows committed by other processes, which the in-process signal does not see. */
  pollMs?: number;
};

export type OutboxChange<T> = T & { cursor: string };

/**
 * A subscription's source stream over a domain's outbox: replays the events after the client's cursor, then
 * follows new ones, woken by the in-process commit signal or a short poll. Every payload carries the cursor
 * of its event, and passing it back as `after` resumes right after it: the outbox's seq order is commit order
 * (appendEvents' lock), so reading `seq > cursor` never skips an event that commits late.
 *
 * Throws INVALID_CURSOR for a cursor the outbox never gave (malformed, or beyond its end) before any event,
 * rather than starting somewhere else. The iterator honours `return()` while it waits (an async generator
 * would not until its next event), which releases the signal listener and the timer at once.
 */
export async function outboxSubscription<E extends StoredEvent, T extends object>(
  options: OutboxSubscriptionOptions<E, T>,
): Promise<AsyncIterableIterator<OutboxChange<T>>> {
  const { db, table, domain, pageSize = 200, pollMs = outboxPollMs } = options;
  let position = await startPosition(db, table, options.after);
  options.started?.(encodeCursor(String(position)));
  const finished: IteratorReturnResult<undefined> = { value: undefined, done: true };
  let buffer: OutboxChange<T>[] = [];
  let closed = false;
  // Set by the signal while a read is in flight, so a commit between the read and the wait is not slept past.
  let behind = true;
  let wake: (() => void) | null = null;
  const onSignal = () => {
    behind = true;
    wake?.();
  };
  outboxSignal.on(domain, onSignal);

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake?.(), pollMs);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function fill(): Promise<void> {
    while (!closed && buffer.length === 0) {
      if (!behind) await sleep();
      if (closed) return;
      behind = false;
      const rows = await db
        .select()
        .from(table)
        .where(and(gt(table.seq, position), options.where))
        .orderBy(asc(table.seq))
        .limit(pageSize);
      if (rows.length === pageSize) behind = true; // a full page: more is waiting
      const last = rows[rows.length - 1];
      if (!last) continue;
      const events = rows.filter(options.accept);
      if (events.length > 0) {
        for (const loader of Object.values(options.loaders ?? {})) (loader as { clearAll?(): void }).clearAll?.();
        const payloads = await options.map(events);
        buffer = events.map((event, i) => ({ ...payloads[i]!, cursor: encodeCursor(String(event.seq)) }));
      }
      position = Number(last.seq);
    }
  }

  function close() {
    if (closed) return;
    closed = true;
    buffer = [];
    outboxSignal.off(domain, onSignal);
    wake?.();
  }

  async function pull(): Promise<IteratorResult<OutboxChange<T>>> {
    if (buffer.length === 0 && !closed) {
      try {
        await fill();
      } catch (error) {
        if (closed) return finished; // e.g. the database closed under a read after return()
        close();
        throw error;
      }
    }
    const next = closed ? undefined : buffer.shift();
    return next ? { value: next, done: false } : finished;
  }

  // Calls to next() take turns, so two reads never start from the same position.
  let turn: Promise<unknown> = Promise.resolve();
  const iterator: AsyncIterableIterator<OutboxChange<T>> = {
    next() {
      const result = turn.then(pull);
      turn = result.catch(() => {});
      return result;
    },
    async return() {
      close();
      return finished;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Where the stream starts: right after the client's cursor, or at the outbox's end when there is none. A cursor
 * is the seq of an event the outbox held, so one further below the oldest event kept means events after it may
 * have been pruned: that is CURSOR_EXPIRED, never a replay with a silent gap. (Whoever prunes keeps the newest.)
 */
async function startPosition(db: Db, table: EventsTable, after: string | null | undefined): Promise<number> {
  const [row] = await db.select({ first: min(table.seq), last: max(table.seq) }).from(table);
  const end = Number(row?.last ?? 0);
  if (!after) return end;
  const key = decodeCursor(after);
  const seq = Number(key);
  if (!Number.isSafeInteger(seq) || seq < 0 || String(seq) !== key) {
    throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  }
  if (seq > end) throw badInput('`after` is beyond the last event: it is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  if (row?.first != null && seq < Number(row.first) - 1) {
    throw badInput(
      '`after` is older than the oldest change kept, so what came after it can no longer be replayed: load the current state again and subscribe without `after`.',
      'after',
      'CURSOR_EXPIRED',
    );
  }
  return seq;
}
