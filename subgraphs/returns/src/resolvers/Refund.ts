import { toMoney } from '@opsgraph/kit';
import type { RefundResolvers } from '../generated/resolvers';

export const Refund: RefundResolvers = {
  amount: (refund) => toMoney(refund.amountMinor, refund.currency),
};
