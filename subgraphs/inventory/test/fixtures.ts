import { catalogEvents, channelProductSafetyStock, locations, products, type Db } from '@opsgraph/db';

/** Products as the catalog publishes them (rows plus ProductCreated events), and inventory's own locations. */
export async function insertInventoryFixtures(db: Db) {
  const catalogProducts = [
    { id: 'prd_tee', sku: 'TEE-001', name: 'Cotton Tee' },
    { id: 'prd_mug', sku: 'MUG-001', name: 'Enamel Mug' },
    { id: 'prd_cap', sku: 'CAP-001', name: 'Trail Cap' },
  ];
  await db.insert(products).values(catalogProducts.map((p) => ({ ...p, currency: 'USD', priceMinor: 2000, unitCostMinor: 800 })));
  await db.insert(catalogEvents).values([
    ...catalogProducts.map((p) => ({
      entityType: 'Product',
      entityId: p.id,
      type: 'ProductCreated',
      payload: { productId: p.id, sku: p.sku },
    })),
    ...['WEB', 'AMAZON'].map((code) => ({
      entityType: 'Channel',
      entityId: `chn_${code}`,
      type: 'ChannelCreated',
      payload: { channelId: `chn_${code}`, code },
    })),
  ]);
  await db.insert(locations).values([
    { id: 'loc_east', code: 'WH-EAST', name: 'East warehouse', kind: 'WAREHOUSE' },
    { id: 'loc_west', code: 'WH-WEST', name: 'West warehouse', kind: 'WAREHOUSE' },
    { id: 'loc_3pl', code: '3PL-FLEX', name: 'FlexShip 3PL', kind: 'THIRD_PARTY' },
  ]);
}

export async function setSafetyStock(db: Db, channelCode: string, productId: string, safetyStock: number) {
  await db.insert(channelProductSafetyStock).values({ channelCode, productId, safetyStock });
}
