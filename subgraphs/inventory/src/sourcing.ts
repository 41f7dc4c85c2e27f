/**
 * Sourcing: which nodes serve a channel and how much it may promise. One policy, used by everything that
 * answers "how many can this channel have": availableToPromise / explainAvailability, the reservation that
 * placeOrder makes, backorder fills, and the demo seed. Pure: no database, no GraphQL.
 *
 * Safety stock is netted once per product across the channel's nodes (not once per node): a channel may take
 * every free unit at its nodes except `safetyStock` of them, from whichever nodes its preference order says.
 */

/** The part of a position sourcing looks at. */
export type NodeStock = { locationId: string; onHand: number; reserved: number };

/** How one channel is served for one product. */
export type SourcingPolicy = {
  channelCode: string;
  /** Location ids the channel ships from, best first. */
  nodes: readonly string[];
  /** Units of this product held back from the channel across its nodes. */
  safetyStock: number;
  /** Whether one order line may be split across nodes. */
  allowSplit: boolean;
};

export type AvailabilityStep = { label: string; quantity: number };

/** Sellable units at a node not yet promised to an order. */
export function freeAt(stock: Pick<NodeStock, 'onHand' | 'reserved'>): number {
  return stock.onHand - stock.reserved;
}

/** Free units at each of the channel's nodes, in its preference order (a node without a position has 0). */
export function freeByNode(levels: readonly NodeStock[], policy: SourcingPolicy): { locationId: string; free: number }[] {
  const byLocation = new Map(levels.map((l) => [l.locationId, l]));
  return policy.nodes.map((locationId) => {
    const level = byLocation.get(locationId);
    return { locationId, free: level ? Math.max(freeAt(level), 0) : 0 };
  });
}

/** What the channel can still reserve of the product: free units at its nodes minus the safety stock, never below 0. */
export function reservableTotal(levels: readonly NodeStock[], policy: SourcingPolicy): number {
  const free = freeByNode(levels, policy).reduce((sum, n) => sum + n.free, 0);
  return Math.max(free - policy.safetyStock, 0);
}

/**
 * Available-to-promise for one channel with the reasoning a person can read. `codeOf` turns location ids into
 * the codes people know. The steps add up to `available`.
 */
export function explainAvailableToPromise(
  levels: readonly NodeStock[],
  policy: SourcingPolicy,
  codeOf: (locationId: string) => string,
): { available: number; steps: AvailabilityStep[] } {
  const nodes = new Set(policy.nodes);
  const used = levels.filter((l) => nodes.has(l.locationId));
  const onHand = used.reduce((sum, l) => sum + l.onHand, 0);
  const reserved = used.reduce((sum, l) => sum + l.reserved, 0);
  const free = onHand - reserved;
  const codes = policy.nodes.map(codeOf).join(', ');
  const steps: AvailabilityStep[] = [
    { label: `On hand at the ${policy.nodes.length} node${policy.nodes.length === 1 ? '' : 's'} ${policy.channelCode} ships from (${codes})`, quantity: onHand },
    { label: 'Reserved for open orders', quantity: -reserved },
  ];
  const heldBack = Math.min(policy.safetyStock, Math.max(free, 0));
  steps.push({ label: `Safety stock held back from ${policy.channelCode} (${policy.safetyStock})`, quantity: -heldBack });
  const available = Math.max(free - heldBack, 0);
  steps.push({ label: `Available to promise on ${policy.channelCode}`, quantity: available });
  return { available, steps };
}

export type LineRequest = { orderLineId: string; productId: string; quantity: number };
export type PlannedAllocation = { orderLineId: string; productId: string; locationId: string; quantity: number };
export type Shortage = { orderLineId: string; productId: string; requested: number; reservable: number };
/** Either every line is allocated (`shortages` empty) or nothing is (`allocations` empty). */
export type ReservationPlan = { allocations: PlannedAllocation[]; shortages: Shortage[] };

/**
 * Plans where every line of an order is reserved, all or nothing. Each line goes to the first node in the
 * channel's order that can fill it alone; failing that, and where the channel allows splitting, it takes what
 * each node has in preference order. Lines for the same product draw on one shared pool. Never plans more than
 * `reservableTotal`, so what ATP shows is exactly what can be reserved.
 */
export function planReservation(
  lines: readonly LineRequest[],
  stockOf: (productId: string) => readonly NodeStock[],
  policyOf: (productId: string) => SourcingPolicy,
): ReservationPlan {
  const pools = new Map<string, { nodes: { locationId: string; free: number }[]; reservable: number }>();
  const poolOf = (productId: string) => {
    let pool = pools.get(productId);
    if (!pool) {
      const policy = policyOf(productId);
      const levels = stockOf(productId);
      pools.set(productId, (pool = { nodes: freeByNode(levels, policy), reservable: reservableTotal(levels, policy) }));
    }
    return pool;
  };

  const allocations: PlannedAllocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of lines) {
    const pool = poolOf(line.productId);
    const { allowSplit } = policyOf(line.productId);
    const take = (locationId: string, quantity: number) => {
      allocations.push({ orderLineId: line.orderLineId, productId: line.productId, locationId, quantity });
      pool.nodes.find((n) => n.locationId === locationId)!.free -= quantity;
      pool.reservable -= quantity;
    };
    if (line.quantity > pool.reservable) {
      shortages.push({ orderLineId: line.orderLineId, productId: line.productId, requested: line.quantity, reservable: pool.reservable });
      continue;
    }
    const single = pool.nodes.find((n) => n.free >= line.quantity);
    if (single) {
      take(single.locationId, line.quantity);
    } else if (allowSplit) {
      let missing = line.quantity;
      for (const node of pool.nodes) {
        const quantity = Math.min(missing, node.free);
        if (quantity > 0) take(node.locationId, quantity);
        missing -= quantity;
        if (missing === 0) break;
      }
    } else {
      const largest = Math.min(Math.max(0, ...pool.nodes.map((n) => n.free)), pool.reservable);
      shortages.push({ orderLineId: line.orderLineId, productId: line.productId, requested: line.quantity, reservable: largest });
    }
  }
  return shortages.length > 0 ? { allocations: [], shortages } : { allocations, shortages };
}

/** The nodes a channel ships from: its sourcing rows by rank, or every location in code order when it has none. */
export function channelNodes(
  sourcing: readonly { locationId: string; rank: number }[],
  locations: readonly { id: string; code: string }[],
): string[] {
  if (sourcing.length > 0) return [...sourcing].sort((a, b) => a.rank - b.rank).map((s) => s.locationId);
  return [...locations].sort((a, b) => a.code.localeCompare(b.code)).map((l) => l.id);
}
