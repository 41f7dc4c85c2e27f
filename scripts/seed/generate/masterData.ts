import type { channels, locations } from '@opsgraph/db';

/** The fixed parts of the demo world: stock locations, sales channels, carriers. */

export const CURRENCY = 'USD';

export const LOCATIONS = [
  { id: 'loc_wh_east', code: 'WH-EAST', name: 'East Coast Warehouse (Edison, NJ)', kind: 'WAREHOUSE' },
  { id: 'loc_wh_west', code: 'WH-WEST', name: 'West Coast Warehouse (Reno, NV)', kind: 'WAREHOUSE' },
  { id: 'loc_store_nyc', code: 'STORE-NYC', name: 'NYC Flagship Store', kind: 'STORE' },
  { id: 'loc_3pl_flex', code: '3PL-FLEX', name: 'FlexShip 3PL (Memphis, TN)', kind: 'THIRD_PARTY' },
] as const satisfies readonly (typeof locations.$inferInsert)[];
// Locations are referred to by their index in LOCATIONS: stock state is kept in flat arrays.
export const EAST = 0;
export const WEST = 1;
export const STORE = 2;
export const TPL = 3;
export const L = LOCATIONS.length;

/**
 * A channel row plus the demo's rules for it (written to the domains' rule tables, which the live code reads):
 * units held back, the nodes it ships from (best first), whether a line may be split across nodes, and what
 * capture does when those nodes cannot fill an order. Plus how the simulation treats it: share of orders and
 * marketplace fee.
 */
type ChannelDef = (typeof channels.$inferInsert) & {
  kind: 'DTC' | 'MARKETPLACE' | 'WHOLESALE';
  share: number;
  safetyStock: number;
  sourcing: readonly number[];
  allowSplit: boolean;
  onShortage: 'BACKORDER' | 'REFUSE';
  feeRate: number;
};
export const CHANNELS: readonly ChannelDef[] = [
  // The web store ships from the warehouses first, then the 3PL, and the flagship store as a last resort.
  { id: 'chn_web', code: 'WEB', name: 'Web store', kind: 'DTC', priority: 1, currency: CURRENCY, share: 46, safetyStock: 0, sourcing: [0, 1, 3, 2], allowSplit: true, onShortage: 'BACKORDER', feeRate: 0 },
  // Marketplace orders go to the 3PL first.
  { id: 'chn_amazon', code: 'AMAZON', name: 'Amazon', kind: 'MARKETPLACE', priority: 2, currency: CURRENCY, share: 34, safetyStock: 2, sourcing: [3, 0, 1], allowSplit: true, onShortage: 'BACKORDER', feeRate: 0.15 },
  // eBay listings are taken down rather than backordered: an order the nodes cannot fill is refused.
  { id: 'chn_ebay', code: 'EBAY', name: 'eBay', kind: 'MARKETPLACE', priority: 3, currency: CURRENCY, share: 12, safetyStock: 1, sourcing: [1, 0, 3], allowSplit: true, onShortage: 'REFUSE', feeRate: 0.12 },
  // Wholesale ships whole lines from one warehouse.
  { id: 'chn_wholesale', code: 'WHOLESALE', name: 'Wholesale portal', kind: 'WHOLESALE', priority: 4, currency: CURRENCY, share: 8, safetyStock: 5, sourcing: [0, 1], allowSplit: false, onShortage: 'BACKORDER', feeRate: 0 },
];
// Channels, likewise, by their index in CHANNELS.
export const WEB = 0;
export const AMAZON = 1;
export const EBAY = 2;
export const WHOLESALE = 3;

/** Carriers and their share of parcels. */
export const CARRIERS = [
  ['UPS', 40],
  ['FedEx', 25],
  ['USPS', 25],
  ['DHL', 10],
] as const;
