import { signalCommitted, UserErrors } from '@opsgraph/kit';
import { buildOrder, placeOrderHash, priceOrder, type CatalogView, type NewOrderLineRow, type NewOrderRow, type PlaceOrderRequest } from './capture';
import type { OrdersDeps } from './deps';
import { decideCapture, OrderChanges } from './decisions';
import { allocatedEvent, capturedEvent } from './events';
import type { ReserveOrderStockInput, ReserveOutcome } from './inventoryClient';
import * as repo from './repo';
import {
  allocationRows,
  insufficientStock,
  isPermanentDbError,
  refusedBy,
  settle,
  stockStateOf,
  unavailable,
  writeUndo,
} from './stockRequests';

/**
 * placeOrder, durably: (a) the built order is written as a PENDING reservation request keyed by the channel's
 * idempotency key, (b) inventory reserves every line or reports shortages, (c) one transaction records the
 * order, its allocations, history, exceptions and events and marks the request DONE. A retry with the same key
 * continues (a)-(c) or answers the recorded order; a crash anywhere leaves a request the reconciler finishes.
 */

/** What the request row keeps: enough to record the order without the caller. */
export type PlacePayload = {
  purpose: 'place';
  actor: string;
  order: Omit<NewOrderRow, 'createdAt'> & { createdAt: string };
  lines: NewOrderLineRow[];
  reserve: ReserveOrderStockInput;
};

export type PlaceResult = { kind: 'recorded'; order: repo.OrderRow } | { kind: 'refused'; errors: UserErrors };

/** Reads the channel and SKUs capture needs, catching the catalog projection up once when either is missing. */
async function catalogView(deps: OrdersDeps, input: PlaceOrderRequest): Promise<CatalogView & { channel: repo.ChannelRow | null }> {
  const code = input.channel.trim();
  const skus = [...new Set(input.lines.map((l) => l.sku.trim()).filter(Boolean))];
  const view = await deps.catalogReads.read(code, skus);
  if (view.channel && view.products.size === skus.length) return view;
  // The projection may only be behind the catalog: catch up before calling anything unknown.
  await deps.catalog.catchUp();
  deps.catalogReads.forget();
  return deps.catalogReads.read(code, skus);
}

export async function placeOrder(deps: OrdersDeps, input: PlaceOrderRequest, actor: string): Promise<repo.OrderRow> {
  const catalog = await catalogView(deps, input);
  const priced = priceOrder(input, catalog);
  if ('userErrors' in priced) throw new UserErrors(priced.userErrors);
  const at = deps.clock();
  const built = buildOrder(priced.order, { idempotencyKey: input.idempotencyKey, ids: deps.ids, at });
  const key = `place:${priced.order.channelCode}:${input.idempotencyKey}`;
  const hash = placeOrderHash(input);
  const payload: PlacePayload = {
    purpose: 'place',
    actor,
    order: { ...built.order, createdAt: at.toISOString() },
    lines: built.lines,
    reserve: {
      idempotencyKey: key,
      orderId: built.order.id,
      channel: built.order.channelCode,
      lines: built.lines.map((l) => ({ orderLineId: l.id!, productId: l.productId, quantity: l.quantity })),
      actor,
    },
  };
  let request = await repo.insertStockRequest(deps.db, {
    key,
    orderId: built.order.id,
    kind: 'RESERVE',
    requestHash: hash,
    payload,
    attempts: 1,
    createdAt: at,
    updatedAt: at,
  });
  if (!request) {
    request = await repo.stockRequestByKey(deps.db, key);
    // Withdrawn between the two statements (refused for stock): the key is free again.
    if (!request) return placeOrder(deps, input, actor);
    if (request.requestHash !== hash) {
      throw UserErrors.of(['input', 'idempotencyKey'], 'IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used with a different order.');
    }
    if (request.status === 'DONE') return recordedOrder(deps, request.orderId);
    // PENDING: an earlier attempt is in flight or was interrupted; carry it on (inventory replays the same key).
  }
  const result = await deps.inventory.reserveOrderStock((request.payload as PlacePayload).reserve);
  if (!result.ok) {
    if (result.failure.kind === 'UNAVAILABLE') {
      // The request stays PENDING: a retry with the same key, or the reconciler, completes it.
      await repo.noteStockRequestFailure(deps.db, key, result.failure.message, deps.clock());
      throw unavailable(['input', 'idempotencyKey']);
    }
    await repo.deleteStockRequest(deps.db, key);
    throw refusedBy(result.failure.userErrors);
  }
  await deps.hooks.afterReserve?.(request);
  const placed = await recordOrUndo(deps, request, result.value, catalog.channel);
  if (placed.kind === 'refused') throw placed.errors;
  return placed.order;
}

async function recordedOrder(deps: OrdersDeps, orderId: string): Promise<repo.OrderRow> {
  const [order] = await repo.ordersByIds(deps.db, [orderId]);
  if (!order) throw new Error(`stock request for ${orderId} is DONE but the order does not exist`);
  return order;
}

/**
 * finishPlace, undoing the reservation when the order cannot be recorded at all (the database refuses its
 * rows): stock must never stay promised to an order that does not exist.
 */
export async function recordOrUndo(
  deps: OrdersDeps,
  request: repo.StockRequestRow,
  outcome: ReserveOutcome,
  channel?: repo.ChannelRow | null,
): Promise<PlaceResult> {
  try {
    return await finishPlace(deps, request, outcome, channel);
  } catch (error) {
    if (!isPermanentDbError(error)) throw error;
    await undoPlace(deps, request);
    throw error;
  }
}

/** Withdraws a new order's request and releases whatever inventory reserved for it. */
export async function undoPlace(deps: OrdersDeps, request: repo.StockRequestRow): Promise<void> {
  const at = deps.clock();
  const undo = await deps.db.transaction(async (tx) => {
    await repo.deleteStockRequest(tx, request.key);
    return writeUndo(tx, request.key, request.orderId, at);
  });
  await settle(deps, undo);
}

/**
 * Step (c): records the order with what inventory answered, unless someone else already did. `channel` is the
 * one capture read (the reconciler reads it again).
 */
export async function finishPlace(
  deps: OrdersDeps,
  request: repo.StockRequestRow,
  outcome: ReserveOutcome,
  channelRead?: repo.ChannelRow | null,
): Promise<PlaceResult> {
  const payload = request.payload as PlacePayload;
  const short = outcome.shortages.length > 0 || outcome.reservations.length === 0;
  const channel = channelRead ?? (await repo.channelByCode(deps.db, payload.order.channelCode));
  if (short && channel?.onShortage === 'REFUSE') {
    // Nothing was reserved and inventory left the key unused: nothing to keep.
    await repo.deleteStockRequest(deps.db, request.key);
    return { kind: 'refused', errors: insufficientStock(payload.lines.map((l) => ({ id: l.id!, sku: l.sku })), outcome.shortages) };
  }
  const settings = await deps.settings();
  const codes = await deps.inventory.locationCodes(outcome.reservations.map((r) => r.locationId));
  const at = deps.clock();
  const createdAt = new Date(payload.order.createdAt);
  const recorded = await deps.db.transaction(async (tx) => {
    const claimed = await repo.completePlaceRequest(tx, request.key, at, payload.order.customerEmail);
    if (!claimed) return null;
    const ref = { id: payload.order.id, number: claimed.number, channelCode: payload.order.channelCode, status: null };
    const changes = new OrderChanges(ref, { at, causes: settings.causes, ids: deps.ids });
    changes.emit(capturedEvent({ ...payload.order, number: ref.number }, payload.lines.map((l) => ({ ...l, orderLineId: l.id! })), at));
    if (!short) changes.emit(allocatedEvent(ref, outcome.reservations, at));
    decideCapture(changes, {
      actor: payload.actor,
      facts: {
        channelCode: ref.channelCode,
        totalMinor: payload.order.totalMinor,
        riskSignals: payload.order.riskSignals ?? [],
        repeatCustomer: claimed.repeatCustomer,
        shipTo: payload.order.shipTo,
      },
      rules: settings.rules,
      stock: stockStateOf(outcome, codes),
    });
    const order: repo.OrderRow = {
      ...payload.order,
      number: claimed.number,
      status: changes.status!,
      riskSignals: payload.order.riskSignals ?? [],
      idempotencyKey: payload.order.idempotencyKey ?? null,
      createdAt,
    };
    await repo.writeChanges(tx, changes, [
      repo.newOrderRows([order]),
      repo.newLineRows(payload.lines),
      repo.newAllocationRows(short ? [] : allocationRows(outcome.reservations)),
    ]);
    return order;
  });
  if (recorded) {
    signalCommitted('orders');
    return { kind: 'recorded', order: recorded };
  }
  const current = await repo.stockRequestByKey(deps.db, request.key);
  if (current?.status === 'DONE') return { kind: 'recorded', order: await recordedOrder(deps, current.orderId) };
  // A concurrent retry with this key was refused for stock and withdrew the request while this one reserved.
  if (!short) await undoPlace(deps, request);
  return { kind: 'refused', errors: unavailable(['input', 'idempotencyKey']) };
}
