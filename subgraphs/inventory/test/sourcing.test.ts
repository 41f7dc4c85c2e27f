import { describe, expect, it } from 'vitest';
import {
  channelNodes,
  explainAvailableToPromise,
  freeByNode,
  planReservation,
  reservableTotal,
  type LineRequest,
  type NodeStock,
  type SourcingPolicy,
} from '../src/sourcing';

const policy = (overrides: Partial<SourcingPolicy> = {}): SourcingPolicy => ({
  channelCode: 'WEB',
  nodes: ['east', 'west', '3pl'],
  safetyStock: 0,
  allowSplit: true,
  ...overrides,
});
const at = (locationId: string, onHand: number, reserved = 0): NodeStock => ({ locationId, onHand, reserved });
const line = (orderLineId: string, quantity: number, productId = 'p1'): LineRequest => ({ orderLineId, productId, quantity });
/** Plans lines of one product (or of several sharing one policy). */
const plan = (lines: LineRequest[], stock: Record<string, NodeStock[]> | NodeStock[], p = policy()) =>
  planReservation(lines, (productId) => (Array.isArray(stock) ? stock : (stock[productId] ?? [])), () => p);
const where = (result: ReturnType<typeof plan>) => result.allocations.map((a) => [a.orderLineId, a.locationId, a.quantity]);

describe('free stock and what a channel can reserve', () => {
  it("lists free units at the channel's nodes in its preference order: a node without a position has none, other locations do not count", () => {
    const levels = [at('west', 5, 2), at('elsewhere', 100), at('east', 3)];
    expect(freeByNode(levels, policy())).toEqual([
      { locationId: 'east', free: 3 },
      { locationId: 'west', free: 3 },
      { locationId: '3pl', free: 0 },
    ]);
    expect(reservableTotal(levels, policy())).toBe(6);
  });

  it('nets safety stock once across the network, not once per node, and never goes below zero', () => {
    const levels = [at('east', 5), at('west', 5)];
    expect(reservableTotal(levels, policy({ safetyStock: 3 }))).toBe(7);
    expect(reservableTotal(levels, policy({ safetyStock: 30 }))).toBe(0);
    expect(reservableTotal([], policy())).toBe(0);
  });

  it('explains the figure in steps that add up to it, naming the nodes by code', () => {
    const levels = [at('east', 6, 1), at('west', 4), at('elsewhere', 50)];
    const explained = explainAvailableToPromise(levels, policy({ nodes: ['east', 'west'], safetyStock: 2 }), (id) => id.toUpperCase());
    expect(explained).toEqual({
      available: 7,
      steps: [
        { label: 'On hand at the 2 nodes WEB ships from (EAST, WEST)', quantity: 10 },
        { label: 'Reserved for open orders', quantity: -1 },
        { label: 'Safety stock held back from WEB (2)', quantity: -2 },
        { label: 'Available to promise on WEB', quantity: 7 },
      ],
    });
    const scarce = explainAvailableToPromise([at('east', 1)], policy({ safetyStock: 5 }), (id) => id);
    expect(scarce.available).toBe(0);
    expect(scarce.steps.slice(0, -1).reduce((n, s) => n + s.quantity, 0)).toBe(0); // holds back only what there is
  });
});

describe('planReservation', () => {
  it("takes each line from the first node in the channel's order that can fill it alone", () => {
    expect(where(plan([line('l1', 4)], [at('east', 5), at('west', 50)]))).toEqual([['l1', 'east', 4]]);
    // The preferred node cannot fill it alone: the next one that can, before any split.
    expect(where(plan([line('l1', 6)], [at('east', 5), at('west', 3), at('3pl', 6)]))).toEqual([['l1', '3pl', 6]]);
    // Preference is the policy's order, not the order of the levels.
    expect(where(plan([line('l1', 2)], [at('3pl', 9), at('west', 9)], policy({ nodes: ['3pl', 'west'] })))).toEqual([['l1', '3pl', 2]]);
  });

  it('splits a line across nodes in preference order when no node can fill it and the channel allows it', () => {
    expect(where(plan([line('l1', 9)], [at('east', 4, 1), at('west', 2), at('3pl', 10)]))).toEqual([['l1', '3pl', 9]]);
    expect(where(plan([line('l1', 12)], [at('east', 4, 1), at('west', 2), at('3pl', 10)]))).toEqual([
      ['l1', 'east', 3],
      ['l1', 'west', 2],
      ['l1', '3pl', 7],
    ]);
  });

  it('does not split where the channel forbids it: short by what the largest node could give', () => {
    const result = plan([line('l1', 6)], [at('east', 4), at('west', 5)], policy({ allowSplit: false }));
    expect(result).toEqual({ allocations: [], shortages: [{ orderLineId: 'l1', productId: 'p1', requested: 6, reservable: 5 }] });
    // Nor does it report more than the safety stock leaves.
    const held = plan([line('l1', 6)], [at('east', 4), at('west', 5)], policy({ allowSplit: false, safetyStock: 6 }));
    expect(held.shortages[0]!.reservable).toBe(3);
  });

  it('holds safety stock back once per network: any node may be emptied while the network keeps it', () => {
    const levels = [at('east', 5), at('west', 5)];
    const p = policy({ safetyStock: 3 });
    expect(where(plan([line('l1', 5)], levels, p))).toEqual([['l1', 'east', 5]]);
    expect(where(plan([line('l1', 7)], levels, p))).toEqual([
      ['l1', 'east', 5],
      ['l1', 'west', 2],
    ]);
    expect(plan([line('l1', 8)], levels, p).shortages).toEqual([{ orderLineId: 'l1', productId: 'p1', requested: 8, reservable: 7 }]);
  });

  it('draws lines of one product from one shared pool', () => {
    const levels = [at('east', 5), at('west', 3)];
    // l1 fits at east; l2 no longer fits at any one node, so it takes what is left, east first.
    expect(where(plan([line('l1', 4), line('l2', 4)], levels))).toEqual([
      ['l1', 'east', 4],
      ['l2', 'east', 1],
      ['l2', 'west', 3],
    ]);
    expect(plan([line('l1', 4), line('l2', 5)], levels).shortages).toEqual([{ orderLineId: 'l2', productId: 'p1', requested: 5, reservable: 4 }]);
  });

  it('is all or nothing: one short line and no line is allocated', () => {
    const stock = { p1: [at('east', 10)], p2: [at('east', 1)], p3: [at('west', 10)] };
    const result = plan([line('l1', 2, 'p1'), line('l2', 2, 'p2'), line('l3', 2, 'p3')], stock);
    expect(result).toEqual({ allocations: [], shortages: [{ orderLineId: 'l2', productId: 'p2', requested: 2, reservable: 1 }] });
  });

  it('treats a product without positions, or a channel without nodes, as having nothing', () => {
    expect(plan([line('l1', 1, 'ghost')], {}).shortages).toEqual([{ orderLineId: 'l1', productId: 'ghost', requested: 1, reservable: 0 }]);
    expect(plan([line('l1', 1)], [at('east', 5)], policy({ nodes: [] })).shortages[0]!.reservable).toBe(0);
  });

  it('never plans more than ATP, always plans ATP when split is allowed, and never takes more than a node has', () => {
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 500; run++) {
      const nodes = ['a', 'b', 'c', 'd'].slice(0, 1 + next(4));
      const levels = nodes.filter(() => next(4) > 0).map((id) => at(id, next(10), 0)).map((l) => ({ ...l, reserved: next(l.onHand + 1) }));
      const p = policy({ nodes, safetyStock: next(4), allowSplit: next(2) === 0 });
      const atp = reservableTotal(levels, p);
      const lines = Array.from({ length: 1 + next(3) }, (_, i) => line(`l${i}`, 1 + next(6)));
      const result = plan(lines, levels, p);
      const planned = result.allocations.reduce((n, a) => n + a.quantity, 0);
      expect(planned).toBeLessThanOrEqual(atp);
      expect(explainAvailableToPromise(levels, p, (id) => id).available).toBe(atp);
      const free = new Map(freeByNode(levels, p).map((n) => [n.locationId, n.free]));
      for (const a of result.allocations) free.set(a.locationId, free.get(a.locationId)! - a.quantity);
      for (const left of free.values()) expect(left).toBeGreaterThanOrEqual(0);
      const requested = lines.reduce((n, l) => n + l.quantity, 0);
      if (p.allowSplit) expect(result.shortages.length === 0).toBe(requested <= atp);
      if (result.shortages.length === 0) expect(planned).toBe(requested);
      // Where split is allowed, one line asking for exactly ATP always gets it.
      if (p.allowSplit && atp > 0) expect(plan([line('all', atp)], levels, p).shortages).toEqual([]);
    }
  });
});

describe('channelNodes', () => {
  const locations = [
    { id: 'loc_w', code: 'WH-WEST' },
    { id: 'loc_3', code: '3PL-FLEX' },
    { id: 'loc_e', code: 'WH-EAST' },
  ];
  it('orders a channel\'s sourcing rows by rank', () => {
    expect(channelNodes([{ locationId: 'loc_w', rank: 2 }, { locationId: 'loc_e', rank: 1 }], locations)).toEqual(['loc_e', 'loc_w']);
  });
  it('ships from every location, in code order, when the channel names none', () => {
    expect(channelNodes([], locations)).toEqual(['loc_3', 'loc_e', 'loc_w']);
  });
});
