import { bigint, char, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { eventsTable } from './events';

export const catalog = pgSchema('catalog');

export const channelKind = catalog.enum('channel_kind', ['DTC', 'MARKETPLACE', 'WHOLESALE']);

export const products = catalog.table(
  'products',
  {
    id: text('id').primaryKey(), // prd_...
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    unitOfMeasure: text('unit_of_measure').notNull().default('EA'),
    currency: char('currency', { length: 3 }).notNull(),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    unitCostMinor: bigint('unit_cost_minor', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('products_name_idx').on(t.name)],
);

export const channels = catalog.table('channels', {
  id: text('id').primaryKey(), // chn_...
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: channelKind('kind').notNull(),
  /** Lower number wins when stock is scarce. */
  priority: integer('priority').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
});

export const channelPrices = catalog.table(
  'channel_prices',
  {
    channelId: text('channel_id').notNull().references(() => channels.id),
    productId: text('product_id').notNull().references(() => products.id),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.productId] })],
);

export const catalogEvents = eventsTable(catalog);
