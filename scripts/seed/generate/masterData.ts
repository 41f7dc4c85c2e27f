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

/** A channel row plus how the simulation treats it: share of orders, units held back, marketplace fee. */
type ChannelDef = (typeof channels.$inferInsert) & { share: number; safetyStock: number; feeRate: number };
export const CHANNELS: readonly ChannelDef[] = [
  { id: 'chn_web', code: 'WEB', name: 'Web store', kind: 'DTC', priority: 1, currency: CURRENCY, share: 46, safetyStock: 0, feeRate: 0 },
  { id: 'chn_amazon', code: 'AMAZON', name: 'Amazon', kind: 'MARKETPLACE', priority: 2, currency: CURRENCY, share: 34, safetyStock: 2, feeRate: 0.15 },
  { id: 'chn_ebay', code: 'EBAY', name: 'eBay', kind: 'MARKETPLACE', priority: 3, currency: CURRENCY, share: 12, safetyStock: 1, feeRate: 0.12 },
  { id: 'chn_wholesale', code: 'WHOLESALE', name: 'Wholesale portal', kind: 'WHOLESALE', priority: 4, currency: CURRENCY, share: 8, safetyStock: 5, feeRate: 0 },
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
