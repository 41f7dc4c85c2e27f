import { outboxSignal } from '@opsgraph/kit';
import { createStockArrivalsConsumer, fillBackorders, startArrivalsAtEnd } from './backorders';
import type { OrdersDeps } from './deps';
import { raiseSlaBreaches } from './exceptions';
import { reconcileStockRequests } from './reconciler';
import * as repo from './repo';

export type WorkerOptions = {
  /** How often the SLA watch runs (it also runs at start). */
  slaEveryMs?: number;
  /** How often the reconciler looks for PENDING stock requests, and how old they must be. */
  reconcileEveryMs?: number;
  reconcileGraceMs?: number;
  /**
   * Poll for other processes' catalog and inventory events (in-process commits wake the consumers at once, and
   * capture catches the catalog up itself when it meets a SKU it does not know).
   */
  pollMs?: number;
};

/**
 * Orders' background work while the subgraph runs: the catalog projection, backorder fills on stock arrivals,
 * the SLA watch and the reconciler. Every replica runs all of them; each is safe to run concurrently
 * (consumer cursor locks, conditional updates, claimed requests). The returned stop waits for work in flight.
 */
export function startOrdersWorkers(deps: OrdersDeps, options: WorkerOptions = {}): () => Promise<void> {
  const pollMs = options.pollMs ?? 5_000;
  const stopCatalog = deps.catalog.follow({ pollMs });
  const arrivals = createStockArrivalsConsumer(deps.db);
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  /**
   * Runs `task` unless it is already running (a wake-up during a run asks for one more run, `gapMs` later, so a
   * stream of commits elsewhere costs a few runs a second, not one per commit).
   */
  function serial(name: string, task: () => Promise<unknown>, gapMs = 0) {
    let running: Promise<unknown> | null = null;
    let again = false;
    const run = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        for (;;) {
          again = false;
          await task();
          if (!again || stopped) break;
          if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
        }
      })()
        .catch((error) => console.error(`orders ${name} failed`, error))
        .finally(() => {
          inFlight.delete(running!);
          running = null;
        });
      inFlight.add(running);
    };
    return run;
  }

  const arrivalsStarted = startArrivalsAtEnd(deps.db).catch((error) => console.error('orders: starting the arrivals consumer failed', error));
  const fill = serial('backorder filler', async () => {
    await arrivalsStarted;
    await arrivals.catchUp();
    await fillBackorders(deps);
  }, 100);
  const sla = serial('SLA watch', () => raiseSlaBreaches(deps));
  const reconcile = serial('reconciler', () => reconcileStockRequests(deps, { graceMs: options.reconcileGraceMs }));

  // A bulk load (the demo seed) may have written order numbers of its own.
  const start = repo.syncOrderNumbers(deps.db).catch((error) => console.error('orders: syncing order numbers failed', error));
  inFlight.add(start);
  void start.finally(() => inFlight.delete(start));

  outboxSignal.on('inventory', fill);
  const timers = [
    setInterval(fill, pollMs),
    setInterval(sla, options.slaEveryMs ?? 30_000),
    setInterval(reconcile, options.reconcileEveryMs ?? 15_000),
  ];
  for (const timer of timers) timer.unref();
  fill();
  sla();
  reconcile();

  return async () => {
    stopped = true;
    stopCatalog();
    outboxSignal.off('inventory', fill);
    for (const timer of timers) clearInterval(timer);
    await Promise.allSettled([...inFlight]);
  };
}
