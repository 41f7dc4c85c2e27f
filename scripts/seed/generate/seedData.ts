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
  reservations,
  returnHeaders,
  returnLines,
  shipments,
  transfers,
} from '@opsgraph/db';
import type { DomainEvent } from '@opsgraph/kit';
import type { ResolvedSeedOptions } from './options';

/** An outbox event stamped with when it happened in the simulated history. */
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

/** Everything the seed writes, grouped by table, each list in insert order. */
export type SeedData = {
  options: ResolvedSeedOptions;
  period: { from: Date; to: Date };
  channels: (typeof channels.$inferInsert)[];
  products: (typeof products.$inferInsert)[];
  channelPrices: (typeof channelPrices.$inferInsert)[];
  catalogEvents: TimedEvent[];
  locations: (typeof locations.$inferInsert)[];
  /** Per channel: inventory's sourcing rules and safety stock, orders' shortage policy. */
  channelRules: {
    channelCode: string;
    safetyStock: number;
    allowSplit: boolean;
    onShortage: 'BACKORDER' | 'REFUSE';
    sourcing: { locationId: string; rank: number }[];
  }[];
  productSafetyStock: (typeof channelProductSafetyStock.$inferInsert)[];
  movements: (typeof movements.$inferInsert)[];
  transfers: (typeof transfers.$inferInsert)[];
  reservations: (typeof reservations.$inferInsert)[];
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
  /** Orders a channel refused at capture (its nodes could not fill them): never recorded. */
  refusedOrders: number;
};
