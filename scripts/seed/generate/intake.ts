import { createSampler } from '../random';
import * as words from '../words';
import type { Allocation } from './allocation';
import type { Catalog } from './catalog';
import { CHANNELS, CURRENCY, WHOLESALE } from './masterData';
import { buildOrder, priceOrder, type CatalogView, type PlaceOrderRequest } from '../../../subgraphs/orders/src/capture';
import type { SimOrder } from './orders';
import { DAY, HOUR, localMidnight, pad, type Sim } from './simulation';

/**
 * Order intake: when orders arrive (growing, busier at weekends and in the evening, a closing sale), from
 * whom (new shoppers, repeat customers, a few wholesale buyers) and for what (popular products more often).
 * What happens at capture is the orders domain's decision (allocation.ts).
 */

type Customer = { name: string; email: string; shipTo: SimOrder['shipTo'] };

/** Creates every order and schedules its capture; the orders fill in as the agenda runs. */
export function scheduleOrders(sim: Sim, catalog: Catalog, allocation: Allocation): SimOrder[] {
  const { opts, rng, agenda, start, end } = sim;

  const dayWeights = Array.from({ length: opts.days }, (_, d) => {
    const weekday = new Date(start + d * DAY).getUTCDay();
    // Steady growth, busier weekends, and a sale over the last three days.
    return (0.75 + (0.5 * d) / opts.days) * (weekday === 0 || weekday === 6 ? 1.2 : 1) * (d >= opts.days - 3 ? 1.8 : 1);
  });
  const hourWeights = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 5, 5, 5, 5, 5, 5, 5, 5.5, 6, 6, 5, 3.5, 2];
  const pickDay = createSampler(dayWeights);
  const pickHour = createSampler(hourWeights);
  const pickProduct = createSampler(catalog.popularity);
  const pickCity = createSampler(words.cities.map((c) => c.weight));
  const arrivals = Array.from({ length: opts.orders }, () => {
    for (;;) {
      const t = localMidnight(start) + DAY + pickDay(rng) * DAY + pickHour(rng) * HOUR + rng.int(0, 3599) * 1000;
      if (t >= start && t < end) return t;
    }
  });
  arrivals.sort((a, b) => a - b);

  const customers: Customer[] = [];
  const buyers: Customer[] = words.wholesaleBuyers.map((name) => {
    const city = words.cities[pickCity(rng)]!;
    return {
      name,
      email: `purchasing@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
      shipTo: { line1: `${rng.int(100, 9999)} ${rng.pick(words.streets)} ${rng.pick(words.streetSuffixes)}`, city: city.city, postalCode: city.postalCode, country: 'US' },
    };
  });

  const orders: SimOrder[] = [];
  arrivals.forEach((t, index) => {
    const channel = rng.weighted(CHANNELS.map((c, i) => [i, c.share] as const));
    let customer: Customer;
    if (channel === WHOLESALE) {
      customer = rng.pick(buyers);
    } else if (customers.length > 0 && rng.chance(0.3)) {
      customer = rng.pick(customers);
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
      };
      customers.push(customer);
    }

    const n = index + 1;
    const lineCount = Math.min(catalog.products.length, rng.weighted([[1, 50], [2, 28], [3, 14], [4, 8]] as const));
    const chosen = new Set<number>();
    while (chosen.size < lineCount) chosen.add(pickProduct(rng));
    const requested = [...chosen].map((pi) => {
      const p = catalog.products[pi]!;
      // Wholesale buys in multiples of the case pack (at most 6 a multiple); shoppers one to three units.
      const quantity = channel === WHOLESALE ? rng.int(1, 4) * Math.min(p.casePack, 6) : rng.weighted([[1, 75], [2, 18], [3, 7]] as const);
      return { p, quantity };
    });
    // A few orders arrive with a risk signal from the payment provider, a few with a mistyped postal code.
    const riskSignals = rng.chance(0.04) ? [rng.pick(['AVS_MISMATCH', 'VELOCITY', 'IP_COUNTRY_MISMATCH'] as const)] : [];
    const shipTo = rng.chance(0.015) ? { ...customer.shipTo, postalCode: customer.shipTo.postalCode.slice(0, -1) } : customer.shipTo;

    // What the channel sends, validated and priced by the orders domain's own capture functions.
    const request: PlaceOrderRequest = {
      idempotencyKey: `seed-${n}`,
      channel: CHANNELS[channel]!.code,
      customer: { email: customer.email, name: customer.name },
      shipTo,
      lines: requested.map(({ p, quantity }) => ({ sku: p.sku, quantity })),
      riskSignals,
    };
    const view: CatalogView = {
      channel: { code: CHANNELS[channel]!.code, currency: CHANNELS[channel]!.currency },
      products: new Map(
        requested.map(({ p }) => [p.sku, { productId: p.id, sku: p.sku, currency: CURRENCY, priceMinor: p.priceMinor, channelPriceMinor: p.channelPrice[channel] ?? null }]),
      ),
    };
    const priced = priceOrder(request, view);
    if ('userErrors' in priced) throw new Error(`seed generator bug: order ${n} refused: ${JSON.stringify(priced.userErrors)}`);
    let lineSeq = 0;
    const built = buildOrder(priced.order, {
      idempotencyKey: request.idempotencyKey,
      ids: (prefix) => (prefix === 'ord' ? `ord_${pad(n, 6)}` : `${prefix}_${pad(n, 6)}_${++lineSeq}`),
      at: new Date(t),
    });
    const order: SimOrder = {
      id: built.order.id,
      number: `SO-${100_000 + n}`,
      row: built.order,
      channel,
      customerEmail: built.order.customerEmail,
      shipTo: priced.order.shipTo,
      riskSignals: priced.order.riskSignals,
      createdAt: t,
      lines: built.lines.map((row, i) => ({ row, id: row.id!, p: requested[i]!.p, quantity: row.quantity, unitPriceMinor: row.unitPriceMinor, allocs: [] })),
      totalMinor: priced.order.totalMinor,
      status: null,
      lastAt: t,
      reserved: false,
      refused: false,
      waitingSince: null,
      backlog: [],
      carrier: null,
      feeMinor: 0,
    };
    orders.push(order);
    agenda.at(t, (tc) => allocation.capture(order, tc));
  });

  return orders;
}
