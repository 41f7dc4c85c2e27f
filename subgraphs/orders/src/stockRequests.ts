import type { Tx } from '@opsgraph/db';
import { requestHash, signalCommitted, UserErrors, type UserError } from '@opsgraph/kit';
import type { OrdersDeps } from './deps';
import { approve, fillBackorder, OrderChanges, SYSTEM_ACTOR, type StockState } from './decisions';
import { allocatedEvent } from './events';
import type { ReserveOrderStockInput, ReserveOutcome, StockReservation, StockShortage } from './inventoryClient';
import type { OrderStatus } from './lifecycle';
import { allocationReason } from './capture';
import * as repo from './repo';
import type { OrderFacts } from './rules';

/**
 * Calls to inventory that must survive a crash. Each is written to orders.stock_requests (PENDING) before it is
 * made and marked DONE when its outcome is recorded, so the reconciler can finish or undo whatever a crash
 * interrupted. Never call inventory while a transaction is open: on PGlite that transaction holds the only
 * connection inventory could use.
 */

/** A reservation for an order that exists already: approving one held for review, or filling a backorder. */
export type ReservePayload = {
  purpose: 'approve' | 'fill';
  actor: string;
  reason: string | null;
  /** The status the order must still have when the reservation comes back; otherwise it is undone. */
  expect: OrderStatus;
  reserve: ReserveOrderStockInput;
};

/** A release or shipment of whatever the order holds. */
export type SettlePayload = { purpose: 'cancel' | 'ship' | 'undo'; actor: string; reference: string | null };

/** The stock rule every state answers to: an order facing inventory's verdict. */
export function stockStateOf(outcome: ReserveOutcome, codes: ReadonlyMap<string, string>): StockState {
  if (outcome.shortages.length > 0 || outcome.reservations.length === 0) return { kind: 'short' };
  return {
    kind: 'reserved',
    reason: allocationReason(outcome.reservations.map((r) => ({ orderLineId: r.orderLineId, location: codes.get(r.locationId) ?? r.locationId }))),
  };
}

export function allocationRows(reservations: readonly StockReservation[]) {
  return reservations.map((r) => ({ orderLineId: r.orderLineId, locationId: r.locationId, quantity: r.quantity }));
}

/** What the rules look at for an order already recorded. */
export async function factsOf(db: Tx | OrdersDeps['db'], order: repo.OrderRow): Promise<OrderFacts> {
  return {
    channelCode: order.channelCode,
    totalMinor: order.totalMinor,
    riskSignals: order.riskSignals,
    repeatCustomer: await repo.hasEarlierOrder(db, order.customerEmail, order),
    shipTo: order.shipTo,
  };
}

/** Inventory did not answer: the request is kept, and a retry (placeOrder: with the same key) carries it on. */
export const unavailable = (field: string[]) =>
  UserErrors.of(
    field,
    'STOCK_SERVICE_UNAVAILABLE',
    field.at(-1) === 'idempotencyKey'
      ? 'Stock could not be reserved right now (inventory did not answer): retry with the same idempotency key.'
      : 'Stock could not be reserved right now (inventory did not answer): try again shortly.',
  );

/** Inventory's refusal, passed on with orders' field paths where they can be told. */
export function refusedBy(userErrors: readonly UserError[]): UserErrors {
  return new UserErrors(userErrors.map((e) => ({ ...e, field: e.field ? ['input', ...e.field.filter((f) => f !== 'input')] : null })));
}

/** INSUFFICIENT_STOCK on each short line, for channels that refuse rather than backorder. */
export function insufficientStock(lines: readonly { id: string; sku: string }[], shortages: readonly StockShortage[]): UserErrors {
  return new UserErrors(
    shortages.map((s) => {
      const index = lines.findIndex((l) => l.id === s.orderLineId);
      return {
        field: ['input', 'lines', String(index), 'quantity'],
        code: 'INSUFFICIENT_STOCK',
        message: `Only ${s.reservable} of ${lines[index]?.sku ?? s.productId} can be sold on this channel now; ${s.requested} were ordered.`,
      };
    }),
  );
}

// ---- Releases and shipments ----

/** Writes a RELEASE or SHIP request in the caller's transaction; run it with `settle` after commit. */
export async function writeSettleRequest(
  tx: Tx,
  request: { key: string; orderId: string; kind: 'RELEASE' | 'SHIP'; payload: SettlePayload; at: Date },
) {
  const row = await repo.insertStockRequest(tx, {
    key: request.key,
    orderId: request.orderId,
    kind: request.kind,
    requestHash: requestHash(request.kind, { orderId: request.orderId, ...request.payload }),
    payload: request.payload,
    attempts: 1,
    createdAt: request.at,
    updatedAt: request.at,
  });
  return row ?? (await repo.stockRequestByKey(tx, request.key))!;
}

/**
 * Releases or ships what the order holds in inventory (idempotent there), then marks the request DONE. When
 * inventory does not answer the request stays PENDING and the reconciler carries it on; returns whether it is done.
 */
export async function settle(deps: OrdersDeps, request: repo.StockRequestRow): Promise<boolean> {
  const payload = request.payload as SettlePayload;
  const input = { orderId: request.orderId, reference: payload.reference, actor: payload.actor };
  const result = request.kind === 'SHIP' ? await deps.inventory.shipOrderStock(input) : await deps.inventory.releaseOrderStock(input);
  if (result.ok) {
    await repo.markStockRequestDone(deps.db, request.key, deps.clock());
    return true;
  }
  if (result.failure.kind === 'REFUSED') {
    // Nothing there to release or ship: retrying would not change the answer.
    const note = result.failure.userErrors.map((e) => `${e.code}: ${e.message}`).join('; ');
    console.error(`orders: inventory refused ${request.kind} ${request.key}: ${note}`);
    await repo.markStockRequestDone(deps.db, request.key, deps.clock(), note);
    return true;
  }
  await repo.noteStockRequestFailure(deps.db, request.key, result.failure.message, deps.clock());
  return false;
}

/** Undoes a reservation that cannot be used: releases what the order holds, durably (key `undo:<reserve key>`). */
export async function writeUndo(tx: Tx, reserveKey: string, orderId: string, at: Date) {
  return writeSettleRequest(tx, {
    key: `undo:${reserveKey}`,
    orderId,
    kind: 'RELEASE',
    payload: { purpose: 'undo', actor: SYSTEM_ACTOR, reference: reserveKey },
    at,
  });
}

// ---- Reserving for an order that exists ----

export type ReserveAttempt =
  | { kind: 'applied' }
  /** Someone else recorded this request's outcome. */
  | { kind: 'finished' }
  /** Not enough stock: nothing reserved (a fill leaves the order as it was). */
  | { kind: 'short'; shortages: StockShortage[] }
  /** The order had moved on when the stock came back: what was reserved is released again. */
  | { kind: 'undone'; status: OrderStatus | null }
  /** Another reservation attempt for the order is in flight. */
  | { kind: 'busy' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'refused'; userErrors: UserError[] };

const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/** The SQLSTATE of a database error, through drizzle's wrapping. */
export function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** A database refusal that a retry cannot fix (integrity or data errors), as opposed to a lost connection. */
export function isPermanentDbError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && (state.startsWith('23') || state.startsWith('22'));
}

/**
 * Reserves the order's lines in inventory (approve, backorder fill) and records the outcome. `key` is the
 * request's idempotency key: a retry with it continues the same request.
 */
export async function reserveForOrder(
  deps: OrdersDeps,
  order: repo.OrderRow,
  request: { purpose: ReservePayload['purpose']; key: string; actor: string; reason: string | null },
): Promise<ReserveAttempt> {
  const lines = await repo.orderLinesByOrderIds(deps.db, [order.id]);
  const payload: ReservePayload = {
    purpose: request.purpose,
    actor: request.actor,
    reason: request.reason,
    expect: order.status,
    reserve: {
      idempotencyKey: request.key,
      orderId: order.id,
      channel: order.channelCode,
      lines: lines.map((l) => ({ orderLineId: l.id, productId: l.productId, quantity: l.quantity })),
      actor: request.actor,
    },
  };
  const at = deps.clock();
  let row: repo.StockRequestRow | null;
  try {
    row = await repo.insertStockRequest(deps.db, {
      key: request.key,
      orderId: order.id,
      kind: 'RESERVE',
      requestHash: requestHash('reserve', payload.reserve),
      payload,
      attempts: 1,
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'busy' };
    throw error;
  }
  if (!row) {
    row = await repo.stockRequestByKey(deps.db, request.key);
    if (!row || row.status === 'DONE') return { kind: 'finished' };
  }
  const result = await deps.inventory.reserveOrderStock((row.payload as ReservePayload).reserve);
  if (!result.ok) {
    if (result.failure.kind === 'UNAVAILABLE') {
      await repo.noteStockRequestFailure(deps.db, row.key, result.failure.message, deps.clock());
      return { kind: 'unavailable', message: result.failure.message };
    }
    await repo.deleteStockRequest(deps.db, row.key);
    return { kind: 'refused', userErrors: result.failure.userErrors };
  }
  return finishReserve(deps, row, result.value);
}

/**
 * Records what inventory reserved for an existing order, in one transaction: the order must still be in the
 * status the request expected, otherwise the reservation is released again (after commit).
 */
export async function finishReserve(deps: OrdersDeps, request: repo.StockRequestRow, outcome: ReserveOutcome): Promise<ReserveAttempt> {
  const payload = request.payload as ReservePayload;
  const short = outcome.shortages.length > 0 || outcome.reservations.length === 0;
  if (short && payload.purpose === 'fill') {
    // Nothing was reserved and inventory left the key unused: the order simply keeps waiting.
    await repo.deleteStockRequest(deps.db, request.key);
    return { kind: 'short', shortages: outcome.shortages };
  }
  const settings = await deps.settings();
  const codes = await deps.inventory.locationCodes(outcome.reservations.map((r) => r.locationId));
  const at = deps.clock();
  const result = await deps.db.transaction(async (tx): Promise<{ attempt: ReserveAttempt; undo: repo.StockRequestRow | null }> => {
    if (!(await repo.completeStockRequest(tx, request.key, at))) return { attempt: { kind: 'finished' }, undo: null };
    const order = await repo.lockOrder(tx, request.orderId);
    if (!order || order.status !== payload.expect) {
      const undo = outcome.reservations.length > 0 ? await writeUndo(tx, request.key, request.orderId, at) : null;
      return { attempt: { kind: 'undone', status: order?.status ?? null }, undo };
    }
    const changes = new OrderChanges(order, { at, causes: settings.causes, ids: deps.ids });
    const facts = await factsOf(tx, order);
    const stock = stockStateOf(outcome, codes);
    const exceptions = await repo.exceptionsByOrderIds(tx, [order.id]);
    if (payload.purpose === 'approve') {
      const reason = payload.reason ?? 'Approved after review';
      approve(changes, { actor: payload.actor, reason, resolution: 'Approved', facts, rules: settings.rules, stock, exceptions });
    } else {
      fillBackorder(changes, { facts, rules: settings.rules, stock, exceptions });
    }
    if (outcome.reservations.length > 0) changes.emit(allocatedEvent(order, outcome.reservations, at));
    await repo.setOrderStatus(tx, order.id, changes.status!);
    await repo.writeChanges(tx, changes, [repo.newAllocationRows(allocationRows(outcome.reservations))]);
    return { attempt: { kind: 'applied' }, undo: null };
  });
  signalCommitted('orders');
  if (result.undo) await settle(deps, result.undo);
  return result.attempt;
}
