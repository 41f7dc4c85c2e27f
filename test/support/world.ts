import { inArray, sql } from 'drizzle-orm';
import {
  catalogEvents,
  channelPrices,
  channelRules,
  channelSourcing,
  channels,
  executeRows,
  locations,
  orderChannels,
  products,
  type Database,
} from '@opsgraph/db';
import { catalogEvent } from '@opsgraph/catalog/events';
import { appendEvents, signalCommitted } from '@opsgraph/kit';
import { postGraphQL } from '@opsgraph/kit/testing';
import { createCatalogProjection as inventoryCatalog } from '../../subgraphs/inventory/src/catalogProjection';
import { createCatalogProjection as ordersCatalog } from '../../subgraphs/orders/src/catalogProjection';

/**
 * A small world of its own for order tests (not the demo seed): catalog products, channels and prices as the
 * catalog would publish them (rows plus catalog events), inventory's locations and channel sourcing, and
 * orders' shortage policy per channel. Stock arrives through the receiveStock mutation, like any receipt.
 */

export type WorldProduct = { id: string; sku: string; priceMinor: number };

export const LOCATIONS = [
  { id: 'loc_east', code: 'WH-EAST', name: 'East warehouse', kind: 'WAREHOUSE' as const },
  { id: 'loc_west', code: 'WH-WEST', name: 'West warehouse', kind: 'WAREHOUSE' as const },
  { id: 'loc_3pl', code: '3PL-FLEX', name: 'FlexShip 3PL', kind: 'THIRD_PARTY' as const },
];

/** Four channels, four ways of being served: priority (lower wins), nodes, split, shortage policy. */
export const CHANNELS = [
  { code: 'WEB', kind: 'DTC' as const, priority: 1, nodes: ['loc_east', 'loc_west'], onShortage: 'BACKORDER' as const },
  { code: 'AMAZON', kind: 'MARKETPLACE' as const, priority: 2, nodes: ['loc_3pl', 'loc_east'], onShortage: 'BACKORDER' as const },
  { code: 'EBAY', kind: 'MARKETPLACE' as const, priority: 3, nodes: ['loc_west', 'loc_east'], onShortage: 'BACKORDER' as const },
  { code: 'B2B', kind: 'WHOLESALE' as const, priority: 4, nodes: ['loc_west'], onShortage: 'REFUSE' as const },
];

export async function buildWorld(database: Database, items: { sku: string; priceMinor: number; channelPrices?: Record<string, number> }[]) {
  const { db } = database;
  const world: WorldProduct[] = items.map((p) => ({ id: `prd_${p.sku.toLowerCase()}`, sku: p.sku, priceMinor: p.priceMinor }));
  const channelRows = CHANNELS.map((c) => ({ id: `chn_${c.code.toLowerCase()}`, code: c.code, name: `${c.code} channel`, kind: c.kind, priority: c.priority, currency: 'USD' }));
  const prices = items.flatMap((p, i) =>
    Object.entries(p.channelPrices ?? {}).map(([code, priceMinor]) => ({ channelId: `chn_${code.toLowerCase()}`, channelCode: code, productId: world[i]!.id, priceMinor })),
  );
  await db.transaction(async (tx) => {
    await tx.insert(products).values(world.map((p) => ({ id: p.id, sku: p.sku, name: `Product ${p.sku}`, currency: 'USD', priceMinor: p.priceMinor, unitCostMinor: Math.floor(p.priceMinor / 2) })));
    await tx.insert(channels).values(channelRows);
    if (prices.length > 0) await tx.insert(channelPrices).values(prices.map(({ channelId, productId, priceMinor }) => ({ channelId, productId, priceMinor })));
    await appendEvents(tx, 'catalog', catalogEvents, [
      ...world.map((p) =>
        catalogEvent.of('ProductCreated', p.id, { productId: p.id, sku: p.sku, name: `Product ${p.sku}`, currency: 'USD', priceMinor: p.priceMinor, unitCostMinor: Math.floor(p.priceMinor / 2) }),
      ),
      ...channelRows.map((c) => catalogEvent.of('ChannelCreated', c.id, { channelId: c.id, code: c.code, name: c.name, kind: c.kind, priority: c.priority, currency: c.currency })),
      ...prices.map((p) => catalogEvent.of('ChannelPriceSet', p.productId, p)),
    ]);
  });
  signalCommitted('catalog');
  await db.insert(locations).values(LOCATIONS);
  // Both projections now, so the channel rows exist for the policies set below.
  await inventoryCatalog(db).catchUp();
  await ordersCatalog(db).catchUp();
  for (const channel of CHANNELS) {
    await db
      .insert(channelRules)
      .values({ channelCode: channel.code, safetyStock: 0, allowSplit: true })
      .onConflictDoNothing();
    await db.insert(channelSourcing).values(channel.nodes.map((locationId, rank) => ({ channelCode: channel.code, locationId, rank })));
  }
  const refusing = CHANNELS.filter((c) => c.onShortage === 'REFUSE').map((c) => c.code);
  await db.update(orderChannels).set({ onShortage: 'REFUSE' }).where(inArray(orderChannels.code, refusing));
  return world;
}

/** A GraphQL client for the gateway that fails the test on GraphQL errors. */
export function gatewayClient(url: string) {
  return async function gql<D = any>(query: string, variables?: Record<string, unknown>): Promise<D> {
    const result = await postGraphQL<D>(url, query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as D;
  };
}

let receipts = 0;

export async function receive(gql: ReturnType<typeof gatewayClient>, sku: string, locationCode: string, quantity: number) {
  const data = await gql(
    `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { userErrors { code message } } }`,
    { input: { idempotencyKey: `receipt-${process.pid}-${++receipts}`, sku, locationCode, quantity } },
  );
  if (data.receiveStock.userErrors.length) throw new Error(JSON.stringify(data.receiveStock.userErrors));
}

/** Positions of a product by location code, straight from inventory's table. */
export async function positionsOf(database: Database, productId: string) {
  const list = await executeRows<{ code: string; onHand: number; reserved: number }>(
    database.db,
    sql`select l.code, p.on_hand as "onHand", p.reserved from inventory.positions p join inventory.locations l on l.id = p.location_id
        where p.product_id = ${productId} order by l.code`,
  );
  return Object.fromEntries(list.map((r) => [r.code, { onHand: Number(r.onHand), reserved: Number(r.reserved) }]));
}
