import { mutationPayload, type UserError } from '@opsgraph/kit';
import type { MutationResolvers } from '../generated/resolvers';
import * as stock from '../stock';

/** What every stock mutation returns: StockPayload's fields resolve from the ids it stored (see StockPayload.ts). */
export type StockPayloadResult = { result: stock.StockResult | null; userErrors: UserError[] };

function payload(run: () => Promise<stock.StockResult>): Promise<StockPayloadResult> {
  return mutationPayload(async () => ({ result: await run() }), { result: null });
}

export const Mutation: MutationResolvers = {
  receiveStock: (_, { input }, { database, caller }) => payload(() => stock.receiveStock(database, input, caller.actor)),
  adjustStock: (_, { input }, { database, caller }) => payload(() => stock.adjustStock(database, input, caller.actor)),
  transferStock: (_, { input }, { database, caller }) => payload(() => stock.transferStock(database, input, caller.actor)),
  receiveTransfer: (_, { input }, { database, caller }) =>
    payload(() => stock.receiveTransfer(database, input, caller.actor)),
};
