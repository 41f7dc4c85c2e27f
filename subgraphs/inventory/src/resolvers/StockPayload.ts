import { loadRequired, required } from '@opsgraph/kit';
import type { StockPayloadResolvers } from '../generated/resolvers';
import { findLevel } from './InventoryLevel';

export const StockPayload: StockPayloadResolvers = {
  movements: ({ result }, _, { loaders }) =>
    result ? Promise.all(result.movementIds.map((id) => loadRequired(loaders.movementById, id, 'movement'))) : null,
  levels: ({ result }, _, { loaders }) =>
    result
      ? Promise.all(
          result.levels.map(async (key) =>
            required(await findLevel(loaders, key.productId, key.locationId), `level ${key.productId}@${key.locationId}`),
          ),
        )
      : null,
  transfer: ({ result }, _, { loaders }) => (result?.transferId ? loaders.transferById.load(result.transferId) : null),
};
