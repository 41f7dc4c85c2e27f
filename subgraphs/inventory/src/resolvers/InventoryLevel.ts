import { loadRequired } from '@opsgraph/kit';
import { levelId, parseLevelId } from '../events';
import type { InventoryLevelResolvers } from '../generated/resolvers';
import type { Loaders } from '../loaders';
import type { PositionRow } from '../repo';
import { freeAt } from '../sourcing';

/** One product's level at one location, through the per-product loader (so many levels cost one query). */
export async function findLevel(loaders: Loaders, productId: string, locationId: string): Promise<PositionRow | null> {
  const levels = await loaders.positionsByProductId.load(productId);
  return levels.find((l) => l.locationId === locationId) ?? null;
}

export const InventoryLevel: InventoryLevelResolvers = {
  __resolveReference(ref, { loaders }) {
    const key = parseLevelId(ref.id);
    return key ? findLevel(loaders, key.productId, key.locationId) : null;
  },
  id: (level) => levelId(level.productId, level.locationId),
  product: (level) => ({ id: level.productId }),
  location: (level, _, { loaders }) => loadRequired(loaders.locationById, level.locationId, 'location'),
  available: (level) => freeAt(level),
};
