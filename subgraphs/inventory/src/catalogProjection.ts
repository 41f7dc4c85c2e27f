import { catalogEvents, channelRules, inventoryConsumerCursors, items, type Db } from '@opsgraph/db';
import { catalogEvent } from '@opsgraph/catalog/events';
import { createConsumer } from '@opsgraph/kit';

/**
 * Keeps inventory's own list of products and channels from catalog events, so inventory can validate
 * products and channel codes without reading the catalog's tables. A new channel gets default rules (no
 * safety stock, ships from every location) until someone sets its own.
 */
export function createCatalogProjection(db: Db) {
  return createConsumer({
    db,
    name: 'inventory.catalog-projection',
    sourceDomain: 'catalog',
    source: catalogEvents,
    cursors: inventoryConsumerCursors,
    async handle(tx, event) {
      if (catalogEvent.is(event, 'ProductCreated')) {
        const { productId, sku } = event.payload;
        await tx.insert(items).values({ productId, sku }).onConflictDoNothing();
      } else if (catalogEvent.is(event, 'ChannelCreated')) {
        await tx.insert(channelRules).values({ channelCode: event.payload.code, safetyStock: 0 }).onConflictDoNothing();
      }
    },
  });
}
