import type { OrderStatus } from '../../gql/graphql';
import { orderStatusLabel, orderStatusTone } from './labels';
import type { SlaTone } from './time';
import styles from './Badges.module.css';

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`${styles.badge} ${styles[orderStatusTone(status)]}`} data-order-status={status}>
      {orderStatusLabel(status)}
    </span>
  );
}

/** An SLA standing in words and colour: Overdue, Due soon, On track, Resolved. */
export function SlaBadge({ tone, label }: { tone: SlaTone; label: string }) {
  return (
    <span className={`${styles.badge} ${styles[tone === 'done' ? 'stopped' : tone]}`} data-sla={tone}>
      {label}
    </span>
  );
}
