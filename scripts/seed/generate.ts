import type {
  allocations,
  channelPrices,
  channelProductSafetyStock,
  channels,
  locations,
  movements,
  orderExceptions,
  orderHeaders,
  orderLines,
  orderTransitions,
  products,
  refunds,
  returnHeaders,
  returnLines,
  shipments,
  transfers,
} from '@opsgraph/db';
import type { DomainEvent } from '@opsgraph/kit';
import { standardAccounts } from '../../subgraphs/finance/src/accounts';
import { movementDeltas, toMovementRow, type Deltas, type MovementType } from '../../subgraphs/inventory/src/ledger';
import { canTransition, type OrderStatus } from '../../subgraphs/orders/src/lifecycle';
import { createRng, createSampler } from './random';
import * as words from './words';

/**
 * The demo world, simulated in memory in time order: stock arrives, orders are captured and walk the
 * lifecycle, some come back as returns, and every operation books money. Nothing here touches a database;
 * the same options always produce the same rows, byte for byte.
 */

export type SeedOptions = { products?: number; orders?: number; days?: number; seed?: number };
export type ResolvedSeedOptions = Required<SeedOptions>;

export const defaultSeedOptions: ResolvedSeedOptions = { products: 300, orders: 1500, days: 90, seed: 42 };

/** The demo's "now": history ends here. Fixed, so the data is the same whenever it is generated. */
export const SEED_EPOCH = new Date('2026-11-01T00:00:00Z');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CURRENCY = 'USD';

export type TimedEvent = DomainEvent & { occurredAt: Date };

/** One daily summary journal entry (one per day per source type). */
export type Posting = {
  id: string;
  description: string;
  sourceType: string;
  sourceId: string;
  postedAt: Date;
  lines: { accountCode: string; currency: string; debitMinor?: number; creditMinor?: number }[];
};

export type SeedData = {
  options: ResolvedSeedOptions;
  period: { from: Date; to: Date };
  channels: (typeof channels.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  channelPrices: (typeof channelPrices.$inferInsert)[];
  catalogEvents: TimedEvent[];
  locations: (typeof locations.$inferInsert)[];
  channelSafetyStock: { channelCode: string; safetyStock: number }[];
  productSafetyStock: (typeof channelProductSafetyStock.$inferInsert)[];
  movements: (typeof movements.$inferInsert)[];
  transfers: (typeof transfers.$inferInsert)[];
  orders: (typeof orderHeaders.$inferInsert)[];
  orderLines: (typeof orderLines.$inferInsert)[];
  allocations: (typeof allocations.$inferInsert)[];
  orderTransitions: (typeof orderTransitions.$inferInsert)[];
  orderExceptions: (typeof orderExceptions.$inferInsert)[];
  shipments: (typeof shipments.$inferInsert)[];
  ordersEvents: TimedEvent[];
  returns: (typeof returnHeaders.$inferInsert)[];
  returnLines: (typeof returnLines.$inferInsert)[];
  refunds: (typeof refunds.$inferInsert)[];
  returnsEvents: TimedEvent[];
  postings: Posting[];
};

export function resolveSeedOptions(options: SeedOptions = {}): ResolvedSeedOptions {
  const resolved = { ...defaultSeedOptions };
  for (const key of Object.keys(defaultSeedOptions) as (keyof ResolvedSeedOptions)[]) {
    if (options[key] !== undefined) resolved[key] = options[key];
  }
  const checks: [keyof ResolvedSeedOptions, number][] = [
    ['products', 1],
    ['orders', 0],
    ['days', 1],
    ['seed', 0],
  ];
  for (const [name, min] of checks) {
    const value = resolved[name];
    if (!Number.isSafeInteger(value) || value < min) {
      throw new RangeError(`seed option "${name}" must be a whole number of at least ${min}, got ${String(value)}`);
    }
  }
  if (resolved.products > 99_999) throw new RangeError('seed option "products" must be at most 99999');
  if (resolved.orders > 899_999) throw new RangeError('seed option "orders" must be at most 899999');
  if (resolved.days > 3650) throw new RangeError('seed option "days" must be at most 3650');
  return resolved;
}

// ---------------------------------------------------------------------------------------------------------
// Fixed master data

const LOCATIONS = [
  { id: 'loc_wh_east', code: 'WH-EAST', name: 'East Coast Warehouse (Edison, NJ)', kind: 'WAREHOUSE' },
  { id: 'loc_wh_west', code: 'WH-WEST', name: 'West Coast Warehouse (Reno, NV)', kind: 'WAREHOUSE' },
  { id: 'loc_store_nyc', code: 'STORE-NYC', name: 'NYC Flagship Store', kind: 'STORE' },
  { id: 'loc_3pl_flex', code: '3PL-FLEX', name: 'FlexShip 3PL (Memphis, TN)', kind: 'THIRD_PARTY' },
] as const satisfies readonly (typeof locations.$inferInsert)[];
const EAST = 0;
const WEST = 1;
const STORE = 2;
const TPL = 3;
const L = LOCATIONS.length;

type ChannelDef = (typeof channels.$inferInsert) & { share: number; safetyStock: number; feeRate: number };
const CHANNELS: readonly ChannelDef[] = [
  { id: 'chn_web', code: 'WEB', name: 'Web store', kind: 'DTC', priority: 1, currency: CURRENCY, share: 46, safetyStock: 0, feeRate: 0 },
  { id: 'chn_amazon', code: 'AMAZON', name: 'Amazon', kind: 'MARKETPLACE', priority: 2, currency: CURRENCY, share: 34, safetyStock: 2, feeRate: 0.15 },
  { id: 'chn_ebay', code: 'EBAY', name: 'eBay', kind: 'MARKETPLACE', priority: 3, currency: CURRENCY, share: 12, safetyStock: 1, feeRate: 0.12 },
  { id: 'chn_wholesale', code: 'WHOLESALE', name: 'Wholesale portal', kind: 'WHOLESALE', priority: 4, currency: CURRENCY, share: 8, safetyStock: 5, feeRate: 0 },
];
const WEB = 0;
const AMAZON = 1;
const WHOLESALE = 3;

const CARRIERS = [
  ['UPS', 40],
  ['FedEx', 25],
  ['USPS', 25],
  ['DHL', 10],
] as const;

const SLA_HOURS: Record<string, number> = { RISK_REVIEW: 4, ADDRESS_INVALID: 4, PAYMENT_HOLD: 24, BACKORDER: 24 };

const acct = {
  cash: standardAccounts.cash.code,
  ar: standardAccounts.accountsReceivable.code,
  inventory: standardAccounts.inventory.code,
  ap: standardAccounts.accountsPayable.code,
  refundsPayable: standardAccounts.refundsPayable.code,
  equity: standardAccounts.ownersEquity.code,
  revenue: standardAccounts.salesRevenue.code,
  salesReturns: standardAccounts.salesReturns.code,
  cogs: standardAccounts.costOfGoodsSold.code,
  writeOffs: standardAccounts.inventoryWriteOffs.code,
  fees: standardAccounts.marketplaceFees.code,
  fulfillment: standardAccounts.fulfillmentCost.code,
};

/** Journal source types, in the order a day's entries are posted. */
const SOURCE_TYPES = [
  'RECEIPT',
  'SHIPMENT',
  'SETTLEMENT',
  'RETURN_RESTOCK',
  'REFUND',
  'REFUND_PAYMENT',
  'WRITE_OFF',
  'AP_PAYMENT',
] as const;
type SourceType = (typeof SOURCE_TYPES)[number];
const SOURCE_DESCRIPTIONS: Record<SourceType, string> = {
  RECEIPT: 'Purchase receipts',
  SHIPMENT: 'Shipments: revenue, cost of goods sold, fees',
  SETTLEMENT: 'Customer and marketplace settlements',
  RETURN_RESTOCK: 'Returned units restocked',
  REFUND: 'Refunds approved',
  REFUND_PAYMENT: 'Refunds paid',
  WRITE_OFF: 'Inventory adjustments and write-offs',
  AP_PAYMENT: 'Supplier payments',
};

// ---------------------------------------------------------------------------------------------------------
// Small helpers

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const roundUpTo = (n: number, multiple: number) => Math.ceil(n / multiple) * multiple;

/** The business runs on US Eastern time (UTC-4 throughout the default period); shifts are in local hours. */
const LOCAL_OFFSET = -4 * HOUR;
const localHour = (t: number) => (((t + LOCAL_OFFSET) % DAY) + DAY) % DAY / HOUR;
/** Local midnight at or before `t`, as a UTC timestamp. */
const localMidnight = (t: number) => t - (((t + LOCAL_OFFSET) % DAY) + DAY) % DAY;

/** A binary heap of timed actions; ties run in the order they were scheduled. */
class Agenda {
  private heap: { t: number; seq: number; run: (t: number) => void }[] = [];
  private seq = 0;
  constructor(readonly end: number) {}

  /** Schedules `run` at `t`; returns false (and drops it) when `t` is at or after the end of history. */
  at(time: number, run: (t: number) => void): boolean {
    const t = Math.ceil(time / 1000) * 1000; // whole seconds, never earlier than asked
    if (t >= this.end) return false;
    const item = { t, seq: this.seq++, run };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
    return true;
  }

  runAll(): void {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          i = m;
        }
      }
      top.run(top.t);
    }
  }

  private less(a: { t: number; seq: number }, b: { t: number; seq: number }) {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Simulation state

type SimProduct = {
  index: number;
  id: string;
  sku: string;
  category: words.ProductType['category'];
  priceMinor: number;
  unitCostMinor: number;
  casePack: number;
  supplier: number;
  leadDays: number;
  channelPrice: (number | undefined)[];
};

type SimLine = { id: string; lineNo: number; p: SimProduct; quantity: number; unitPriceMinor: number; allocs: { loc: number; qty: number }[] };

type SimException = {
  id: string;
  orderId: string;
  cause: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED';
  openedAt: number;
  assignee: string | null;
};

type SimOrder = {
  id: string;
  number: string;
  channel: number;
  customerName: string;
  customerEmail: string;
  repeatCustomer: boolean;
  region: 'EAST' | 'WEST';
  nyc: boolean;
  shipTo: { line1: string; city: string; postalCode: string; country: string };
  createdAt: number;
  lines: SimLine[];
  totalMinor: number;
  status: OrderStatus | null;
  lastAt: number;
  reserved: boolean;
  exception: SimException | null;
  waitingSince: number | null;
  backlog: { k: number; qty: number }[];
  carrier: string | null;
  feeMinor: number;
};

export function generateSeedData(options: SeedOptions = {}): SeedData {
  const opts = resolveSeedOptions(options);
  const rng = createRng(opts.seed);
  const end = SEED_EPOCH.getTime();
  const start = end - opts.days * DAY;
  const agenda = new Agenda(end);
  /** The first moment at or after `t` inside the daily shift [from, to) local hours. */
  function withinHours(t: number, from: number, to: number): number {
    const h = localHour(t);
    if (h >= from && h < to) return t;
    const next = h < from ? localMidnight(t) : localMidnight(t) + DAY;
    return next + from * HOUR + rng.int(1, 40) * MINUTE;
  }

  const out: SeedData = {
    options: opts,
    period: { from: new Date(start), to: new Date(end) },
    channels: [],
    products: [],
    channelPrices: [],
    catalogEvents: [],
    locations: LOCATIONS.map((l) => ({ ...l })),
    channelSafetyStock: CHANNELS.map((c) => ({ channelCode: c.code, safetyStock: c.safetyStock })),
    productSafetyStock: [],
    movements: [],
    transfers: [],
    orders: [],
    orderLines: [],
    allocations: [],
    orderTransitions: [],
    orderExceptions: [],
    shipments: [],
    ordersEvents: [],
    returns: [],
    returnLines: [],
    refunds: [],
    returnsEvents: [],
    postings: [],
  };

  // ------------------------------------------------------------------ catalog
  const channelsCreatedAt = start - 120 * DAY;
  for (const c of CHANNELS) {
    const { share: _share, safetyStock: _safety, feeRate: _fee, ...row } = c;
    out.channels.push(row);
    out.catalogEvents.push({
      entityType: 'Channel',
      entityId: c.id,
      type: 'ChannelCreated',
      payload: { channelId: c.id, code: c.code },
      occurredAt: new Date(channelsCreatedAt),
    });
  }

  const perTypeSeq = new Map<string, number>();
  const simProducts: SimProduct[] = [];
  const popularity: number[] = [];
  const popularityRank = rng.shuffle(Array.from({ length: opts.products }, (_, i) => i));
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
    out.catalogEvents.push({ entityType: 'Product', entityId: id, type: 'ProductCreated', payload: { productId: id, sku }, occurredAt: createdAt });

    const channelPrice: (number | undefined)[] = [undefined, undefined, undefined, undefined];
    if (rng.chance(0.25)) channelPrice[AMAZON] = Math.min(30_000, Math.round(priceMinor * rng.between(1.04, 1.12) / 100) * 100 - 1);
    if (rng.chance(0.12)) channelPrice[2] = Math.max(500, Math.round(priceMinor * rng.between(0.93, 0.99) / 100) * 100 - 1);
    if (rng.chance(0.6)) channelPrice[WHOLESALE] = Math.max(Math.round(unitCostMinor * 1.15), Math.round(priceMinor * rng.between(0.55, 0.65)));
    channelPrice.forEach((price, c) => {
      if (price !== undefined) out.channelPrices.push({ channelId: CHANNELS[c]!.id, productId: id, priceMinor: price });
    });

    const rank = popularityRank[i]!;
    popularity.push(type.demand / Math.pow(rank + 1, 0.65));
    simProducts.push({
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
  for (const p of simProducts) {
    if (rng.chance(0.04)) out.productSafetyStock.push({ channelCode: 'AMAZON', productId: p.id, safetyStock: rng.int(4, 10) });
    if (rng.chance(0.02)) out.productSafetyStock.push({ channelCode: 'WEB', productId: p.id, safetyStock: rng.int(1, 3) });
    if (rng.chance(0.02)) out.productSafetyStock.push({ channelCode: 'WHOLESALE', productId: p.id, safetyStock: rng.int(8, 15) });
  }
  const safety = new Int32Array(CHANNELS.length * opts.products);
  CHANNELS.forEach((c, ci) => safety.fill(c.safetyStock, ci * opts.products, (ci + 1) * opts.products));
  for (const row of out.productSafetyStock) {
    const ci = CHANNELS.findIndex((c) => c.code === row.channelCode);
    safety[ci * opts.products + Number(row.productId.slice(4)) - 1] = row.safetyStock;
  }

  // ------------------------------------------------------------------ inventory state
  const P = opts.products;
  const onHand = new Int32Array(P * L);
  const reserved = new Int32Array(P * L);
  const inTransit = new Int32Array(P * L);
  const damaged = new Int32Array(P * L);
  const returnPending = new Int32Array(P * L);
  const onOrder = new Int32Array(P * L);
  /** Units waiting orders need, so purchasing orders them too. */
  const backlog = new Int32Array(P * L);
  const stocked = new Uint8Array(P * L);
  const reorderPoint = new Int32Array(P * L);
  const orderUpTo = new Int32Array(P * L);

  const totalPopularity = popularity.reduce((a, b) => a + b, 0);
  // Expected units sold over the period: lines per order x units per line, wholesale buys more.
  const expectedUnits = opts.orders * 1.8 * 1.9;
  for (const p of simProducts) {
    const base = p.index * L;
    stocked[base + EAST] = 1;
    stocked[base + WEST] = 1;
    if (p.category !== 'OUT' && rng.chance(0.4)) stocked[base + STORE] = 1;
    if (rng.chance(0.35)) stocked[base + TPL] = 1;
    const daily = (expectedUnits * popularity[p.index]!) / totalPopularity / opts.days;
    const tplShare = stocked[base + TPL] ? 0.32 : 0;
    const storeShare = stocked[base + STORE] ? 0.07 : 0;
    const rest = 1 - tplShare - storeShare;
    const shares = [rest * 0.57, rest * 0.43, storeShare, tplShare];
    for (let l = 0; l < L; l++) {
      if (!stocked[base + l]) continue;
      const d = daily * shares[l]!;
      const rop = Math.ceil(d * (p.leadDays + 4)) + 2;
      reorderPoint[base + l] = rop;
      orderUpTo[base + l] = rop + Math.max(p.casePack, Math.ceil(d * 18));
    }
  }

  // ------------------------------------------------------------------ money
  type Bucket = { date: string; type: SourceType; count: number; lines: Map<string, number> };
  const buckets = new Map<string, Bucket>();
  function book(t: number, type: SourceType, debit: string, credit: string, amount: number, count = 1) {
    if (amount <= 0) return;
    const date = isoDate(t);
    const key = `${date}|${type}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { date, type, count: 0, lines: new Map() }));
    bucket.count += count;
    bucket.lines.set(`D|${debit}`, (bucket.lines.get(`D|${debit}`) ?? 0) + amount);
    bucket.lines.set(`C|${credit}`, (bucket.lines.get(`C|${credit}`) ?? 0) + amount);
  }

  // ------------------------------------------------------------------ ledger
  function move(
    p: SimProduct,
    loc: number,
    type: MovementType,
    quantity: number,
    deltas: Deltas,
    t: number,
    actor: string,
    extra: { reason?: string | null; reference?: string | null; transferId?: string | null } = {},
  ) {
    const k = p.index * L + loc;
    onHand[k]! += deltas.onHand ?? 0;
    reserved[k]! += deltas.reserved ?? 0;
    inTransit[k]! += deltas.inTransit ?? 0;
    damaged[k]! += deltas.damaged ?? 0;
    returnPending[k]! += deltas.returnPending ?? 0;
    if (reserved[k]! < 0 || reserved[k]! > onHand[k]! || inTransit[k]! < 0 || damaged[k]! < 0 || returnPending[k]! < 0) {
      throw new Error(`seed generator bug: ${type} of ${quantity} ${p.sku} at ${LOCATIONS[loc]!.code} breaks a position invariant`);
    }
    out.movements.push(
      toMovementRow({ productId: p.id, locationId: LOCATIONS[loc]!.id, type, quantity, deltas, actor, occurredAt: new Date(t), ...extra }),
    );
  }
  const available = (p: SimProduct, loc: number) => onHand[p.index * L + loc]! - reserved[p.index * L + loc]!;

  // ------------------------------------------------------------------ purchasing
  let poSeq = 200_000;
  function receivePurchaseOrder(t: number, loc: number, lines: { p: SimProduct; qty: number }[]) {
    const reference = `PO-${++poSeq}`;
    const actor = loc === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
    let cost = 0;
    for (const { p, qty } of lines) {
      move(p, loc, 'RECEIPT', qty, movementDeltas.receipt(qty), t, actor, { reference });
      onOrder[p.index * L + loc]! -= qty;
      cost += qty * p.unitCostMinor;
    }
    book(t, 'RECEIPT', acct.inventory, acct.ap, cost, lines.length);
    // Suppliers are paid on 30-day terms.
    agenda.at(t + 30 * DAY, (tp) => book(tp, 'AP_PAYMENT', acct.ap, acct.cash, cost));
  }

  function placePurchaseOrders(t: number, initial: boolean) {
    const groups = new Map<string, { loc: number; supplier: number; lead: number; lines: { p: SimProduct; qty: number }[] }>();
    for (const p of simProducts) {
      for (let loc = 0; loc < L; loc++) {
        const k = p.index * L + loc;
        if (!stocked[k]) continue;
        const position = onHand[k]! - reserved[k]! + inTransit[k]! + onOrder[k]! - backlog[k]!;
        if (!initial && position >= reorderPoint[k]!) continue;
        const qty = roundUpTo(orderUpTo[k]! - position, p.casePack);
        if (qty <= 0) continue;
        onOrder[k]! += qty;
        const key = `${loc}|${p.supplier}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { loc, supplier: p.supplier, lead: p.leadDays, lines: [] }));
        group.lines.push({ p, qty });
      }
    }
    for (const group of groups.values()) {
      let arrival: number;
      if (initial) arrival = t + rng.int(0, 8 * 60) * MINUTE;
      else {
        const late = rng.chance(0.1) ? rng.int(2, 9) * DAY : 0;
        arrival = t + group.lead * DAY + late + rng.int(2 * 60, 10 * 60) * MINUTE;
      }
      // Arrivals after the end of history are simply still on order.
      agenda.at(arrival, (ta) => receivePurchaseOrder(ta, group.loc, group.lines));
    }
  }

  // Opening stock lands two days before the first order.
  placePurchaseOrders(localMidnight(start) - 2 * DAY + 8 * HOUR, true);

  // ------------------------------------------------------------------ daily operations
  // Adjustments and transfers grow with the catalog, with a floor so small demo sets still show some.
  const scale = Math.max(0.5, opts.products / 300);
  let transferSeq = 0;
  for (let d = 0; d < opts.days; d++) {
    const dayStart = localMidnight(start) + (d + 1) * DAY;
    agenda.at(dayStart + 6 * HOUR, (t) => placePurchaseOrders(t, false));
    agenda.at(dayStart + 7 * HOUR, (t) => retryWaitingOrders(t));
    agenda.at(dayStart + 17 * HOUR, (t) => retryWaitingOrders(t));

    const adjustments = Math.floor(1.1 * scale * rng.between(0.4, 1.6) + rng.next());
    for (let a = 0; a < adjustments; a++) agenda.at(dayStart + rng.int(8 * 60, 18 * 60) * MINUTE, (t) => adjustStock(t));
    const transfersToday = Math.floor(0.3 * scale * rng.between(0.3, 1.7) + rng.next());
    for (let a = 0; a < transfersToday; a++) agenda.at(dayStart + rng.int(9 * 60, 15 * 60) * MINUTE, (t) => startTransfer(t));
  }

  function adjustStock(t: number) {
    const p = simProducts[rng.int(0, P - 1)]!;
    const stockedAt = [EAST, WEST, STORE, TPL].filter((loc) => stocked[p.index * L + loc]);
    const loc = rng.pick(stockedAt);
    const reason = rng.weighted([['CYCLE_COUNT', 45], ['DAMAGED', 20], ['SHRINKAGE', 20], ['FOUND', 15]] as const);
    let delta: number;
    if (reason === 'CYCLE_COUNT') delta = rng.int(1, 3) * (rng.chance(0.55) ? -1 : 1);
    else if (reason === 'FOUND') delta = rng.int(1, 2);
    else delta = -rng.int(1, reason === 'DAMAGED' ? 2 : 3);
    if (delta < 0 && available(p, loc) < -delta) return; // cannot lose what is promised to customers
    const reference = reason === 'CYCLE_COUNT' ? `CC-${isoDate(t)}-${LOCATIONS[loc]!.code}` : null;
    const actor = loc === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
    move(p, loc, 'ADJUSTMENT', Math.abs(delta), movementDeltas.adjustment(delta), t, actor, { reason, reference });
    const value = Math.abs(delta) * p.unitCostMinor;
    if (delta < 0) book(t, 'WRITE_OFF', acct.writeOffs, acct.inventory, value);
    else book(t, 'WRITE_OFF', acct.inventory, acct.writeOffs, value);
  }

  function startTransfer(t: number) {
    const to = rng.weighted([[STORE, 4], [TPL, 4], [EAST, 1], [WEST, 1]] as const);
    let p = simProducts[rng.int(0, P - 1)]!;
    for (let tries = 0; tries < 10 && !stocked[p.index * L + to]; tries++) p = simProducts[rng.int(0, P - 1)]!;
    if (!stocked[p.index * L + to]) return;
    const sources = [EAST, WEST].filter((loc) => loc !== to);
    const from = sources.reduce((best, loc) => (available(p, loc) > available(p, best) ? loc : best), sources[0]!);
    const qty = Math.min(roundUpTo(rng.int(1, 3) * p.casePack, 1), Math.floor(available(p, from) / 3));
    if (qty < 1) return;
    const id = `trf_${pad(++transferSeq, 6)}`;
    const transfer: typeof transfers.$inferInsert = {
      id,
      productId: p.id,
      fromLocationId: LOCATIONS[from]!.id,
      toLocationId: LOCATIONS[to]!.id,
      quantity: qty,
      status: 'IN_TRANSIT',
      createdAt: new Date(t),
      receivedAt: null,
    };
    out.transfers.push(transfer);
    const actor = rng.pick(words.opsStaff);
    move(p, from, 'TRANSFER_OUT', qty, movementDeltas.transferOut(qty), t, actor, { reference: id, transferId: id });
    move(p, to, 'TRANSFER_IN_TRANSIT', qty, movementDeltas.transferInTransit(qty), t, actor, { reference: id, transferId: id });
    agenda.at(t + rng.int(1, 5) * DAY + rng.int(0, 6 * 60) * MINUTE, (ta) => {
      const receiver = to === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
      move(p, to, 'TRANSFER_IN', qty, movementDeltas.transferIn(qty), ta, receiver, { reference: id, transferId: id });
      transfer.status = 'RECEIVED';
      transfer.receivedAt = new Date(ta);
    });
  }

  // ------------------------------------------------------------------ orders
  const exceptions: SimException[] = [];
  const waiting: SimOrder[] = [];
  const allocationRows: { row: typeof allocations.$inferInsert; order: SimOrder }[] = [];
  let shipmentSeq = 0;
  let returnSeq = 0;
  let refundSeq = 0;

  function transition(o: SimOrder, to: OrderStatus, t: number, actor: string, reason: string | null) {
    if (o.status !== null && !canTransition(o.status, to)) throw new Error(`seed generator bug: ${o.number} ${o.status} -> ${to}`);
    if (t <= o.lastAt && o.status !== null) throw new Error(`seed generator bug: ${o.number} history goes back in time`);
    out.orderTransitions.push({ orderId: o.id, fromStatus: o.status, toStatus: to, actor, reason, at: new Date(t) });
    out.ordersEvents.push(
      o.status === null
        ? {
            entityType: 'Order',
            entityId: o.id,
            type: 'OrderCaptured',
            payload: {
              orderId: o.id,
              number: o.number,
              channelCode: CHANNELS[o.channel]!.code,
              totalMinor: o.totalMinor,
              currency: CURRENCY,
              lines: o.lines.map((l) => ({ orderLineId: l.id, productId: l.p.id, sku: l.p.sku, quantity: l.quantity })),
            },
            occurredAt: new Date(t),
          }
        : {
            entityType: 'Order',
            entityId: o.id,
            type: 'OrderStatusChanged',
            payload: { orderId: o.id, number: o.number, from: o.status, to, actor, reason },
            occurredAt: new Date(t),
          },
    );
    o.status = to;
    o.lastAt = t;
  }

  function openException(o: SimOrder, cause: string, t: number) {
    const exception: SimException = { id: `exc_${pad(exceptions.length + 1, 6)}`, orderId: o.id, cause, status: 'OPEN', openedAt: t, assignee: null };
    exceptions.push(exception);
    o.exception = exception;
    return exception;
  }

  function resolveException(o: SimOrder, assignee: string | null) {
    if (!o.exception) return;
    o.exception.status = 'RESOLVED';
    o.exception.assignee = assignee ?? o.exception.assignee;
    o.exception = null;
  }

  function locationPreference(o: SimOrder): number[] {
    const home = o.region === 'EAST' ? EAST : WEST;
    const other = home === EAST ? WEST : EAST;
    if (o.channel === AMAZON) return [TPL, home, other];
    if (o.channel === WHOLESALE) return [home, other];
    if (o.channel === WEB && o.nyc) return [STORE, home, other, TPL];
    return [home, other, TPL];
  }

  /** Reserves every line or nothing; false when no combination of nodes can fill the order. */
  function allocate(o: SimOrder, t: number): boolean {
    const prefs = locationPreference(o);
    const plan: { loc: number; qty: number }[][] = [];
    for (const line of o.lines) {
      const hold = safety[o.channel * P + line.p.index]!;
      const free = (loc: number) => Math.max(0, available(line.p, loc) - hold);
      const single = prefs.find((loc) => free(loc) >= line.quantity);
      if (single !== undefined) {
        plan.push([{ loc: single, qty: line.quantity }]);
        continue;
      }
      const split: { loc: number; qty: number }[] = [];
      let missing = line.quantity;
      for (const loc of prefs) {
        const take = Math.min(missing, free(loc));
        if (take > 0) split.push({ loc, qty: take });
        missing -= take;
        if (missing === 0) break;
      }
      if (missing > 0) return false;
      plan.push(split);
    }
    o.lines.forEach((line, i) => {
      line.allocs = plan[i]!;
      for (const a of line.allocs) {
        move(line.p, a.loc, 'RESERVATION', a.qty, movementDeltas.reservation(a.qty), t, 'system', { reference: o.number });
        allocationRows.push({ row: { orderLineId: line.id, locationId: LOCATIONS[a.loc]!.id, quantity: a.qty }, order: o });
      }
    });
    o.reserved = true;
    return true;
  }

  function releaseReservations(o: SimOrder, t: number, actor: string) {
    if (!o.reserved) return;
    for (const line of o.lines) {
      for (const a of line.allocs) move(line.p, a.loc, 'RELEASE', a.qty, movementDeltas.release(a.qty), t, actor, { reference: o.number });
      line.allocs = [];
    }
    o.reserved = false;
  }

  function describeAllocation(o: SimOrder) {
    const codes = [...new Set(o.lines.flatMap((l) => l.allocs.map((a) => LOCATIONS[a.loc]!.code)))];
    return codes.length === 1 ? `from ${codes[0]}` : `split across ${codes.join(', ')}`;
  }

  function cancel(o: SimOrder, t: number, actor: string, reason: string) {
    releaseReservations(o, t, actor);
    transition(o, 'CANCELLED', t, actor, reason);
    resolveException(o, actor);
  }

  /** First allocation attempt, from CAPTURED or after a passed review. */
  function tryAllocate(o: SimOrder, t: number, actor: string, reason: string | null) {
    if (allocate(o, t)) {
      transition(o, 'ALLOCATED', t, actor, `${reason ?? 'Allocated'} ${describeAllocation(o)}`);
      afterAllocated(o, t);
      return;
    }
    const short = o.lines.find((l) => {
      let free = 0;
      for (let loc = 0; loc < L; loc++) free += Math.max(0, available(l.p, loc));
      return free < l.quantity;
    });
    const why = `Not enough stock${short ? ` for ${short.p.sku}` : ''} at any node`;
    // A reviewed order cannot go straight to BACKORDERED: it is held until stock arrives.
    if (o.status === 'RISK_REVIEW') transition(o, 'ON_HOLD', t, actor, `Review passed; ${why.toLowerCase()}`);
    else transition(o, 'BACKORDERED', t, 'system', why);
    openException(o, 'BACKORDER', t);
    o.waitingSince = t;
    waiting.push(o);
    const prefs = locationPreference(o);
    for (const line of o.lines) {
      const loc = prefs.find((l) => stocked[line.p.index * L + l]) ?? EAST;
      const entry = { k: line.p.index * L + loc, qty: line.quantity + safety[o.channel * P + line.p.index]! };
      backlog[entry.k]! += entry.qty;
      o.backlog.push(entry);
    }
  }

  function stopWaiting(o: SimOrder, i: number) {
    waiting.splice(i, 1);
    o.waitingSince = null;
    for (const { k, qty } of o.backlog) backlog[k]! -= qty;
    o.backlog = [];
  }

  function retryWaitingOrders(t: number) {
    for (let i = 0; i < waiting.length; ) {
      const o = waiting[i]!;
      if (o.lastAt >= t) {
        i++;
        continue;
      }
      if (allocate(o, t)) {
        stopWaiting(o, i);
        transition(o, 'ALLOCATED', t, 'system', `Stock arrived: allocated ${describeAllocation(o)}`);
        resolveException(o, null);
        afterAllocated(o, t);
      } else if (t - o.waitingSince! > 14 * DAY) {
        stopWaiting(o, i);
        cancel(o, t, rng.pick(words.opsStaff), 'Backorder not filled within 14 days; customer notified');
      } else {
        if (o.exception && o.exception.status === 'OPEN' && t - o.exception.openedAt > 12 * HOUR) {
          o.exception.status = 'IN_PROGRESS';
          o.exception.assignee = rng.pick(words.opsStaff);
        }
        i++;
      }
    }
  }

  function afterAllocated(o: SimOrder, t: number) {
    const roll = rng.next();
    if (roll < 0.02) {
      agenda.at(t + rng.int(10, 6 * 60) * MINUTE, (tc) => {
        if (o.status === 'ALLOCATED') cancel(o, tc, rng.pick(words.opsStaff), 'Customer requested cancellation');
      });
      return;
    }
    if (roll < 0.05) {
      agenda.at(t + rng.int(2, 30) * MINUTE, (th) => {
        transition(o, 'ON_HOLD', th, 'rules-engine', 'Payment authorization pending');
        openException(o, 'PAYMENT_HOLD', th);
        const reviewer = rng.pick(words.opsStaff);
        agenda.at(withinHours(th + Math.max(20 * MINUTE, rng.exponential(5 * HOUR)), 8, 20), (tr) => {
          if (rng.chance(0.85)) {
            transition(o, 'ALLOCATED', tr, reviewer, 'Payment authorized; hold lifted');
            resolveException(o, reviewer);
            scheduleRelease(o, tr);
          } else {
            cancel(o, tr, reviewer, 'Payment declined');
          }
        });
      });
      return;
    }
    scheduleRelease(o, t);
  }

  function scheduleRelease(o: SimOrder, t: number) {
    agenda.at(t + rng.int(5, 120) * MINUTE, (tr) => {
      transition(o, 'RELEASED', tr, 'rules-engine', o.repeatCustomer ? 'Auto-release: repeat low-risk customer' : 'Auto-release: passed rules');
      const picker = LOCATIONS[o.lines[0]!.allocs[0]!.loc]!.code === '3PL-FLEX' ? 'partner:flexship' : rng.pick(words.warehouseStaff);
      agenda.at(nextPickWave(tr + 15 * MINUTE) + rng.int(5, 100) * MINUTE, (tp) => {
        if (rng.chance(0.005)) return cancel(o, tp, rng.pick(words.opsStaff), 'Customer requested cancellation');
        transition(o, 'PICKED', tp, picker, null);
        agenda.at(withinHours(tp + rng.int(20, 240) * MINUTE, 6, 22), (tk) => {
          transition(o, 'PACKED', tk, picker, null);
          // Carriers collect once a day, late afternoon; parcels packed after the cut-off go the next day.
          const pickup = localMidnight(tk) + (localHour(tk) < 16.5 ? 0 : DAY) + 17 * HOUR + rng.int(0, 90) * MINUTE;
          agenda.at(pickup, (ts) => ship(o, ts));
        });
      });
    });
  }

  /** Warehouses pick in waves at 08:00, 11:00, 14:00 and 17:00 local time. */
  function nextPickWave(t: number): number {
    const midnight = localMidnight(t);
    for (const hour of [8, 11, 14, 17]) if (midnight + hour * HOUR >= t) return midnight + hour * HOUR;
    return midnight + DAY + 8 * HOUR;
  }

  function ship(o: SimOrder, t: number) {
    const byLocation = new Map<number, { line: SimLine; qty: number }[]>();
    for (const line of o.lines) {
      for (const a of line.allocs) {
        const list = byLocation.get(a.loc) ?? [];
        list.push({ line, qty: a.qty });
        byLocation.set(a.loc, list);
      }
    }
    let revenue = 0;
    let cost = 0;
    const carriers: string[] = [];
    for (const [loc, items] of byLocation) {
      const carrier = loc === STORE ? rng.weighted([['USPS', 3], ['UPS', 2]] as const) : rng.weighted(CARRIERS);
      carriers.push(carrier);
      const trackingNumber =
        carrier === 'UPS'
          ? `1Z${rng.alnum(6)}${rng.digits(10)}`
          : carrier === 'FedEx'
            ? rng.digits(12)
            : carrier === 'USPS'
              ? `9400${rng.digits(18)}`
              : rng.digits(10);
      out.shipments.push({ id: `shp_${pad(++shipmentSeq, 6)}`, orderId: o.id, carrier, trackingNumber, shippedAt: new Date(t) });
      let units = 0;
      for (const { line, qty } of items) {
        move(line.p, loc, 'SHIPMENT', qty, movementDeltas.shipment(qty), t, 'system', { reference: o.number });
        revenue += qty * line.unitPriceMinor;
        cost += qty * line.p.unitCostMinor;
        units += qty;
      }
      if (loc === TPL) book(t, 'SHIPMENT', acct.fulfillment, acct.ap, 350 + 75 * units, 0);
    }
    o.carrier = carriers[0]!;
    o.feeMinor = Math.round(revenue * CHANNELS[o.channel]!.feeRate);
    book(t, 'SHIPMENT', acct.ar, acct.revenue, revenue);
    book(t, 'SHIPMENT', acct.cogs, acct.inventory, cost, 0);
    book(t, 'SHIPMENT', acct.fees, acct.ar, o.feeMinor, 0);
    transition(o, 'SHIPPED', t, 'system', `Shipped via ${[...new Set(carriers)].join(' and ')}`);
    agenda.at(t + rng.int(1, 5) * DAY + rng.int(0, 10 * 60) * MINUTE, (td) => deliver(o, td));
  }

  function deliver(o: SimOrder, t: number) {
    transition(o, 'DELIVERED', t, `carrier:${o.carrier!.toLowerCase()}`, 'Delivered');
    const settleAfter = o.channel === WHOLESALE ? 30 * DAY : o.channel === WEB ? 2 * DAY : 7 * DAY;
    agenda.at(t + settleAfter, (ts) => book(ts, 'SETTLEMENT', acct.cash, acct.ar, o.totalMinor - o.feeMinor));
    if (rng.chance(0.1)) agenda.at(t + rng.int(2, 25) * DAY + rng.int(0, 12 * 60) * MINUTE, (tr) => requestReturn(o, tr));
  }

  // ------------------------------------------------------------------ returns
  function requestReturn(o: SimOrder, t: number) {
    const chosen = o.lines.length === 1 || rng.chance(0.7) ? [rng.pick(o.lines)] : rng.shuffle([...o.lines]).slice(0, 2);
    const n = ++returnSeq;
    const id = `ret_${pad(n, 6)}`;
    const number = `RMA-${100_000 + n}`;
    const header: typeof returnHeaders.$inferInsert = { id, number, orderId: o.id, status: 'REQUESTED', createdAt: new Date(t) };
    out.returns.push(header);
    const lines = chosen.map((line) => {
      const reason =
        line.p.category === 'APP'
          ? rng.weighted([['WRONG_SIZE', 45], ['DAMAGED', 8], ['NOT_AS_DESCRIBED', 20], ['CHANGED_MIND', 27]] as const)
          : rng.weighted([['DAMAGED', 30], ['NOT_AS_DESCRIBED', 30], ['CHANGED_MIND', 40]] as const);
      const quantity = line.quantity === 1 ? 1 : rng.chance(0.6) ? line.quantity : rng.int(1, line.quantity);
      const row: typeof returnLines.$inferInsert = { returnId: id, orderLineId: line.id, quantity, reason, disposition: null };
      out.returnLines.push(row);
      return { line, row, quantity, reason };
    });
    const event = (type: string, payload: Record<string, unknown>, at: number) =>
      out.returnsEvents.push({ entityType: 'Return', entityId: id, type, payload: { returnId: id, number, orderId: o.id, ...payload }, occurredAt: new Date(at) });
    event('ReturnRequested', { lines: lines.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, reason: l.reason })) }, t);

    agenda.at(t + rng.int(2, 8) * DAY + rng.int(0, 8 * 60) * MINUTE, (tr) => {
      const receiver = rng.pick(words.warehouseStaff);
      for (const l of lines) {
        // Units come back to the node that shipped them.
        const loc = l.line.allocs[0]!.loc;
        move(l.line.p, loc, 'RETURN_RECEIPT', l.quantity, movementDeltas.returnReceipt(l.quantity), tr, receiver, { reference: number });
      }
      header.status = 'RECEIVED';
      event('ReturnReceived', {}, tr);

      agenda.at(tr + rng.int(4, 72) * HOUR, (ti) => {
        const inspector = rng.pick(words.warehouseStaff);
        let restockedCost = 0;
        for (const l of lines) {
          const scrap = l.reason === 'DAMAGED' ? rng.chance(0.7) : rng.chance(0.08);
          const disposition = scrap ? 'SCRAP' : 'RESTOCK';
          l.row.disposition = disposition;
          const loc = l.line.allocs[0]!.loc;
          const deltas: Deltas = scrap ? { returnPending: -l.quantity, damaged: l.quantity } : { returnPending: -l.quantity, onHand: l.quantity };
          move(l.line.p, loc, 'DISPOSITION', l.quantity, deltas, ti, inspector, { reason: disposition, reference: number });
          if (!scrap) restockedCost += l.quantity * l.line.p.unitCostMinor;
        }
        header.status = 'INSPECTED';
        book(ti, 'RETURN_RESTOCK', acct.inventory, acct.cogs, restockedCost);
        event('ReturnInspected', { lines: lines.map((l) => ({ orderLineId: l.line.id, disposition: l.row.disposition })) }, ti);

        agenda.at(ti + rng.int(1, 24) * HOUR, (ta) => {
          const paid = lines.reduce((sum, l) => sum + l.quantity * l.line.unitPriceMinor, 0);
          const restockingFee = lines.every((l) => l.reason === 'CHANGED_MIND') && rng.chance(0.5) ? Math.round(paid * 0.1) : 0;
          const amountMinor = paid - restockingFee;
          const refund: typeof refunds.$inferInsert = {
            id: `rfd_${pad(++refundSeq, 6)}`,
            returnId: id,
            currency: CURRENCY,
            amountMinor,
            status: 'APPROVED',
            createdAt: new Date(ta),
          };
          out.refunds.push(refund);
          book(ta, 'REFUND', acct.salesReturns, acct.refundsPayable, amountMinor);
          event('RefundApproved', { refundId: refund.id, amountMinor, currency: CURRENCY }, ta);
          agenda.at(ta + rng.int(4, 72) * HOUR, (tp) => {
            refund.status = 'PAID';
            header.status = 'REFUNDED';
            book(tp, 'REFUND_PAYMENT', acct.refundsPayable, acct.cash, amountMinor);
            event('ReturnRefunded', { refundId: refund.id, amountMinor, currency: CURRENCY }, tp);
          });
        });
      });
    });
  }

  // ------------------------------------------------------------------ order arrivals
  const dayWeights = Array.from({ length: opts.days }, (_, d) => {
    const weekday = new Date(start + d * DAY).getUTCDay();
    // Steady growth, busier weekends, and a sale over the last three days.
    return (0.75 + (0.5 * d) / opts.days) * (weekday === 0 || weekday === 6 ? 1.2 : 1) * (d >= opts.days - 3 ? 1.8 : 1);
  });
  const hourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 5, 5, 5, 5, 5, 5, 5, 5.5, 6, 6, 5, 3.5, 2];
  const pickDay = createSampler(dayWeights);
  const pickHour = createSampler(hourWeights);
  const pickProduct = createSampler(popularity);
  const pickCity = createSampler(words.cities.map((c) => c.weight));
  const arrivals = Array.from({ length: opts.orders }, () => {
    for (;;) {
      const t = localMidnight(start) + DAY + pickDay(rng) * DAY + pickHour(rng) * HOUR + rng.int(0, 3599) * 1000;
      if (t >= start && t < end) return t;
    }
  });
  arrivals.sort((a, b) => a - b);

  type Customer = { name: string; email: string; shipTo: SimOrder['shipTo']; region: 'EAST' | 'WEST'; nyc: boolean };
  const customers: Customer[] = [];
  const buyers: Customer[] = words.wholesaleBuyers.map((name) => {
    const city = words.cities[pickCity(rng)]!;
    return {
      name,
      email: `purchasing@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
      shipTo: { line1: `${rng.int(100, 9999)} ${rng.pick(words.streets)} ${rng.pick(words.streetSuffixes)}`, city: city.city, postalCode: city.postalCode, country: 'US' },
      region: city.region,
      nyc: false,
    };
  });

  const simOrders: SimOrder[] = [];
  arrivals.forEach((t, index) => {
    const channel = rng.weighted(CHANNELS.map((c, i) => [i, c.share] as const));
    let customer: Customer;
    let repeatCustomer: boolean;
    if (channel === WHOLESALE) {
      customer = rng.pick(buyers);
      repeatCustomer = true;
    } else if (customers.length > 0 && rng.chance(0.3)) {
      customer = rng.pick(customers);
      repeatCustomer = true;
    } else {
      const first = rng.pick(words.firstNames);
      const last = rng.pick(words.lastNames);
      const city = words.cities[pickCity(rng)]!;
      customer = {
        name: `${first} ${last}`,
        email: `${first}.${last}${customers.length + 1}@example.com`.toLowerCase(),
        shipTo: {
          line1: `${rng.int(1, 9999)} ${rng.pick(words.streets)} ${rng.pick(words.streetSuffixes)}${rng.chance(0.2) ? ` Apt ${rng.int(1, 40)}` : ''}`,
          city: city.city,
          postalCode: city.postalCode,
          country: 'US',
        },
        region: city.region,
        nyc: city.city.endsWith(', NY'),
      };
      customers.push(customer);
      repeatCustomer = false;
    }

    const n = index + 1;
    const id = `ord_${pad(n, 6)}`;
    const lineCount = Math.min(P, rng.weighted([[1, 50], [2, 28], [3, 14], [4, 8]] as const));
    const chosen = new Set<number>();
    while (chosen.size < lineCount) chosen.add(pickProduct(rng));
    const lines: SimLine[] = [...chosen].map((pi, i) => {
      const p = simProducts[pi]!;
      const quantity = channel === WHOLESALE ? rng.int(1, 4) * Math.min(p.casePack, 6) : rng.weighted([[1, 75], [2, 18], [3, 7]] as const);
      return { id: `oln_${pad(n, 6)}_${i + 1}`, lineNo: i + 1, p, quantity, unitPriceMinor: p.channelPrice[channel] ?? p.priceMinor, allocs: [] };
    });
    const order: SimOrder = {
      id,
      number: `SO-${100_000 + n}`,
      channel,
      customerName: customer.name,
      customerEmail: customer.email,
      repeatCustomer,
      region: customer.region,
      nyc: customer.nyc,
      shipTo: customer.shipTo,
      createdAt: t,
      lines,
      totalMinor: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0),
      status: null,
      lastAt: t,
      reserved: false,
      exception: null,
      waitingSince: null,
      backlog: [],
      carrier: null,
      feeMinor: 0,
    };
    simOrders.push(order);
    agenda.at(t, (tc) => capture(order, tc));
  });

  function capture(o: SimOrder, t: number) {
    transition(o, 'CAPTURED', t, 'system', `Placed on ${CHANNELS[o.channel]!.name}`);
    const highValue = o.totalMinor >= 25_000;
    if ((highValue && !o.repeatCustomer && rng.chance(0.5)) || rng.chance(0.03)) {
      agenda.at(t + rng.int(20, 120) * 1000, (tr) => {
        const why = highValue ? 'High-value order from a new customer' : rng.pick(['Billing and shipping address mismatch', 'Velocity check: several orders within an hour', 'Card issuer country differs from ship-to']);
        transition(o, 'RISK_REVIEW', tr, 'rules-engine', why);
        openException(o, 'RISK_REVIEW', tr);
        const reviewer = rng.pick(words.opsStaff);
        agenda.at(withinHours(tr + Math.max(10 * MINUTE, rng.exponential(4 * HOUR)), 8, 20), (tv) => {
          if (rng.chance(0.85)) {
            resolveException(o, reviewer);
            tryAllocate(o, tv, reviewer, 'Risk review passed: allocated');
          } else {
            cancel(o, tv, reviewer, 'Risk review failed: suspected fraud');
          }
        });
      });
      return;
    }
    if (rng.chance(0.015)) {
      agenda.at(t + rng.int(20, 120) * 1000, (th) => {
        transition(o, 'ON_HOLD', th, 'rules-engine', 'Ship-to address failed validation');
        openException(o, 'ADDRESS_INVALID', th);
        const fixer = rng.pick(words.opsStaff);
        agenda.at(withinHours(th + Math.max(15 * MINUTE, rng.exponential(2 * HOUR)), 8, 20), (tf) => {
          transition(o, 'CAPTURED', tf, fixer, 'Address corrected with the customer');
          resolveException(o, fixer);
          agenda.at(tf + rng.int(1, 5) * MINUTE, (ta) => tryAllocate(o, ta, 'system', null));
        });
      });
      return;
    }
    if (rng.chance(0.004)) {
      agenda.at(t + rng.int(2, 30) * MINUTE, (tc) => cancel(o, tc, 'system', 'Customer cancelled before allocation'));
      return;
    }
    // Wholesale orders wait for a credit check in office hours; everything else allocates within minutes.
    const allocateAt = t + Math.max(30_000, Math.round(rng.exponential(6 * MINUTE)));
    agenda.at(o.channel === WHOLESALE ? withinHours(allocateAt + HOUR, 9, 17) : allocateAt, (ta) => tryAllocate(o, ta, 'system', null));
  }

  agenda.runAll();

  // ------------------------------------------------------------------ rows
  for (const o of simOrders) {
    out.orders.push({
      id: o.id,
      number: o.number,
      channelCode: CHANNELS[o.channel]!.code,
      status: o.status!,
      customerEmail: o.customerEmail,
      customerName: o.customerName,
      shipTo: o.shipTo,
      currency: CURRENCY,
      totalMinor: o.totalMinor,
      idempotencyKey: null,
      createdAt: new Date(o.createdAt),
    });
    for (const l of o.lines) {
      out.orderLines.push({ id: l.id, orderId: o.id, lineNo: l.lineNo, productId: l.p.id, sku: l.p.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor });
    }
  }
  // Allocations say where an order's units are (or were) reserved; a cancelled order gave its reservations back.
  out.allocations = allocationRows.filter((a) => a.order.status !== 'CANCELLED').map((a) => a.row);
  for (const e of exceptions) {
    if (e.status !== 'RESOLVED' && !e.assignee && rng.chance(0.4)) {
      e.status = 'IN_PROGRESS';
      e.assignee = rng.pick(words.opsStaff);
    }
    out.orderExceptions.push({
      id: e.id,
      orderId: e.orderId,
      cause: e.cause,
      status: e.status,
      openedAt: new Date(e.openedAt),
      slaDueAt: new Date(e.openedAt + SLA_HOURS[e.cause]! * HOUR),
      assignee: e.assignee,
    });
  }

  // ------------------------------------------------------------------ journal
  const openingCash = Math.max(250_000_00, opts.products * 1_500_00);
  out.postings.push({
    id: 'je_opening_balance',
    description: 'Opening balance: owner capital paid in',
    sourceType: 'OPENING_BALANCE',
    sourceId: 'opening',
    postedAt: new Date(start - 3 * DAY),
    lines: [
      { accountCode: acct.cash, currency: CURRENCY, debitMinor: openingCash },
      { accountCode: acct.equity, currency: CURRENCY, creditMinor: openingCash },
    ],
  });
  const ordered = [...buckets.values()].sort((a, b) =>
    a.date === b.date ? SOURCE_TYPES.indexOf(a.type) - SOURCE_TYPES.indexOf(b.type) : a.date < b.date ? -1 : 1,
  );
  for (const bucket of ordered) {
    const lines = [...bucket.lines].map(([key, amount]) => {
      const [side, accountCode] = key.split('|') as ['D' | 'C', string];
      return side === 'D' ? { accountCode, currency: CURRENCY, debitMinor: amount } : { accountCode, currency: CURRENCY, creditMinor: amount };
    });
    out.postings.push({
      id: `je_${bucket.type.toLowerCase()}_${bucket.date.replaceAll('-', '')}`,
      description: `Daily summary ${bucket.date}: ${SOURCE_DESCRIPTIONS[bucket.type]}${bucket.count > 0 ? ` (${bucket.count})` : ''}`,
      sourceType: bucket.type,
      sourceId: `daily:${bucket.date}`,
      postedAt: new Date(`${bucket.date}T23:59:59.000Z`),
      lines,
    });
  }
  return out;
}
