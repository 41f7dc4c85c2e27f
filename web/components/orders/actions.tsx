'use client';

import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useClient, type CombinedError } from 'urql';
import {
  ApproveOrderDocument,
  CancelOrderDocument,
  HoldOrderDocument,
  ReleaseOrderDocument,
  type OrderActionResultFragment,
  type OrderStatus,
} from '../../gql/graphql';
import styles from './Actions.module.css';

/**
 * The order workflow's actions as the control tower offers them: which fit an order's status (the lifecycle in
 * subgraphs/orders/src/lifecycle.ts), how they are called, and how a refusal is shown.
 */

export type OrderActionKind = 'approve' | 'release' | 'hold' | 'cancel';

export const orderActionText: Record<OrderActionKind, { label: string; pending: string; done: string }> = {
  approve: { label: 'Approve', pending: 'Approving…', done: 'Approved' },
  release: { label: 'Release', pending: 'Releasing…', done: 'Released' },
  hold: { label: 'Hold', pending: 'Holding…', done: 'Held' },
  cancel: { label: 'Cancel order…', pending: 'Cancelling…', done: 'Cancelled' },
};

/** The actions that fit an order's status, most likely first. Cancel needs a reason, so it opens a form. */
export function orderActionsFor(status: OrderStatus): OrderActionKind[] {
  switch (status) {
    case 'RISK_REVIEW':
      return ['approve', 'hold', 'cancel'];
    case 'ON_HOLD':
      return ['release', 'cancel'];
    case 'ALLOCATED':
      return ['release', 'hold', 'cancel'];
    case 'CAPTURED':
    case 'BACKORDERED':
    case 'RELEASED':
      return ['hold', 'cancel'];
    case 'PICKED':
    case 'PACKED':
      return ['cancel'];
    default:
      return [];
  }
}

export type UserError = { field?: string[] | null; code: string; message: string };

export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

/** A failure that is not a userError (network, GraphQL error) in the same shape, so it shows in the same place. */
export function errorsOf(error: CombinedError): UserError[] {
  if (error.networkError) {
    const detail = error.networkError.message;
    return [{ code: 'NETWORK', message: detail ? `The API could not be reached (${detail}).` : 'The API could not be reached.' }];
  }
  return error.graphQLErrors.map((e) => ({ code: String(e.extensions?.code ?? 'ERROR'), message: e.message }));
}

/** Calls one order action; answers the order as it is afterwards, or why it was refused. */
export function useOrderAction() {
  const client = useClient();
  return useCallback(
    async (kind: OrderActionKind, orderId: string, reason?: string): Promise<ActionOutcome<OrderActionResultFragment>> => {
      const input = { orderId, reason: reason?.trim() || undefined };
      const result =
        kind === 'approve'
          ? await client.mutation(ApproveOrderDocument, { input }).toPromise().then((r) => ({ error: r.error, payload: r.data?.approveOrder }))
          : kind === 'release'
            ? await client.mutation(ReleaseOrderDocument, { input }).toPromise().then((r) => ({ error: r.error, payload: r.data?.releaseOrder }))
            : kind === 'hold'
              ? await client.mutation(HoldOrderDocument, { input }).toPromise().then((r) => ({ error: r.error, payload: r.data?.holdOrder }))
              : await client.mutation(CancelOrderDocument, { input }).toPromise().then((r) => ({ error: r.error, payload: r.data?.cancelOrder }));
      if (result.error) return { ok: false, errors: errorsOf(result.error) };
      if (!result.payload) return { ok: false, errors: [{ code: 'ERROR', message: 'The API answered nothing.' }] };
      if (result.payload.userErrors.length > 0 || !result.payload.order) return { ok: false, errors: result.payload.userErrors };
      return { ok: true, value: result.payload.order };
    },
    [client],
  );
}

/** The input field a userError names, without the `input` every mutation's argument starts with. */
function fieldOf(error: UserError): string | null {
  const path = (error.field ?? []).filter((part, i) => !(i === 0 && part === 'input'));
  return path.length ? path.join('.') : null;
}

/** Why the API refused: each userError's field, message and code, announced to screen readers. */
export function UserErrorList({ errors, title = 'Refused', onDismiss }: { errors: UserError[]; title?: string; onDismiss?: () => void }) {
  if (errors.length === 0) return null;
  return (
    <div className={styles.errors} role="alert" data-testid="user-errors">
      <div className={styles.errorsBody}>
        <strong className={styles.errorsTitle}>{title}</strong>
        <ul className={styles.errorList}>
          {errors.map((error, i) => {
            const field = fieldOf(error);
            return (
              <li key={i} data-code={error.code}>
                {field && <code className={styles.errorField}>{field}</code>} {error.message}{' '}
                <span className={styles.errorCode}>{error.code}</span>
              </li>
            );
          })}
        </ul>
      </div>
      {onDismiss && (
        <button type="button" className={`${styles.button} ${styles.ghost}`} onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}

/**
 * A one-line form for an action that needs words (a cancellation's reason, an exception's resolution): focused
 * when it opens, Escape closes it, the submit button waits for text.
 */
export function ReasonForm({
  label,
  placeholder,
  submitLabel,
  pendingLabel,
  pending,
  danger,
  hint,
  onSubmit,
  onClose,
}: {
  label: string;
  placeholder?: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  danger?: boolean;
  hint?: string;
  onSubmit: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() && !pending) onSubmit(text.trim());
  };
  return (
    <form className={styles.reasonForm} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <label htmlFor={id} className={styles.reasonLabel}>
        {label}
      </label>
      <input
        id={id}
        ref={input}
        className={styles.input}
        value={text}
        placeholder={placeholder}
        maxLength={500}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <button type="submit" className={`${styles.button} ${danger ? styles.dangerSolid : styles.primary}`} disabled={!text.trim() || pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
      <button type="button" className={`${styles.button} ${styles.ghost}`} onClick={onClose} disabled={pending}>
        Back
      </button>
      {hint && (
        <p id={`${id}-hint`} className={styles.reasonHint}>
          {hint}
        </p>
      )}
    </form>
  );
}

/** Asks for a cancellation's reason; the same words wherever an order can be cancelled. */
export function CancelReasonForm({
  label,
  pending,
  onSubmit,
  onClose,
}: {
  label: string;
  pending: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  return (
    <ReasonForm
      label={label}
      placeholder="e.g. customer asked to cancel"
      submitLabel="Cancel order"
      pendingLabel="Cancelling…"
      danger
      pending={pending}
      hint="Cancelling releases the order’s stock and resolves all of its open exceptions."
      onSubmit={onSubmit}
      onClose={onClose}
    />
  );
}
