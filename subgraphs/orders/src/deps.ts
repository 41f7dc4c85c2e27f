import { newId, type Db } from '@opsgraph/db';
import { createCatalogProjection } from './catalogProjection';
import type { InventoryClient } from './inventoryClient';
import * as repo from './repo';
import { parseRules, type DecisionRule } from './rules';
import type { ExceptionCauses, IdSource } from './workflow';

/** Where "now" comes from: the wall clock live, a movable one in tests (SLA) and the seed (history). */
export type Clock = () => Date;

/** Fault injection for tests; empty live. */
export type OrdersHooks = {
  /** After inventory reserved stock for a new order, before the order is recorded: throw here to act out a crash. */
  afterReserve?(request: repo.StockRequestRow): void | Promise<void>;
};

export type Settings = { rules: DecisionRule[]; causes: ExceptionCauses };

/** What orders' domain functions work with: the database, inventory, time, ids and the governance settings. */
export type OrdersDeps = {
  db: Db;
  inventory: InventoryClient;
  clock: Clock;
  ids: IdSource;
  hooks: OrdersHooks;
  /** Governance rules and exception causes, re-read at most every `settingsTtlMs` (they are edited with SQL). */
  settings(): Promise<Settings>;
  /** Orders' projection of the catalog, caught up on demand when capture meets a SKU or channel it lacks. */
  catalog: ReturnType<typeof createCatalogProjection>;
  /** Capture's reads of that projection, kept for `catalogTtlMs`. */
  catalogReads: CatalogReads;
};

export type CatalogReads = {
  read(channelCode: string, skus: readonly string[]): Promise<{ channel: repo.ChannelRow | null; products: Map<string, repo.CaptureProductRow> }>;
  forget(): void;
};

export type OrdersDepsOptions = {
  clock?: Clock;
  ids?: IdSource;
  hooks?: OrdersHooks;
  settingsTtlMs?: number;
  catalogTtlMs?: number;
};

export function createOrdersDeps(db: Db, inventory: InventoryClient, options: OrdersDepsOptions = {}): OrdersDeps {
  const ttl = options.settingsTtlMs ?? 5_000;
  let cached: { at: number; settings: Promise<Settings> } | null = null;
  const load = async (): Promise<Settings> => {
    const [rules, causes] = await Promise.all([repo.decisionRuleRows(db), repo.exceptionCauseRows(db)]);
    return { rules: parseRules(rules), causes: new Map(causes.map((c) => [c.cause, c.slaMinutes])) };
  };
  return {
    db,
    inventory,
    clock: options.clock ?? (() => new Date()),
    ids: options.ids ?? newId,
    hooks: options.hooks ?? {},
    catalog: createCatalogProjection(db),
    catalogReads: catalogReads(db, options.catalogTtlMs ?? 2_000),
    settings() {
      if (!cached || Date.now() - cached.at > ttl) {
        const settings = load();
        cached = { at: Date.now(), settings };
        // A failed read must not be served from the cache.
        settings.catch(() => {
          if (cached?.settings === settings) cached = null;
        });
      }
      return cached.settings;
    },
  };
}

/**
 * Many orders a second ask for the same channel and SKUs: what the projection answered is kept for a moment
 * (`ttlMs`, a lag no longer than the projection's own between processes). Only rows found are kept, so a SKU
 * the projection lacks is always looked up again.
 */
function catalogReads(db: Db, ttlMs: number): CatalogReads {
  const channels = new Map<string, { at: number; row: repo.ChannelRow }>();
  const products = new Map<string, { at: number; row: repo.CaptureProductRow }>();
  const fresh = (entry: { at: number } | undefined, now: number) => entry !== undefined && now - entry.at < ttlMs;
  return {
    async read(channelCode, skus) {
      const now = Date.now();
      let channel = channels.get(channelCode);
      if (!fresh(channel, now)) {
        const row = await repo.channelByCode(db, channelCode);
        channel = row ? { at: now, row } : undefined;
        if (channel) channels.set(channelCode, channel);
      }
      const missing = skus.filter((sku) => !fresh(products.get(`${channelCode}|${sku}`), now));
      if (missing.length > 0) {
        // Bounded: a catalog far larger than what sells in a few seconds simply starts over.
        if (products.size > 20_000) products.clear();
        for (const row of await repo.productsForCapture(db, channelCode, missing)) products.set(`${channelCode}|${row.sku}`, { at: now, row });
      }
      const found = new Map<string, repo.CaptureProductRow>();
      for (const sku of skus) {
        const entry = products.get(`${channelCode}|${sku}`);
        if (entry) found.set(sku, entry.row);
      }
      return { channel: channel?.row ?? null, products: found };
    },
    forget() {
      channels.clear();
      products.clear();
    },
  };
}
