import type { ExceptionStatus, OrderStatus } from '../../gql/graphql';

/** Codes the API sends, as people read them. Unknown codes (a cause added with SQL) fall back to the code in words. */

export function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const causes: Record<string, string> = {
  RISK_REVIEW: 'Risk review',
  ADDRESS_INVALID: 'Invalid address',
  BACKORDER: 'Backorder',
  ALLOCATION_FAILURE: 'Allocation failure',
  MANUAL_HOLD: 'Manual hold',
  SLA_BREACH: 'SLA breach',
};

/** The causes in the order the queue lists them when they have open exceptions; others follow by name. */
export const causeOrder = Object.keys(causes);

export function causeLabel(cause: string): string {
  return causes[cause] ?? humanize(cause);
}

export function channelKindLabel(kind: string): string {
  return ({ DTC: 'Direct to consumer', MARKETPLACE: 'Marketplace', WHOLESALE: 'Wholesale' } as Record<string, string>)[kind] ?? humanize(kind);
}

export function orderStatusLabel(status: OrderStatus | null | undefined): string {
  return status ? humanize(status) : 'New';
}

export function exceptionStatusLabel(status: ExceptionStatus): string {
  return { OPEN: 'Open', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved' }[status];
}

/** How an order status reads at a glance: waiting on a person, moving, done, or stopped. */
export function orderStatusTone(status: OrderStatus): 'attention' | 'active' | 'done' | 'stopped' {
  switch (status) {
    case 'RISK_REVIEW':
    case 'ON_HOLD':
    case 'BACKORDERED':
      return 'attention';
    case 'SHIPPED':
    case 'DELIVERED':
      return 'done';
    case 'CANCELLED':
      return 'stopped';
    default:
      return 'active';
  }
}
