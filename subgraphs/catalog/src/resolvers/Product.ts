import { loadRequired, toMoney } from '@opsgraph/kit';
import type { ChannelPriceResolvers, ProductResolvers } from '../generated/resolvers';

export const Product: ProductResolvers = {
  __resolveReference(ref, { loaders }) {
    return 'id' in ref ? loaders.productById.load(ref.id) : loaders.productBySku.load(ref.sku);
  },
  price: (product) => toMoney(product.priceMinor, product.currency),
  unitCost: (product) => toMoney(product.unitCostMinor, product.currency),
  channelPrices: (product, _, { loaders }) => loaders.channelPricesByProductId.load(product.id),
};

export const ChannelPrice: ChannelPriceResolvers = {
  channel: (row, _, { loaders }) => loadRequired(loaders.channelById, row.channelId, 'channel'),
  async price(row, _, { loaders }) {
    const product = await loadRequired(loaders.productById, row.productId, 'product');
    return toMoney(row.priceMinor, product.currency);
  },
};
