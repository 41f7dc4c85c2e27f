import { defineEvents } from '@opsgraph/kit';

/**
 * Catalog's outbox events: everything other domains learn about products, channels and prices. Inventory and
 * orders keep projections from these, so a payload carries every field they rely on.
 */
export type CatalogEvents = {
  ProductCreated: {
    productId: string;
    sku: string;
    name: string;
    currency: string;
    priceMinor: number;
    unitCostMinor: number;
  };
  ChannelCreated: {
    channelId: string;
    code: string;
    name: string;
    kind: 'DTC' | 'MARKETPLACE' | 'WHOLESALE';
    /** Lower wins when stock is scarce. */
    priority: number;
    currency: string;
  };
  /** A product's price on one channel, where it differs from the list price. */
  ChannelPriceSet: { channelId: string; channelCode: string; productId: string; priceMinor: number };
};

export const catalogEvent = defineEvents<CatalogEvents>({
  ProductCreated: 'Product',
  ChannelCreated: 'Channel',
  ChannelPriceSet: 'Product',
});
