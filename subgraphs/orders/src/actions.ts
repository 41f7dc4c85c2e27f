import type { Tx } from '@opsgraph/db';
import { signalCommitted, UserErrors } from '@opsgraph/kit';
import type { OrdersDeps, Settings } from './deps';
import { approve, cancel, hold, liftHold, OrderChanges, ship } from './decisions';
import * as repo from './repo';
import { factsOf, refusedBy, reserveForOrder, settle, stockStateOf, unavailable, writeSettleRequest } from './stockRequests';

/**
 * The workflow mutations on an order: each takes the order's row lock, moves it through workflow.transition
 * (via OrderChanges) and writes history, exceptions and events in one transaction. Calls to inventory happen
 * before (reserving) or after (releasing, shipping) that transaction, never inside it.
 */

export const notFound = (what: 'Order' | 'Exception', id: string, field = what === 'Order' ? 'orderId' : 'exceptionId') =>
  UserErrors.of(['input', field], 'NOT_FOUND', `${what} ${id} does not exist.`);

const illegal = (order: repo.OrderRow, action: string, allowedFrom: string) =>
  UserErrors.of(
    ['input', 'orderId'],
    'ILLEGAL_TRANSITION',
    `Order ${order.number} is ${order.status}: only an order that is ${allowedFrom} can be ${action}.`,
  );

type Step<T> = (tx: Tx, order: repo.OrderRow, changes: OrderChanges, settings: Settings) => Promise<T>;

/** Runs one change to one order under its row lock; answers the order as it is afterwards. */
async function changeOrder<T = void>(deps: OrdersDeps, orderId: string, step: Step<T>): Promise<{ order: repo.OrderRow; result: T }> {
  const settings = await deps.settings();
  const at = deps.clock();
  const done = await deps.db.transaction(async (tx) => {
    const order = await repo.lockOrder(tx, orderId);
    if (!order) throw notFound('Order', orderId);
    const changes = new OrderChanges(order, { at, causes: settings.causes, ids: deps.ids });
    const result = await step(tx, order, changes, settings);
    if (changes.status !== order.status) await repo.setOrderStatus(tx, order.id, changes.status!);
    await repo.writeChanges(tx, changes);
    return { order: { ...order, status: changes.status! }, result };
  });
  signalCommitted('orders');
  return done;
}

async function orderOrNotFound(deps: OrdersDeps, orderId: string): Promise<repo.OrderRow> {
  const [order] = await repo.ordersByIds(deps.db, [orderId]);
  if (!order) throw notFound('Order', orderId);
  return order;
}

const text = (value: string | null | undefined) => value?.trim() || null;

/**
 * RISK_REVIEW -> ALLOCATED when its stock is reserved (reserving it first when it holds none) or BACKORDERED;
 * the review exception is resolved and the auto-release rules apply.
 */
export async function approveOrder(deps: OrdersDeps, input: { orderId: string; reason?: string | null }, actor: string) {
  const order = await orderOrNotFound(deps, input.orderId);
  if (order.status !== 'RISK_REVIEW') throw illegal(order, 'approved', 'in RISK_REVIEW');
  const reason = text(input.reason) ?? 'Approved after review';
  const held = await repo.allocationsOfOrder(deps.db, order.id);
  if (held.length > 0) {
    const codes = await deps.inventory.locationCodes(held.map((a) => a.locationId));
    const stock = stockStateOf({ reservations: held.map((a) => ({ ...a, id: String(a.id), orderId: order.id, status: 'ACTIVE' })), shortages: [] }, codes);
    return (
      await changeOrder(deps, order.id, async (tx, locked, changes, settings) => {
        if (locked.status !== 'RISK_REVIEW') throw illegal(locked, 'approved', 'in RISK_REVIEW');
        const exceptions = await repo.exceptionsByOrderIds(tx, [locked.id]);
        approve(changes, { actor, reason, resolution: reason, facts: await factsOf(tx, locked), rules: settings.rules, stock, exceptions });
      })
    ).order;
  }
  // Held for review without stock: reserve now. The key is the order's: a retried approval continues it.
  const attempt = await reserveForOrder(deps, order, { purpose: 'approve', key: `approve:${order.id}`, actor, reason });
  switch (attempt.kind) {
    case 'unavailable':
      throw unavailable(['input', 'orderId']);
    case 'refused':
      throw refusedBy(attempt.userErrors);
    case 'busy':
      throw UserErrors.of(['input', 'orderId'], 'ORDER_BUSY', `Stock is being reserved for order ${order.number} right now: try again shortly.`);
    case 'undone':
      throw illegal({ ...order, status: attempt.status ?? order.status }, 'approved', 'in RISK_REVIEW');
    default:
      return orderOrNotFound(deps, order.id);
  }
}

/** -> ON_HOLD with a MANUAL_HOLD exception; the order keeps any stock it holds. */
export async function holdOrder(deps: OrdersDeps, input: { orderId: string; reason?: string | null }, actor: string) {
  return (
    await changeOrder(deps, input.orderId, async (_tx, _order, changes) => void hold(changes, { actor, reason: text(input.reason) ?? 'Held' }))
  ).order;
}

/**
 * ALLOCATED or ON_HOLD -> RELEASED to the warehouse. An ON_HOLD order that holds no stock goes back to
 * BACKORDERED instead (and is retried for stock). Lifting a hold resolves the hold's exceptions.
 */
export async function releaseOrder(deps: OrdersDeps, input: { orderId: string; reason?: string | null }, actor: string) {
  return (
    await changeOrder(deps, input.orderId, async (tx, order, changes, settings) => {
      const reason = text(input.reason);
      if (order.status !== 'ALLOCATED' && order.status !== 'ON_HOLD') throw illegal(order, 'released', 'ALLOCATED or ON_HOLD');
      if (order.status === 'ON_HOLD') {
        const exceptions = await repo.exceptionsByOrderIds(tx, [order.id]);
        const holdsStock = (await repo.allocationsOfOrder(tx, order.id)).length > 0;
        liftHold(changes, { actor, reason, holdsStock, rules: settings.rules, exceptions });
        if (!holdsStock) {
          // Stock that arrived during the hold was offered to others; have the filler look at this order again.
          const lines = await repo.orderLinesByOrderIds(tx, [order.id]);
          await repo.noteArrivals(tx, lines.map((l) => l.productId));
        }
      } else {
        changes.move('RELEASED', actor, reason);
      }
    })
  ).order;
}

function simpleMove(to: 'PICKED' | 'PACKED' | 'DELIVERED') {
  return async (deps: OrdersDeps, input: { orderId: string }, actor: string) =>
    (await changeOrder(deps, input.orderId, async (_tx, _order, changes) => void changes.move(to, actor))).order;
}

export const pickOrder = simpleMove('PICKED');
export const packOrder = simpleMove('PACKED');
export const deliverOrder = simpleMove('DELIVERED');

/**
 * RELEASED, PICKED or PACKED -> SHIPPED with the carrier's tracking number. The shipment, the order's change and
 * a SHIP request commit together; inventory then consumes the reservation (on hand and reserved drop). If
 * inventory does not answer, the order is still shipped and the reconciler settles the stock.
 */
export async function confirmShipment(
  deps: OrdersDeps,
  input: { orderId: string; carrier: string; trackingNumber: string },
  actor: string,
) {
  const carrier = input.carrier.trim();
  const trackingNumber = input.trackingNumber.trim();
  const problems = [
    !carrier && { field: ['input', 'carrier'], code: 'REQUIRED', message: 'Carrier is required.' },
    carrier.length > 100 && { field: ['input', 'carrier'], code: 'TOO_LONG', message: 'Carrier must be at most 100 characters.' },
    !trackingNumber && { field: ['input', 'trackingNumber'], code: 'REQUIRED', message: 'Tracking number is required.' },
    trackingNumber.length > 100 && { field: ['input', 'trackingNumber'], code: 'TOO_LONG', message: 'Tracking number must be at most 100 characters.' },
  ].filter((p) => p !== false);
  if (problems.length > 0) throw new UserErrors(problems);
  const { order, result: request } = await changeOrder(deps, input.orderId, async (tx, locked, changes) => {
    const at = changes.context.at;
    const shipmentId = deps.ids('shp');
    await repo.insertShipment(tx, { id: shipmentId, orderId: locked.id, carrier, trackingNumber, shippedAt: at });
    const lines = new Map((await repo.orderLinesByOrderIds(tx, [locked.id])).map((l) => [l.id, l]));
    const held = await repo.allocationsOfOrder(tx, locked.id);
    ship(changes, {
      actor,
      currency: locked.currency,
      shipment: { id: shipmentId, carrier, trackingNumber },
      lines: held.map((a) => {
        const line = lines.get(a.orderLineId)!;
        return { orderLineId: line.id, productId: line.productId, sku: line.sku, quantity: a.quantity, unitPriceMinor: line.unitPriceMinor, locationId: a.locationId };
      }),
    });
    return writeSettleRequest(tx, {
      key: `ship:${locked.id}`,
      orderId: locked.id,
      kind: 'SHIP',
      payload: { purpose: 'ship', actor, reference: shipmentId },
      at,
    });
  });
  await settle(deps, request);
  return order;
}

/**
 * Any status before SHIPPED -> CANCELLED: open exceptions are resolved, and the stock the order holds is
 * released (a RELEASE request committed with the cancellation, then sent to inventory).
 */
export async function cancelOrder(deps: OrdersDeps, input: { orderId: string; reason?: string | null }, actor: string) {
  const { order, result: request } = await changeOrder(deps, input.orderId, async (tx, locked, changes) => {
    cancel(changes, { actor, reason: text(input.reason) ?? 'Cancelled', exceptions: await repo.exceptionsByOrderIds(tx, [locked.id]) });
    const held = await repo.allocationsOfOrder(tx, locked.id);
    if (held.length === 0) return null;
    await repo.deleteAllocationsOfOrder(tx, locked.id);
    return writeSettleRequest(tx, {
      key: `cancel:${locked.id}`,
      orderId: locked.id,
      kind: 'RELEASE',
      payload: { purpose: 'cancel', actor, reference: `cancel:${locked.number}` },
      at: changes.context.at,
    });
  });
  if (request) await settle(deps, request);
  return order;
}
