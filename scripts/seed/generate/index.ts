import { createRng } from '../random';
import { createAllocation } from './allocation';
import { generateCatalog } from './catalog';
import { createBooks } from './finance';
import { createFulfilment } from './fulfilment';
import { scheduleOrders } from './intake';
import { createStock, createStockControl } from './inventory';
import { CHANNELS, LOCATIONS } from './masterData';
import { resolveSeedOptions, type SeedOptions } from './options';
import { createOrderRecords, type OrdersWorld } from './orders';
import { createPurchasing } from './purchasing';
import { createReturns } from './returns';
import type { SeedData } from './seedData';
import { Agenda, DAY, HOUR, localMidnight, MINUTE, type Sim } from './simulation';

export { currentMinute, defaultSeedOptions, resolveSeedOptions, type ResolvedSeedOptions, type SeedOptions } from './options';
export type { OrdersWorld } from './orders';
export type { Posting, SeedData, TimedEvent } from './seedData';

/**
 * The demo world, simulated in memory in time order: stock arrives, orders are captured and walk the
 * lifecycle, some come back as returns, and every operation books money. Nothing here touches a database:
 * `world` carries the orders domain's rule tables (decision rules, exception SLAs), read by the caller. The
 * same options (including `end`) and world always produce the same rows, byte for byte.
 *
 * Each domain lives in its own module and schedules what happens next on one agenda. All of them draw
 * from one random stream, so the order of the steps below is part of the output: reordering them, or
 * adding a draw anywhere, changes the data (the determinism test only checks it is stable).
 */
export function generateSeedData(options: SeedOptions, world: OrdersWorld): SeedData {
  const opts = resolveSeedOptions(options);
  const end = opts.end.getTime();
  const start = end - opts.days * DAY;
  const sim: Sim = { opts, rng: createRng(opts.seed), agenda: new Agenda(end), start, end, out: emptySeedData(opts, start, end) };

  const catalog = generateCatalog(sim);
  const stock = createStock(sim, catalog);
  const books = createBooks();
  const purchasing = createPurchasing(sim, catalog, stock, books);
  const stockControl = createStockControl(sim, catalog, stock, books);
  const records = createOrderRecords(sim, stock, world);
  const returns = createReturns(sim, stock, books);
  const fulfilment = createFulfilment(sim, stock, books, records, returns);
  const allocation = createAllocation(sim, catalog, stock, purchasing, records, fulfilment, world);

  // Opening stock lands two days before the first order.
  purchasing.placePurchaseOrders(localMidnight(start) - 2 * DAY + 8 * HOUR, true);

  // The daily routine: a reorder run before opening, backorders retried morning and evening, and a few
  // adjustments and transfers, which grow with the catalog (with a floor so small demo sets still show some).
  const scale = Math.max(0.5, opts.products / 300);
  for (let d = 0; d < opts.days; d++) {
    const dayStart = localMidnight(start) + (d + 1) * DAY;
    sim.agenda.at(dayStart + 6 * HOUR, (t) => purchasing.placePurchaseOrders(t, false));
    sim.agenda.at(dayStart + 7 * HOUR, (t) => allocation.retryWaitingOrders(t));
    sim.agenda.at(dayStart + 17 * HOUR, (t) => allocation.retryWaitingOrders(t));

    const adjustments = Math.floor(1.1 * scale * sim.rng.between(0.4, 1.6) + sim.rng.next());
    for (let a = 0; a < adjustments; a++) sim.agenda.at(dayStart + sim.rng.int(8 * 60, 18 * 60) * MINUTE, (t) => stockControl.adjustStock(t));
    const transfersToday = Math.floor(0.3 * scale * sim.rng.between(0.3, 1.7) + sim.rng.next());
    for (let a = 0; a < transfersToday; a++) sim.agenda.at(dayStart + sim.rng.int(9 * 60, 15 * 60) * MINUTE, (t) => stockControl.startTransfer(t));
  }

  const orders = scheduleOrders(sim, catalog, allocation);

  sim.agenda.runAll();

  records.writeRows(orders);
  sim.out.reservations = stock.reservationRows();
  sim.out.refusedOrders = orders.filter((o) => o.refused).length;
  sim.out.postings = books.postings(opts.products, start);
  return sim.out;
}

function emptySeedData(options: SeedData['options'], start: number, end: number): SeedData {
  return {
    options,
    period: { from: new Date(start), to: new Date(end) },
    channels: [],
    products: [],
    channelPrices: [],
    catalogEvents: [],
    locations: LOCATIONS.map((l) => ({ ...l })),
    channelRules: CHANNELS.map((c) => ({
      channelCode: c.code,
      safetyStock: c.safetyStock,
      allowSplit: c.allowSplit,
      onShortage: c.onShortage,
      sourcing: c.sourcing.map((loc, rank) => ({ locationId: LOCATIONS[loc]!.id, rank: rank + 1 })),
    })),
    productSafetyStock: [],
    movements: [],
    transfers: [],
    reservations: [],
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
    refusedOrders: 0,
  };
}
