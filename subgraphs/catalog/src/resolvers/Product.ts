import { toMoney } from '@opsgraph/kit';
import type { CatalogContext } from '../context';
import type { ChannelPriceRow, ProductRow } from '../repo';

export const Product = {
  __resolveReference(ref: { id?: string; sku?: string }, { loaders }: CatalogContext) {
    return ref.id ? loaders.productById.load(ref.id) : loaders.productBySku.load(ref.sku!);
  },
  price: (product: ProductRow) => toMoney(product.priceMinor, product.currency),
  unitCost: (product: ProductRow) => toMoney(product.unitCostMinor, product.currency),
  channelPrices: (product: ProductRow, _: unknown, { loaders }: CatalogContext) =>
    loaders.channelPricesByProductId.load(product.id),
};

export const ChannelPrice = {
  channel: (row: ChannelPriceRow, _: unknown, { loaders }: CatalogContext) => loaders.channelById.load(row.channelId),
  async price(row: ChannelPriceRow, _: unknown, { loaders }: CatalogContext) {
    const product = await loaders.productById.load(row.productId);
    return toMoney(row.priceMinor, product!.currency);
  },
};
