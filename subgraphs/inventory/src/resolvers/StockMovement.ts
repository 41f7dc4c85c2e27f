import type { InventoryContext } from '../context';
import type { MovementRow, TransferRow } from '../repo';

export const StockMovement = {
  id: (movement: MovementRow) => `mov_${movement.id}`,
  product: (movement: MovementRow) => ({ id: movement.productId }),
  location: (movement: MovementRow, _: unknown, { loaders }: InventoryContext) => loaders.locationById.load(movement.locationId),
};

export const Transfer = {
  product: (transfer: TransferRow) => ({ id: transfer.productId }),
  from: (transfer: TransferRow, _: unknown, { loaders }: InventoryContext) => loaders.locationById.load(transfer.fromLocationId),
  to: (transfer: TransferRow, _: unknown, { loaders }: InventoryContext) => loaders.locationById.load(transfer.toLocationId),
};
