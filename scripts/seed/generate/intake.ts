import { createSampler } from '../random';
import * as words from '../words';
import type { Allocation } from './allocation';
import type { Catalog } from './catalog';
import { CHANNELS, WHOLESALE } from './masterData';
import type { OrderRecords, SimLine, SimOrder } from './orders';
import { DAY, HOUR, localMidnight, MINUTE, pad, withinHours, type Sim } from './simulation';

/**
 * Order intake: when orders arrive (growing, busier at weekends and in the evening, a closing sale), from
 * whom (new shoppers, repeat customers, a few wholesale buyers), for what (popular products more often),
 * and the checks at capture that send some to risk review or an address hold before allocation.
 */

type Customer = { name: string; email: string; shipTo: SimOrder['shipTo']; region: 'EAST' | 'WEST'; nyc: boolean };

/** Creates every order and schedules its capture; the orders fill in as the agenda runs. */
export function scheduleOrders(sim: Sim, catalog: Catalog, records: OrderRecords, allocation: Allocation): SimOrder[] {
  const { opts, rng, agenda, start, end } = sim;
  const { transition, openException, resolveException, cancel } = records;
  const { tryAllocate } = allocation;

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
      region: city.region,
      nyc: false,
    };
  });

  const orders: SimOrder[] = [];
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
    const lineCount = Math.min(catalog.products.length, rng.weighted([[1, 50], [2, 28], [3, 14], [4, 8]] as const));
    const chosen = new Set<number>();
    while (chosen.size < lineCount) chosen.add(pickProduct(rng));
    const lines: SimLine[] = [...chosen].map((pi, i) => {
      const p = catalog.products[pi]!;
      // Wholesale buys in multiples of the case pack (at most 6 a multiple); shoppers one to three units.
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
    orders.push(order);
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
        agenda.at(withinHours(rng, tr + Math.max(10 * MINUTE, rng.exponential(4 * HOUR)), 8, 20), (tv) => {
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
    // (Address holds come back with the seed rewrite on the orders workflow.)
    rng.chance(0.015);
    if (rng.chance(0.004)) {
      agenda.at(t + rng.int(2, 30) * MINUTE, (tc) => cancel(o, tc, 'system', 'Customer cancelled before allocation'));
      return;
    }
    // Wholesale orders wait for a credit check in office hours; everything else allocates within minutes.
    const allocateAt = t + Math.max(30_000, Math.round(rng.exponential(6 * MINUTE)));
    agenda.at(o.channel === WHOLESALE ? withinHours(rng, allocateAt + HOUR, 9, 17) : allocateAt, (ta) => tryAllocate(o, ta, 'system', null));
  }

  return orders;
}
