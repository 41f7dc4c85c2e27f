import { toMoney } from '@opsgraph/kit';
import type { RefundRow } from '../repo';

export const Refund = {
  amount: (refund: RefundRow) => toMoney(refund.amountMinor, refund.currency),
};
