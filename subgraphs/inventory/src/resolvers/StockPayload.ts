import type { UserError } from '@opsgraph/kit';
import type { InventoryContext } from '../context';
import type { StockResult } from '../stock';
import { findLevel } from './InventoryLevel';

type Payload = { result: StockResult | null; userErrors: UserError[] };

export const StockPayload = {
  movements: ({ result }: Payload, _: unknown, { loaders }: InventoryContext) =>
    result ? loaders.movementById.loadMany(result.movementIds) : null,
  levels: ({ result }: Payload, _: unknown, { loaders }: InventoryContext) =>
    result ? Promise.all(result.levels.map((key) => findLevel(loaders, key.productId, key.locationId))) : null,
  transfer: ({ result }: Payload, _: unknown, { loaders }: InventoryContext) =>
    result?.transferId ? loaders.transferById.load(result.transferId) : null,
};
