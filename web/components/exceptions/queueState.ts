import type { ExceptionQueueRowFragment, OrderExceptionChangeKind } from '../../gql/graphql';

/**
 * The exception queue's rows as plain data: a snapshot from the ExceptionQueue query, with the live changes
 * (orderExceptionChanged) and the answers of the queue's own mutations applied in place. No React here.
 */

export type QueueRow = ExceptionQueueRowFragment;

export type QueueEntry = {
  row: QueueRow;
  /** Set for a moment after a live change touched the row, for the highlight. */
  flash: 'new' | 'updated' | null;
  /** Bumped on every change, so a timer that ends a highlight or removes a row only acts on the change it was set for. */
  version: number;
};

export type QueueState = { loaded: boolean; entries: ReadonlyMap<string, QueueEntry> };

export const emptyQueue: QueueState = { loaded: false, entries: new Map() };

/** A change to one exception: from the subscription (`kind`), or from a mutation's answer (no kind). */
export type RowChange = { row: QueueRow; kind?: OrderExceptionChangeKind; live: boolean };

export type QueueAction =
  | { type: 'loaded'; rows: QueueRow[]; since: RowChange[] }
  | { type: 'changed'; changes: RowChange[] }
  | { type: 'settled'; id: string; version: number }
  | { type: 'remove'; id: string; version: number };

const rank = (row: QueueRow) => (row.status === 'RESOLVED' ? 2 : row.status === 'IN_PROGRESS' ? 1 : 0);

/**
 * Which of two states of one exception is the later: an exception only moves OPEN -> IN_PROGRESS -> RESOLVED,
 * and is reassigned with a later assignedAt, so a snapshot read before a change never undoes it.
 */
export function laterOf(current: QueueRow | undefined, incoming: QueueRow): QueueRow {
  if (!current) return incoming;
  if (rank(incoming) !== rank(current)) return rank(incoming) > rank(current) ? incoming : current;
  if (current.assignedAt && incoming.assignedAt && incoming.assignedAt < current.assignedAt) return current;
  return incoming;
}

function apply(entries: Map<string, QueueEntry>, change: RowChange): void {
  const current = entries.get(change.row.id);
  if (!current && change.row.status === 'RESOLVED') return; // never shown: nothing to take away
  const row = laterOf(current?.row, change.row);
  const flash = change.live ? (current ? 'updated' : 'new') : (current?.flash ?? null);
  entries.set(row.id, { row, flash, version: (current?.version ?? 0) + 1 });
  // The order's status is the same on every row of the order: the newest word on it counts.
  if (row === change.row) {
    for (const [id, entry] of entries) {
      if (id !== row.id && entry.row.order.id === row.order.id && entry.row.order.status !== row.order.status) {
        entries.set(id, { ...entry, row: { ...entry.row, order: { ...entry.row.order, status: row.order.status } } });
      }
    }
  }
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'loaded': {
      const entries = new Map<string, QueueEntry>();
      for (const row of action.rows) {
        const before = state.entries.get(row.id);
        entries.set(row.id, { row, flash: before?.flash ?? null, version: (before?.version ?? 0) + 1 });
      }
      // Changes that arrived while the snapshot was read may be newer than it.
      for (const change of action.since) apply(entries, { ...change, live: false });
      return { loaded: true, entries };
    }
    case 'changed': {
      const entries = new Map(state.entries);
      for (const change of action.changes) apply(entries, change);
      return { ...state, entries };
    }
    case 'settled': {
      const entry = state.entries.get(action.id);
      if (!entry || entry.version !== action.version || entry.flash === null) return state;
      return { ...state, entries: new Map(state.entries).set(action.id, { ...entry, flash: null }) };
    }
    case 'remove': {
      const entry = state.entries.get(action.id);
      if (!entry || entry.version !== action.version) return state;
      const entries = new Map(state.entries);
      entries.delete(action.id);
      return { ...state, entries };
    }
  }
}

/** Most urgent first: the earliest due time, then the oldest. */
export function byUrgency(a: QueueEntry, b: QueueEntry): number {
  return a.row.slaDueAt.localeCompare(b.row.slaDueAt) || a.row.openedAt.localeCompare(b.row.openedAt) || a.row.id.localeCompare(b.row.id);
}
