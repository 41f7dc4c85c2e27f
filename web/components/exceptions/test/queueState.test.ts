import { describe, expect, it } from 'vitest';
import { byUrgency, emptyQueue, laterOf, queueReducer, type QueueRow, type QueueState } from '../queueState';

function row(id: string, patch: Partial<QueueRow> = {}, order: Partial<QueueRow['order']> = {}): QueueRow {
  return {
    id,
    cause: 'RISK_REVIEW',
    status: 'OPEN',
    openedAt: '2026-11-25T10:00:00.000Z',
    slaDueAt: '2026-11-25T14:00:00.000Z',
    breached: false,
    assignee: null,
    assignedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    sourceException: null,
    ...patch,
    order: {
      id: 'ord_1',
      number: 'SO-1',
      status: 'RISK_REVIEW',
      total: { amount: '10.00', currencyCode: 'USD' },
      channel: { code: 'WEB', name: 'Web store' },
      customer: { name: 'Ana' },
      ...order,
    },
  };
}

const ids = (state: QueueState) => [...state.entries.keys()].sort();

describe('the exception queue state', () => {
  it('never lets an older state of an exception undo a newer one', () => {
    const open = row('exc_1');
    const assigned = row('exc_1', { status: 'IN_PROGRESS', assignee: 'Ana', assignedAt: '2026-11-25T10:05:00.000Z' });
    const reassigned = row('exc_1', { status: 'IN_PROGRESS', assignee: 'Tom', assignedAt: '2026-11-25T10:09:00.000Z' });
    const resolved = row('exc_1', { status: 'RESOLVED', resolvedAt: '2026-11-25T10:10:00.000Z' });
    expect(laterOf(assigned, open)).toBe(assigned);
    expect(laterOf(reassigned, assigned)).toBe(reassigned);
    expect(laterOf(resolved, reassigned)).toBe(resolved);
    expect(laterOf(open, resolved)).toBe(resolved);
  });

  it('inserts opened exceptions, marks live ones for a highlight, and ignores the resolution of one never shown', () => {
    let state = queueReducer(emptyQueue, { type: 'loaded', rows: [row('exc_1')], since: [] });
    state = queueReducer(state, { type: 'changed', changes: [{ row: row('exc_2', {}, { id: 'ord_2' }), kind: 'OPENED', live: true }] });
    state = queueReducer(state, { type: 'changed', changes: [{ row: row('exc_9', { status: 'RESOLVED' }), kind: 'RESOLVED', live: true }] });
    expect(ids(state)).toEqual(['exc_1', 'exc_2']);
    expect(state.entries.get('exc_1')!.flash).toBeNull();
    expect(state.entries.get('exc_2')!.flash).toBe('new');
  });

  it("carries an order's new status to its other rows", () => {
    let state = queueReducer(emptyQueue, { type: 'loaded', rows: [row('exc_1'), row('exc_2', { cause: 'SLA_BREACH' })], since: [] });
    state = queueReducer(state, {
      type: 'changed',
      changes: [{ row: row('exc_3', { cause: 'MANUAL_HOLD' }, { status: 'ON_HOLD' }), kind: 'OPENED', live: true }],
    });
    expect([...state.entries.values()].map((e) => e.row.order.status)).toEqual(['ON_HOLD', 'ON_HOLD', 'ON_HOLD']);
  });

  it('replays changes that arrived while a snapshot was read over it', () => {
    const before = queueReducer(emptyQueue, { type: 'loaded', rows: [row('exc_1')], since: [] });
    // The snapshot was read before exc_1 was resolved and exc_2 opened.
    const resolved = row('exc_1', { status: 'RESOLVED' });
    const state = queueReducer(before, {
      type: 'loaded',
      rows: [row('exc_1')],
      since: [
        { row: resolved, kind: 'RESOLVED', live: true },
        { row: row('exc_2'), kind: 'OPENED', live: true },
      ],
    });
    expect(state.entries.get('exc_1')!.row.status).toBe('RESOLVED');
    expect(ids(state)).toEqual(['exc_1', 'exc_2']);
  });

  it('ends a highlight or removes a row only for the change the timer was set for', () => {
    let state = queueReducer(emptyQueue, { type: 'loaded', rows: [], since: [] });
    state = queueReducer(state, { type: 'changed', changes: [{ row: row('exc_1'), kind: 'OPENED', live: true }] });
    const first = state.entries.get('exc_1')!.version;
    state = queueReducer(state, { type: 'changed', changes: [{ row: row('exc_1', { status: 'RESOLVED' }), kind: 'RESOLVED', live: true }] });
    expect(queueReducer(state, { type: 'remove', id: 'exc_1', version: first })).toBe(state);
    state = queueReducer(state, { type: 'settled', id: 'exc_1', version: state.entries.get('exc_1')!.version });
    expect(state.entries.get('exc_1')!.flash).toBeNull();
    state = queueReducer(state, { type: 'remove', id: 'exc_1', version: state.entries.get('exc_1')!.version });
    expect(ids(state)).toEqual([]);
  });

  it('puts the earliest due first', () => {
    const entries = [
      { row: row('b', { slaDueAt: '2026-11-25T12:00:00.000Z' }), flash: null, version: 1 },
      { row: row('a', { slaDueAt: '2026-11-25T09:00:00.000Z' }), flash: null, version: 1 },
    ];
    expect(entries.sort(byUrgency).map((e) => e.row.id)).toEqual(['a', 'b']);
  });
});
