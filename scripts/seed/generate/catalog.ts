import { catalogEvent } from '../../../subgraphs/catalog/src/events';
import * as words from '../words';
import { AMAZON, CHANNELS, CURRENCY, EBAY, WHOLESALE } from './masterData';
import type { TimedEvent } from './seedData';
import { DAY, pad, type Sim } from './simulation';

/** A product as the simulation sees it: the row's facts plus how it is bought and sold. */
export type SimProduct = {
  /** Position in the catalog; stock arrays are indexed by it. */
  index: number;
  id: string;
  sku: string;
  category: words.ProductType['category'];
  priceMinor: number;
  unitCostMinor: number;
  casePack: number;
  supplier: number;
  leadDays: number;
  /** Price per channel index when the channel overrides the list price. */
  channelPrice: (number | undefined)[];
};

export type Catalog = {
  products: SimProduct[];
  /** Relative demand per product (a long tail: few best sellers, many slow movers). */
  popularity: number[];
  /** Units held back from a channel for a product (channel default or per-product override). */
  safetyStock(channel: number, p: SimProduct): number;
};

/** Channels, products and channel prices, with their catalog events; channel safety-stock overrides. */
export function generateCatalog(sim: Sim): Catalog {
  const { opts, rng, start, out } = sim;
  const channelsCreatedAt = start - 120 * DAY;
  for (const c of CHANNELS) {
    const { share: _share, safetyStock: _safety, sourcing: _sourcing, allowSplit: _split, onShortage: _shortage, feeRate: _fee, ...row } = c;
    out.channels.push(row);
    out.catalogEvents.push(
      catalogEvent.of(
        'ChannelCreated',
        c.id,
        { channelId: c.id, code: c.code, name: c.name, kind: c.kind, priority: c.priority, currency: c.currency },
        new Date(channelsCreatedAt),
      ) as TimedEvent,
    );
  }

  const perTypeSeq = new Map<string, number>();
  const products: SimProduct[] = [];
  const popularity: number[] = [];
  const popularityRank = rng.shuffle(Array.from({ length: opts.products }, (_, i) => i));
  // Products were added over two months, ending a month before history starts.
  const productsFrom = start - 90 * DAY;
  const productsSpan = 60 * DAY;
  for (let i = 0; i < opts.products; i++) {
    const type = rng.pick(words.productTypes);
    const seq = (perTypeSeq.get(type.code) ?? 0) + 1;
    perTypeSeq.set(type.code, seq);
    const sku = `${type.category}-${type.code}-${pad(seq, 4)}`;
    const name = `${rng.pick(words.brands)} ${rng.pick(words.styles[type.category])} ${type.noun} - ${rng.pick(words.colors)}`;
    const dollars = rng.int(type.price[0], type.price[1]);
    const cents = dollars >= 300 ? 0 : rng.weighted([[99, 5], [0, 2], [50, 2], [95, 1]] as const);
    const priceMinor = Math.max(500, Math.min(30_000, dollars * 100 + cents));
    const unitCostMinor = Math.round(priceMinor * rng.between(0.3, 0.7));
    const id = `prd_${pad(i + 1, 6)}`;
    const createdAt = new Date(productsFrom + Math.floor((i * productsSpan) / opts.products));
    out.products.push({ id, sku, name, unitOfMeasure: 'EA', currency: CURRENCY, priceMinor, unitCostMinor, createdAt });
    out.catalogEvents.push(
      catalogEvent.of('ProductCreated', id, { productId: id, sku, name, currency: CURRENCY, priceMinor, unitCostMinor }, createdAt) as TimedEvent,
    );

    // Marketplaces a little dearer, eBay sometimes cheaper, wholesale well below list but above cost.
    const channelPrice: (number | undefined)[] = [undefined, undefined, undefined, undefined];
    if (rng.chance(0.25)) channelPrice[AMAZON] = Math.min(30_000, Math.round(priceMinor * rng.between(1.04, 1.12) / 100) * 100 - 1);
    if (rng.chance(0.12)) channelPrice[EBAY] = Math.max(500, Math.round(priceMinor * rng.between(0.93, 0.99) / 100) * 100 - 1);
    if (rng.chance(0.6)) channelPrice[WHOLESALE] = Math.max(Math.round(unitCostMinor * 1.15), Math.round(priceMinor * rng.between(0.55, 0.65)));
    channelPrice.forEach((price, c) => {
      if (price === undefined) return;
      const channel = CHANNELS[c]!;
      out.channelPrices.push({ channelId: channel.id, productId: id, priceMinor: price });
      out.catalogEvents.push(
        catalogEvent.of('ChannelPriceSet', id, { channelId: channel.id, channelCode: channel.code, productId: id, priceMinor: price }, createdAt) as TimedEvent,
      );
    });

    const rank = popularityRank[i]!;
    popularity.push(type.demand / Math.pow(rank + 1, 0.65));
    products.push({
      index: i,
      id,
      sku,
      category: type.category,
      priceMinor,
      unitCostMinor,
      casePack: type.casePack,
      supplier: rng.int(0, 7),
      leadDays: rng.int(3, 8),
      channelPrice,
    });
  }

  // Channel-specific safety stock on a few products (fast sellers held back from marketplaces).
  for (const p of products) {
    if (rng.chance(0.04)) out.productSafetyStock.push({ channelCode: 'AMAZON', productId: p.id, safetyStock: rng.int(4, 10) });
    if (rng.chance(0.02)) out.productSafetyStock.push({ channelCode: 'WEB', productId: p.id, safetyStock: rng.int(1, 3) });
    if (rng.chance(0.02)) out.productSafetyStock.push({ channelCode: 'WHOLESALE', productId: p.id, safetyStock: rng.int(8, 15) });
  }
  const P = opts.products;
  const safety = new Int32Array(CHANNELS.length * P);
  CHANNELS.forEach((c, ci) => safety.fill(c.safetyStock, ci * P, (ci + 1) * P));
  for (const row of out.productSafetyStock) {
    const ci = CHANNELS.findIndex((c) => c.code === row.channelCode);
    safety[ci * P + Number(row.productId.slice(4)) - 1] = row.safetyStock;
  }

  return { products, popularity, safetyStock: (channel, p) => safety[channel * P + p.index]! };
}
