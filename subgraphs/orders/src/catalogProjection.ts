import { catalogEvents, ordersConsumerCursors, type Db } from '@opsgraph/db';
import { catalogEvent } from '@opsgraph/catalog/events';
import { createConsumer } from '@opsgraph/kit';
import * as repo from './repo';

/**
 * Orders' own view of the catalog (channels, products, prices), kept from catalog events, so capture can
 * validate and price an order without reading the catalog's tables. Upserts: replaying an event is harmless.
 */
export function createCatalogProjection(db: Db) {
  return createConsumer({
    db,
    name: 'orders.catalog-projection',
    sourceDomain: 'catalog',
    source: catalogEvents,
    cursors: ordersConsumerCursors,
    async handle(tx, event) {
      if (catalogEvent.is(event, 'ProductCreated')) {
        const { productId, sku, currency, priceMinor } = event.payload;
        await repo.projectProduct(tx, { productId, sku, currency, priceMinor });
      } else if (catalogEvent.is(event, 'ChannelCreated')) {
        const { channelId, code, name, priority, currency } = event.payload;
        await repo.projectChannel(tx, { code, channelId, name, priority, currency });
      } else if (catalogEvent.is(event, 'ChannelPriceSet')) {
        const { channelCode, productId, priceMinor } = event.payload;
        await repo.projectChannelPrice(tx, { channelCode, productId, priceMinor });
      }
    },
  });
}
