'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useClient, type Client } from 'urql';
import { ExceptionQueueChangedDocument, ExceptionQueueDocument, type OrderActionResultFragment } from '../../gql/graphql';
import { formatInteger } from '../../lib/format';
import { errorsOf, orderActionText, type OrderActionKind } from '../orders/actions';
import { causeLabel, causeOrder, orderStatusLabel } from '../orders/labels';
import { ConnectionLost } from '../orders/ConnectionLost';
import { readWhenLive, useConnectionLost } from '../orders/live';
import { slaStanding, useNow } from '../orders/time';
import { ExceptionRow } from './ExceptionRow';
import { OperatorName, useOperatorName } from './OperatorName';
import { byUrgency, emptyQueue, queueReducer, type QueueRow, type RowChange } from './queueState';
import styles from './ExceptionQueue.module.css';

/** How long a live change stays highlighted, and a resolved row stays (dimmed, saying so) before it leaves. */
const FLASH_MS = 2_500;
const RESOLVED_LINGER_MS = 5_000;
/** Changes kept to replay over a snapshot that was read while they arrived. */
const LOG_SIZE = 500;

/** Every open exception: OPEN and IN_PROGRESS, page after page (100 a page, the API's most). */
async function fetchOpenExceptions(client: Client): Promise<{ rows: QueueRow[] } | { error: string }> {
  const rows: QueueRow[] = [];
  let vars = { openAfter: null as string | null, inProgressAfter: null as string | null, skipOpen: false, skipInProgress: false };
  for (let page = 0; page < 50 && !(vars.skipOpen && vars.skipInProgress); page++) {
    const result = await client.query(ExceptionQueueDocument, vars, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return { error: result.error ? errorsOf(result.error).map((e) => e.message).join(' ') : 'No answer.' };
    const { open, inProgress } = result.data;
    rows.push(...(open?.nodes ?? []), ...(inProgress?.nodes ?? []));
    vars = {
      openAfter: open?.pageInfo.endCursor ?? vars.openAfter,
      inProgressAfter: inProgress?.pageInfo.endCursor ?? vars.inProgressAfter,
      skipOpen: vars.skipOpen || !open?.pageInfo.hasNextPage,
      skipInProgress: vars.skipInProgress || !inProgress?.pageInfo.hasNextPage,
    };
  }
  return { rows };
}

export type QueueNotice = { id: number; text: string };

export function ExceptionQueue() {
  const client = useClient();
  const now = useNow(10_000);
  const [operator, setOperator] = useOperatorName();
  const [state, dispatch] = useReducer(queueReducer, emptyQueue);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [liveError, setLiveError] = useState<string | null>(null);
  const [cause, setCause] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState<QueueNotice | null>(null);
  const connectionLost = useConnectionLost();

  // Every change applied, numbered, so a snapshot read meanwhile can have the newer ones replayed over it.
  const log = useRef<{ seq: number; change: RowChange }[]>([]);
  const seq = useRef(0);
  const record = useCallback((changes: RowChange[]) => {
    for (const change of changes) log.current.push({ seq: ++seq.current, change });
    if (log.current.length > LOG_SIZE) log.current.splice(0, log.current.length - LOG_SIZE);
    dispatch({ type: 'changed', changes });
  }, []);

  const generation = useRef({ started: 0, applied: 0 });
  const load = useCallback(async () => {
    const mine = ++generation.current.started;
    const since = seq.current;
    const result = await fetchOpenExceptions(client);
    // A later load answered first: this older snapshot must not replace it.
    if (mine < generation.current.applied) return;
    generation.current.applied = mine;
    if ('error' in result) return setLoadError(result.error);
    setLoadError(null);
    dispatch({ type: 'loaded', rows: result.rows, since: log.current.filter((e) => e.seq > since).map((e) => e.change) });
  }, [client]);

  useEffect(() => {
    void load();
    // Read again once the subscription is surely following changes, and after a drop (the subscription resumes
    // from its cursor, but had none if no change had arrived yet).
    return readWhenLive(() => void load());
  }, [load]);

  // Live changes: each one inserts, updates or removes its row in place.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscription = client.subscription(ExceptionQueueChangedDocument, {}).subscribe((result) => {
      if (result.error) {
        // The stream ended (e.g. CURSOR_EXPIRED): say so, read the queue again and subscribe afresh shortly.
        setLiveError(errorsOf(result.error).map((e) => e.message).join(' '));
        clearTimeout(retry);
        retry = setTimeout(() => setAttempt((n) => n + 1), 5_000);
        return;
      }
      const change = result.data?.orderExceptionChanged;
      if (!change) return;
      setLiveError(null);
      record([{ row: change.exception, kind: change.kind, live: true }]);
      const { cause, order } = change.exception;
      if (change.kind === 'OPENED') setAnnouncement(`New exception: ${causeLabel(cause)} on order ${order.number}.`);
      if (change.kind === 'RESOLVED') setAnnouncement(`Resolved: ${causeLabel(cause)} on order ${order.number}.`);
    });
    if (attempt > 0) {
      // Subscribed again: anything the ended stream missed comes from reading the queue again.
      setLiveError(null);
      void load();
    }
    return () => {
      clearTimeout(retry);
      subscription.unsubscribe();
    };
  }, [client, record, load, attempt]);

  // Highlights fade and resolved rows leave after a moment; each timer acts only on the change it was set for.
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    for (const [id, entry] of state.entries) {
      const schedule = (key: string, ms: number, action: () => void) => {
        if (timers.current.has(key)) return;
        timers.current.set(
          key,
          setTimeout(() => {
            timers.current.delete(key);
            action();
          }, ms),
        );
      };
      if (entry.flash) schedule(`flash:${id}:${entry.version}`, FLASH_MS, () => dispatch({ type: 'settled', id, version: entry.version }));
      if (entry.row.status === 'RESOLVED') {
        schedule(`leave:${id}:${entry.version}`, RESOLVED_LINGER_MS, () => dispatch({ type: 'remove', id, version: entry.version }));
      }
    }
  }, [state.entries]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const entries = useMemo(() => [...state.entries.values()].sort(byUrgency), [state.entries]);
  const open = entries.filter((e) => e.row.status !== 'RESOLVED');
  const counts = useMemo(() => {
    const byCause = new Map<string, number>();
    for (const { row } of open) byCause.set(row.cause, (byCause.get(row.cause) ?? 0) + 1);
    const known = causeOrder.filter((c) => byCause.has(c) || c === cause);
    const others = [...byCause.keys()].filter((c) => !causeOrder.includes(c)).sort();
    return [...known, ...others].map((c) => ({ cause: c, count: byCause.get(c) ?? 0 }));
  }, [open, cause]);
  const shown = cause ? entries.filter((e) => e.row.cause === cause) : entries;
  const overdue = now === null ? null : open.filter((e) => slaStanding(e.row, now).tone === 'overdue').length;
  const unassigned = open.filter((e) => !e.row.assignee).length;

  const onOrderChanged = useCallback(
    (kind: OrderActionKind, number: string, order: OrderActionResultFragment) => {
      record(order.exceptions.map((row) => ({ row, live: false })));
      setNotice({ id: Date.now(), text: `${orderActionText[kind].done} order ${number}: it is now ${orderStatusLabel(order.status).toLowerCase()}.` });
    },
    [record],
  );
  const onExceptionChanged = useCallback(
    (row: QueueRow, message: string) => {
      record([{ row, live: false }]);
      setNotice({ id: Date.now(), text: message });
    },
    [record],
  );
  // The button pressed may be gone with its row's actions: the outcome takes the focus, so a keyboard user hears it
  // and continues from there.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!notice) return;
    noticeRef.current?.focus({ preventScroll: true });
    const timer = setTimeout(() => setNotice((current) => (current === notice ? null : current)), 8_000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <section className={styles.queue} aria-labelledby="queue-title" aria-busy={!state.loaded} data-stale={connectionLost || undefined}>
      <h2 id="queue-title" className={styles.visuallyHidden}>
        Open exceptions
      </h2>
      <div className={styles.toolbar}>
        <div className={styles.filters} role="group" aria-label="Filter by cause">
          <button type="button" className={styles.filter} aria-pressed={cause === null} onClick={() => setCause(null)}>
            All <span className={styles.filterCount}>{state.loaded ? formatInteger(open.length) : '–'}</span>
          </button>
          {counts.map(({ cause: c, count }) => (
            <button key={c} type="button" className={styles.filter} aria-pressed={cause === c} onClick={() => setCause(cause === c ? null : c)} data-cause={c}>
              {causeLabel(c)} <span className={styles.filterCount}>{formatInteger(count)}</span>
            </button>
          ))}
        </div>
        <OperatorName value={operator} onChange={setOperator} />
      </div>

      {state.loaded && (
        <p className={styles.summary}>
          <strong>{formatInteger(open.length)}</strong> open
          {overdue !== null && (
            <>
              {' · '}
              <strong className={overdue > 0 ? styles.summaryBad : undefined}>{formatInteger(overdue)}</strong> overdue
            </>
          )}
          {' · '}
          <strong>{formatInteger(unassigned)}</strong> unassigned
          <span className={styles.summaryNote}> · most urgent first · updates live</span>
        </p>
      )}

      <div className={styles.notices}>
        <ConnectionLost lost={connectionLost} what="the queue" />
        {notice && (
          <p className={styles.notice} key={notice.id} ref={noticeRef} tabIndex={-1} role="status">
            {notice.text}
          </p>
        )}
        {liveError && !connectionLost && (
          <p className={styles.warning} role="alert">
            Live updates stopped: {liveError} Subscribing again and reading the queue again.
          </p>
        )}
        {loadError && (
          <div className={styles.warning} role="alert">
            The queue could not be read: {loadError}{' '}
            <button type="button" className={styles.linkButton} onClick={() => void load()}>
              Try again
            </button>
          </div>
        )}
      </div>
      <div className={styles.visuallyHidden} aria-live="polite">
        {announcement}
      </div>

      {!state.loaded && !loadError && <p className={styles.muted}>Loading the queue…</p>}
      {state.loaded && shown.length === 0 && (
        <p className={styles.empty}>
          {cause ? `No open ${causeLabel(cause).toLowerCase()} exceptions.` : 'No open exceptions.'} New ones appear here as they are raised.
        </p>
      )}
      {state.loaded && shown.length > 0 && (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption className={styles.visuallyHidden}>
              {cause ? `Open ${causeLabel(cause).toLowerCase()} exceptions` : 'Open exceptions'}, most urgent first
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Cause</th>
                <th scope="col">Age</th>
                <th scope="col">SLA</th>
                <th scope="col">Assignee</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <ExceptionRow
                  key={entry.row.id}
                  entry={entry}
                  now={now}
                  operator={operator}
                  onOrderChanged={onOrderChanged}
                  onExceptionChanged={onExceptionChanged}
                  onRefused={() => void load()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
