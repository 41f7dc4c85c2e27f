import { eq } from 'drizzle-orm';
import { catalogEvents, channelProductSafetyStock, channelRules, channelSourcing, items, locations, products, type Db } from '@opsgraph/db';

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

/** Products inventory knows (as its catalog projection would have recorded them), without catalog rows. */
export async function addItems(db: Db, productIds: string[]) {
  await db.insert(items).values(productIds.map((productId) => ({ productId, sku: productId.toUpperCase() })));
}

/** A channel's rules and nodes, best first (no nodes: every location), as operations would set them. */
export async function configureChannel(
  db: Db,
  channelCode: string,
  rules: { safetyStock?: number; allowSplit?: boolean; nodes?: string[] },
) {
  const set = { safetyStock: rules.safetyStock ?? 0, allowSplit: rules.allowSplit ?? true };
  await db.insert(channelRules).values({ channelCode, ...set }).onConflictDoUpdate({ target: channelRules.channelCode, set });
  await db.delete(channelSourcing).where(eq(channelSourcing.channelCode, channelCode));
  const nodes = rules.nodes ?? [];
  if (nodes.length > 0) await db.insert(channelSourcing).values(nodes.map((locationId, rank) => ({ channelCode, locationId, rank })));
}
