import type { OrdersDeps } from './deps';
import { recordOrUndo, type PlacePayload } from './placement';
import * as repo from './repo';
import { finishReserve, isPermanentDbError, settle, type ReservePayload } from './stockRequests';

/**
 * Finishes or undoes calls to inventory that a crash (or an unreachable inventory) left PENDING:
 * - a new order's reservation: asked again with the same key (inventory replays what it reserved) and the
 *   order recorded; refused, the request is dropped; an order the database will not take is undone (released);
 * - a reservation for an existing order (approval, backorder fill): finished, or released when the order moved on;
 * - a release or shipment: sent again (idempotent in inventory) until inventory confirms.
 * Each request is handled on its own: one that keeps failing is counted and noted, and never blocks the others.
 */

export type ReconcileReport = { finished: number; compensated: number; failed: number };

export async function reconcileStockRequests(
  deps: OrdersDeps,
  options: { graceMs?: number; limit?: number } = {},
): Promise<ReconcileReport> {
  const now = deps.clock();
  // The grace period leaves requests whose first call may still be in flight to their caller.
  const cutoff = new Date(now.getTime() - (options.graceMs ?? 30_000));
  const claimed = await repo.claimStaleStockRequests(deps.db, { cutoff, now, limit: options.limit ?? 50 });
  const report: ReconcileReport = { finished: 0, compensated: 0, failed: 0 };
  for (const request of claimed) {
    try {
      report[await reconcileOne(deps, request)]++;
    } catch (error) {
      report.failed++;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`orders reconciler: ${request.key} failed (attempt ${request.attempts})`, error);
      await repo.noteStockRequestFailure(deps.db, request.key, message, deps.clock()).catch(() => {});
    }
  }
  return report;
}

async function reconcileOne(deps: OrdersDeps, request: repo.StockRequestRow): Promise<keyof ReconcileReport> {
  if (request.kind !== 'RESERVE') return (await settle(deps, request)) ? 'finished' : 'failed';
  const payload = request.payload as PlacePayload | ReservePayload;
  const result = await deps.inventory.reserveOrderStock(payload.reserve);
  if (!result.ok) {
    if (result.failure.kind === 'UNAVAILABLE') {
      await repo.noteStockRequestFailure(deps.db, request.key, result.failure.message, deps.clock());
      return 'failed';
    }
    // Refused: nothing was reserved, so there is nothing to undo.
    await repo.deleteStockRequest(deps.db, request.key);
    return 'compensated';
  }
  if (payload.purpose !== 'place') {
    const attempt = await finishReserve(deps, request, result.value);
    return attempt.kind === 'undone' || attempt.kind === 'short' ? 'compensated' : 'finished';
  }
  try {
    const placed = await recordOrUndo(deps, request, result.value);
    return placed.kind === 'recorded' ? 'finished' : 'compensated';
  } catch (error) {
    // recordOrUndo has released the stock of an order the database refused; the request is gone.
    if (isPermanentDbError(error)) {
      console.error(`orders reconciler: order ${request.orderId} could not be recorded; its stock was released`, error);
      return 'compensated';
    }
    throw error;
  }
}
