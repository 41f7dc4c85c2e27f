'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { useClient } from 'urql';
import { AssignExceptionDocument, ResolveExceptionDocument, type OrderActionResultFragment } from '../../gql/graphql';
import { formatMoney, MISSING } from '../../lib/format';
import {
  errorsOf,
  orderActionsFor,
  orderActionText,
  CancelReasonForm,
  ReasonForm,
  useOrderAction,
  UserErrorList,
  type OrderActionKind,
  type UserError,
} from '../orders/actions';
import { OrderStatusBadge, SlaBadge } from '../orders/Badges';
import { causeLabel, exceptionStatusLabel } from '../orders/labels';
import { formatDateTime, formatDuration, formatFullDateTime, slaStanding } from '../orders/time';
import { OPERATOR_INPUT_ID } from './OperatorName';
import type { QueueEntry, QueueRow } from './queueState';
import actionStyles from '../orders/Actions.module.css';
import styles from './ExceptionQueue.module.css';

type Props = {
  entry: QueueEntry;
  now: number | null;
  operator: string;
  onOrderChanged: (kind: OrderActionKind, number: string, order: OrderActionResultFragment) => void;
  onExceptionChanged: (row: QueueRow, message: string) => void;
  /** The API refused something: the row may be out of date, so the queue reads it again. */
  onRefused: () => void;
};

type Pending = OrderActionKind | 'assign' | 'resolve' | null;

/** What the reason recorded with an action says, naming the person when they gave their name (no sign-in yet). */
function reasonFor(kind: OrderActionKind, operator: string, typed?: string): string | undefined {
  const who = operator.trim();
  if (typed) return who ? `${typed} (${who})` : typed;
  if (!who) return undefined; // the API's own default reason
  return { approve: `Approved by ${who}`, release: `Released by ${who}`, hold: `Held by ${who}`, cancel: `Cancelled by ${who}` }[kind];
}

/** One exception of the queue: what, how old, how urgent, whose, and the actions that fit it. */
export function ExceptionRow({ entry, now, operator, onOrderChanged, onExceptionChanged, onRefused }: Props) {
  const { row, flash } = entry;
  const client = useClient();
  const runAction = useOrderAction();
  const [pending, setPending] = useState<Pending>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [form, setForm] = useState<'cancel' | 'resolve' | null>(null);
  const [needsName, setNeedsName] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);

  const resolved = row.status === 'RESOLVED';
  const number = row.order.number;
  const sla = now === null ? null : slaStanding(row, now);
  const busy = pending !== null;

  const refused = (found: UserError[]) => {
    setErrors(found);
    onRefused();
  };

  const orderAction = async (kind: OrderActionKind, typed?: string) => {
    setPending(kind);
    setErrors([]);
    const outcome = await runAction(kind, row.order.id, reasonFor(kind, operator, typed));
    setPending(null);
    if (!outcome.ok) return refused(outcome.errors);
    setForm(null);
    onOrderChanged(kind, number, outcome.value);
  };

  const assign = async () => {
    const assignee = operator.trim();
    if (!assignee) {
      setNeedsName(true);
      document.getElementById(OPERATOR_INPUT_ID)?.focus();
      return;
    }
    setNeedsName(false);
    setPending('assign');
    setErrors([]);
    const result = await client.mutation(AssignExceptionDocument, { input: { exceptionId: row.id, assignee } }).toPromise();
    setPending(null);
    const payload = result.data?.assignException;
    if (result.error) return refused(errorsOf(result.error));
    if (!payload?.exception) return refused(payload?.userErrors ?? []);
    onExceptionChanged(payload.exception, `Assigned ${causeLabel(row.cause).toLowerCase()} on order ${number} to ${assignee}.`);
  };

  const resolve = async (resolution: string) => {
    setPending('resolve');
    setErrors([]);
    const who = operator.trim();
    const input = { exceptionId: row.id, resolution: who ? `${resolution} (${who})` : resolution };
    const result = await client.mutation(ResolveExceptionDocument, { input }).toPromise();
    setPending(null);
    const payload = result.data?.resolveException;
    if (result.error) return refused(errorsOf(result.error));
    if (!payload?.exception) return refused(payload?.userErrors ?? []);
    setForm(null);
    onExceptionChanged(payload.exception, `Resolved ${causeLabel(row.cause).toLowerCase()} on order ${number}.`);
  };

  const openForm = (which: 'cancel' | 'resolve', button: HTMLButtonElement) => {
    opener.current = button;
    setErrors([]);
    setForm(which);
  };
  const closeForm = () => {
    setForm(null);
    opener.current?.focus();
  };

  const actions = resolved ? [] : orderActionsFor(row.order.status);
  const primary = actions[0] === 'approve' || actions[0] === 'release' ? actions[0] : null;
  const assignedToMe = Boolean(row.assignee && operator.trim() && row.assignee === operator.trim());
  const flashClass = flash === 'new' ? styles.flashNew : flash === 'updated' ? styles.flashUpdated : '';
  const rowClass = [styles.row, flashClass, resolved ? styles.resolvedRow : ''].filter(Boolean).join(' ');
  const showNameHint = needsName && !operator.trim();
  const hasDetail = form !== null || errors.length > 0 || showNameHint;

  return (
    <>
      <tr
        className={rowClass}
        data-exception-id={row.id}
        data-order-number={number}
        data-cause={row.cause}
        data-status={row.status}
        data-flash={flash ?? undefined}
      >
        <td>
          <div className={styles.orderLine}>
            <Link href={`/orders/${encodeURIComponent(row.order.id)}`} className={styles.orderLink}>
              {number}
            </Link>
            <OrderStatusBadge status={row.order.status} />
          </div>
          <div className={styles.secondary}>
            {row.order.channel.name} · {formatMoney(row.order.total.amount, row.order.total.currencyCode)}
          </div>
        </td>
        <td>
          <div className={styles.primaryText}>{causeLabel(row.cause)}</div>
          <div className={styles.secondary}>
            {row.cause === 'SLA_BREACH' && row.sourceException ? `of ${causeLabel(row.sourceException.cause).toLowerCase()}` : exceptionStatusLabel(row.status)}
          </div>
        </td>
        <td title={`Opened ${formatFullDateTime(row.openedAt)}`}>
          <div className={styles.primaryText}>{now === null ? MISSING : formatDuration(now - new Date(row.openedAt).getTime())}</div>
          <div className={styles.secondary}>opened {formatDateTime(row.openedAt)}</div>
        </td>
        <td title={`Due ${formatFullDateTime(row.slaDueAt)}`}>
          <div className={styles.sla}>
            {sla ? (
              <>
                <SlaBadge tone={sla.tone} label={sla.label} />
                <span className={sla.tone === 'overdue' ? styles.overdueText : undefined}>{sla.text}</span>
              </>
            ) : (
              MISSING
            )}
          </div>
          <div className={styles.secondary}>due {formatDateTime(row.slaDueAt)}</div>
        </td>
        <td>
          <div className={row.assignee ? styles.primaryText : styles.unassigned}>{row.assignee ?? 'Unassigned'}</div>
          {!resolved && !assignedToMe && (
            <button
              type="button"
              className={`${actionStyles.button} ${styles.assignButton}`}
              onClick={assign}
              disabled={busy}
              aria-label={`${row.assignee ? 'Take over' : 'Assign to me'}: ${causeLabel(row.cause)} on order ${number}`}
            >
              {pending === 'assign' ? 'Assigning…' : row.assignee ? 'Take over' : 'Assign to me'}
            </button>
          )}
        </td>
        <td>
          {resolved ? (
            <span className={styles.resolvedNote}>
              Resolved{row.resolvedBy ? ` by ${row.resolvedBy}` : ''}
              {row.resolution ? `: ${row.resolution}` : ''}
            </span>
          ) : (
            <div className={styles.actions}>
              {actions.map((kind) =>
                kind === 'cancel' ? (
                  <button
                    key={kind}
                    type="button"
                    className={`${actionStyles.button} ${actionStyles.danger}`}
                    disabled={busy}
                    aria-expanded={form === 'cancel'}
                    aria-label={`Cancel order ${number}…`}
                    onClick={(e) => openForm('cancel', e.currentTarget)}
                  >
                    {pending === 'cancel' ? orderActionText.cancel.pending : 'Cancel…'}
                  </button>
                ) : (
                  <button
                    key={kind}
                    type="button"
                    className={`${actionStyles.button} ${kind === primary ? actionStyles.primary : ''}`}
                    disabled={busy}
                    aria-label={`${orderActionText[kind].label} order ${number}`}
                    onClick={() => void orderAction(kind)}
                  >
                    {pending === kind ? orderActionText[kind].pending : orderActionText[kind].label}
                  </button>
                ),
              )}
              <button
                type="button"
                className={actionStyles.button}
                disabled={busy}
                aria-expanded={form === 'resolve'}
                aria-label={`Resolve ${causeLabel(row.cause).toLowerCase()} on order ${number}…`}
                onClick={(e) => openForm('resolve', e.currentTarget)}
              >
                Resolve…
              </button>
            </div>
          )}
        </td>
      </tr>
      {hasDetail && !resolved && (
        <tr className={`${styles.detailRow} ${flashClass}`} data-detail-for={row.id}>
          <td colSpan={6}>
            <div className={styles.detail}>
              {form === 'cancel' && (
                <CancelReasonForm
                  label={`Cancel order ${number}: reason`}
                  pending={pending === 'cancel'}
                  onSubmit={(reason) => void orderAction('cancel', reason)}
                  onClose={closeForm}
                />
              )}
              {form === 'resolve' && (
                <ReasonForm
                  label="Resolution"
                  placeholder="what was done"
                  submitLabel="Resolve"
                  pendingLabel="Resolving…"
                  pending={pending === 'resolve'}
                  hint={
                    row.order.status === 'RISK_REVIEW' || row.order.status === 'ON_HOLD'
                      ? `Resolving closes this exception only: the order stays ${row.order.status === 'RISK_REVIEW' ? 'in risk review' : 'on hold'} until it is approved, released or cancelled.`
                      : undefined
                  }
                  onSubmit={(resolution) => void resolve(resolution)}
                  onClose={closeForm}
                />
              )}
              {showNameHint && (
                <p className={styles.hint}>
                  Type your name in <label htmlFor={OPERATOR_INPUT_ID}>“Your name”</label> above, then assign again.
                </p>
              )}
              <UserErrorList errors={errors} title="Refused:" onDismiss={() => setErrors([])} />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
