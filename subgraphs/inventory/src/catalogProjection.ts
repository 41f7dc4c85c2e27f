import { catalogEvents, channelRules, inventoryConsumerCursors, items, type Db } from '@opsgraph/db';
import { createConsumer } from '@opsgraph/kit';

/** Catalog events inventory reacts to, and the payloads it relies on. */
export type ProductCreated = { productId: string; sku: string };
export type ChannelCreated = { channelId: string; code: string };

/**
 * Keeps inventory's own list of products and channels from catalog events, so inventory can validate SKUs
 * and channel codes without reading the catalog's tables.
 */
export function createCatalogProjection(db: Db) {
  return createConsumer({
    db,
    name: 'inventory.catalog-projection',
    sourceDomain: 'catalog',
    source: catalogEvents,
    cursors: inventoryConsumerCursors,
    async handle(tx, event) {
      if (event.type === 'ProductCreated') {
        const { productId, sku } = event.payload as ProductCreated;
        await tx.insert(items).values({ productId, sku }).onConflictDoNothing();
      } else if (event.type === 'ChannelCreated') {
        const { code } = event.payload as ChannelCreated;
        await tx.insert(channelRules).values({ channelCode: code, safetyStock: 0 }).onConflictDoNothing();
      }
    },
  });
}
