import { mutationPayload } from '@opsgraph/kit';
import type { InventoryContext } from '../context';
import * as stock from '../stock';

/** StockPayload's fields resolve from the ids the mutation stored (see StockPayload.ts). */
function payload(run: () => Promise<stock.StockResult>) {
  return mutationPayload(async () => ({ result: await run() }), { result: null });
}

export const Mutation = {
  receiveStock: (_: unknown, { input }: { input: stock.ReceiveStockInput }, { database, caller }: InventoryContext) =>
    payload(() => stock.receiveStock(database, input, caller.actor)),
  adjustStock: (_: unknown, { input }: { input: stock.AdjustStockInput }, { database, caller }: InventoryContext) =>
    payload(() => stock.adjustStock(database, input, caller.actor)),
  transferStock: (_: unknown, { input }: { input: stock.TransferStockInput }, { database, caller }: InventoryContext) =>
    payload(() => stock.transferStock(database, input, caller.actor)),
  receiveTransfer: (_: unknown, { input }: { input: stock.ReceiveTransferInput }, { database, caller }: InventoryContext) =>
    payload(() => stock.receiveTransfer(database, input, caller.actor)),
};
