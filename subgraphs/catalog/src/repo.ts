import { and, asc, eq, gt, ilike, inArray, or } from 'drizzle-orm';
import { channelPrices, channels, products, type Executor } from '@opsgraph/db';

export type ProductRow = typeof products.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type ChannelPriceRow = typeof channelPrices.$inferSelect;

export function productsByIds(db: Executor, ids: readonly string[]): Promise<ProductRow[]> {
  return db.select().from(products).where(inArray(products.id, [...ids]));
}

export function productsBySkus(db: Executor, skus: readonly string[]): Promise<ProductRow[]> {
  return db.select().from(products).where(inArray(products.sku, [...skus]));
}

/** One page of products in SKU order, `limit + 1` rows so the caller can tell whether more follow. */
export function listProducts(
  db: Executor,
  page: { limit: number; afterSku: string | null; search: string | null },
): Promise<ProductRow[]> {
  const pattern = page.search ? `%${page.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select()
    .from(products)
    .where(
      and(
        page.afterSku ? gt(products.sku, page.afterSku) : undefined,
        pattern ? or(ilike(products.sku, pattern), ilike(products.name, pattern)) : undefined,
      ),
    )
    .orderBy(asc(products.sku))
    .limit(page.limit + 1);
}

export function allChannels(db: Executor): Promise<ChannelRow[]> {
  return db.select().from(channels).orderBy(asc(channels.priority), asc(channels.code));
}

export function channelsByIds(db: Executor, ids: readonly string[]): Promise<ChannelRow[]> {
  return db.select().from(channels).where(inArray(channels.id, [...ids]));
}

export function channelsByCodes(db: Executor, codes: readonly string[]): Promise<ChannelRow[]> {
  return db.select().from(channels).where(inArray(channels.code, [...codes]));
}

export function channelPricesByProductIds(db: Executor, productIds: readonly string[]): Promise<ChannelPriceRow[]> {
  return db.select().from(channelPrices).where(inArray(channelPrices.productId, [...productIds]));
}

export function channelByCode(db: Executor, code: string): Promise<ChannelRow | undefined> {
  return db.select().from(channels).where(eq(channels.code, code)).then((rows) => rows[0]);
}
