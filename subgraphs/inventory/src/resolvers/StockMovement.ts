import { loadRequired } from '@opsgraph/kit';
import type { StockMovementResolvers, TransferResolvers } from '../generated/resolvers';

export const StockMovement: StockMovementResolvers = {
  id: (movement) => `mov_${movement.id}`,
  product: (movement) => ({ id: movement.productId }),
  location: (movement, _, { loaders }) => loadRequired(loaders.locationById, movement.locationId, 'location'),
};

export const Transfer: TransferResolvers = {
  product: (transfer) => ({ id: transfer.productId }),
  from: (transfer, _, { loaders }) => loadRequired(loaders.locationById, transfer.fromLocationId, 'location'),
  to: (transfer, _, { loaders }) => loadRequired(loaders.locationById, transfer.toLocationId, 'location'),
};
