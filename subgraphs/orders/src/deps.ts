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
};

export type OrdersDepsOptions = {
  clock?: Clock;
  ids?: IdSource;
  hooks?: OrdersHooks;
  settingsTtlMs?: number;
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
