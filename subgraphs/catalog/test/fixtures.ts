import { channelPrices, channels, products, type Db } from '@opsgraph/db';

export async function insertCatalogFixtures(db: Db) {
  await db.insert(channels).values([
    { id: 'chn_web', code: 'WEB', name: 'Web store', kind: 'DTC', priority: 1, currency: 'USD' },
    { id: 'chn_amz', code: 'AMAZON', name: 'Amazon', kind: 'MARKETPLACE', priority: 2, currency: 'USD' },
  ]);
  await db.insert(products).values(
    Array.from({ length: 25 }, (_, i) => ({
      id: `prd_${i}`,
      sku: `SKU-${String(i).padStart(3, '0')}`,
      name: i % 5 === 0 ? `Trail Shoe ${i}` : `Cotton Tee ${i}`,
      currency: 'USD',
      priceMinor: 1000 + i * 105,
      unitCostMinor: 400 + i,
    })),
  );
  await db.insert(channelPrices).values({ channelId: 'chn_amz', productId: 'prd_1', priceMinor: 1299 });
}
