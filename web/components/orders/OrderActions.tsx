'use client';

import { useRef, useState } from 'react';
import type { OrderPageOrderFragment } from '../../gql/graphql';
import { CancelReasonForm, orderActionsFor, orderActionText, useOrderAction, UserErrorList, type OrderActionKind, type UserError } from './actions';
import { orderStatusLabel } from './labels';
import actionStyles from './Actions.module.css';
import styles from './OrderView.module.css';

/** The workflow actions that fit the order's status, on the order page; refusals show right under them. */
export function OrderActions({ order, onChanged }: { order: Pick<OrderPageOrderFragment, 'id' | 'number' | 'status'>; onChanged: () => void }) {
  const run = useOrderAction();
  const [pending, setPending] = useState<OrderActionKind | null>(null);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const actions = orderActionsFor(order.status);

  const act = async (kind: OrderActionKind, reason?: string) => {
    setPending(kind);
    setErrors([]);
    setDone(null);
    const outcome = await run(kind, order.id, reason);
    setPending(null);
    if (!outcome.ok) {
      setErrors(outcome.errors);
    } else {
      setCancelling(false);
      setDone(`${orderActionText[kind].done}: the order is now ${orderStatusLabel(outcome.value.status).toLowerCase()}.`);
    }
    onChanged();
  };

  if (actions.length === 0 && errors.length === 0 && !done) return null;
  return (
    <div className={styles.orderActions}>
      {actions.length > 0 && (
        <div className={styles.actionButtons} role="group" aria-label="Order actions">
          {actions.map((kind, i) =>
            kind === 'cancel' ? (
              <button
                key={kind}
                ref={cancelButton}
                type="button"
                className={`${actionStyles.button} ${actionStyles.danger}`}
                disabled={pending !== null}
                aria-expanded={cancelling}
                onClick={() => setCancelling(true)}
              >
                {orderActionText.cancel.label}
              </button>
            ) : (
              <button
                key={kind}
                type="button"
                className={`${actionStyles.button} ${i === 0 && (kind === 'approve' || kind === 'release') ? actionStyles.primary : ''}`}
                disabled={pending !== null}
                onClick={() => void act(kind)}
              >
                {pending === kind ? orderActionText[kind].pending : orderActionText[kind].label}
              </button>
            ),
          )}
        </div>
      )}
      {cancelling && (
        <CancelReasonForm
          label="Reason"
          pending={pending === 'cancel'}
          onSubmit={(reason) => void act('cancel', reason)}
          onClose={() => {
            setCancelling(false);
            cancelButton.current?.focus();
          }}
        />
      )}
      {done && (
        <p className={styles.done} role="status">
          {done}
        </p>
      )}
      <UserErrorList errors={errors} onDismiss={() => setErrors([])} />
    </div>
  );
}
