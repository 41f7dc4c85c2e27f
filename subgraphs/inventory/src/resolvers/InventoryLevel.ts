import type { InventoryContext } from '../context';
import { availableAt } from '../availability';
import { levelId, parseLevelId } from '../ledger';
import type { Loaders } from '../loaders';
import type { PositionRow } from '../repo';

/** One product's level at one location, through the per-product loader (so many levels cost one query). */
export async function findLevel(loaders: Loaders, productId: string, locationId: string): Promise<PositionRow | null> {
  const levels = await loaders.positionsByProductId.load(productId);
  return levels.find((l) => l.locationId === locationId) ?? null;
}

export const InventoryLevel = {
  __resolveReference(ref: { id: string }, { loaders }: InventoryContext) {
    const key = parseLevelId(ref.id);
    return key ? findLevel(loaders, key.productId, key.locationId) : null;
  },
  id: (level: PositionRow) => levelId(level.productId, level.locationId),
  product: (level: PositionRow) => ({ id: level.productId }),
  location: (level: PositionRow, _: unknown, { loaders }: InventoryContext) => loaders.locationById.load(level.locationId),
  available: (level: PositionRow) => availableAt(level),
};
