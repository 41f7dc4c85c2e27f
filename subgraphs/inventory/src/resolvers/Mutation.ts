import { mutationPayload, UserErrors, type UserError } from '@opsgraph/kit';
import type { MutationResolvers } from '../generated/resolvers';
import * as reservations from '../reservations';
import * as stock from '../stock';

/** What every stock mutation returns: StockPayload's fields resolve from the ids it stored (see StockPayload.ts). */
export type StockPayloadResult = { result: stock.StockResult | null; userErrors: UserError[] };

function payload(run: () => Promise<stock.StockResult>): Promise<StockPayloadResult> {
  return mutationPayload(async () => ({ result: await run() }), { result: null });
}

/** The service API's payloads: their lists are non-null, so a refusal answers them empty beside its userErrors. */
async function servicePayload<T extends object>(run: () => Promise<T>, empty: T): Promise<T & { userErrors: UserError[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrors) return { ...empty, userErrors: error.userErrors };
    throw error;
  }
}

export const Mutation: MutationResolvers = {
  receiveStock: (_, { input }, { database, caller }) => payload(() => stock.receiveStock(database, input, caller.actor)),
  adjustStock: (_, { input }, { database, caller }) => payload(() => stock.adjustStock(database, input, caller.actor)),
  transferStock: (_, { input }, { database, caller }) => payload(() => stock.transferStock(database, input, caller.actor)),
  receiveTransfer: (_, { input }, { database, caller }) =>
    payload(() => stock.receiveTransfer(database, input, caller.actor)),

  // Service API (orders). The ledger records the actor orders names, "system" when it names none.
  reserveOrderStock: (_, { input: { actor, ...request } }, { database }) =>
    servicePayload(() => reservations.reserveOrderStock(database, request, actor ?? 'system'), { reservations: [], shortages: [] }),
  releaseOrderStock: (_, { input: { actor, ...request } }, { database }) =>
    servicePayload(async () => ({ reservations: await reservations.releaseOrderStock(database, request, actor ?? 'system') }), { reservations: [] }),
  shipOrderStock: (_, { input: { actor, ...request } }, { database }) =>
    servicePayload(async () => ({ reservations: await reservations.shipOrderStock(database, request, actor ?? 'system') }), { reservations: [] }),
};
