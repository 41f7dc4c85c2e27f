import { inventoryIdempotencyKeys, newId, type Database, type Tx } from '@opsgraph/db';
import { once, signalCommitted, UserErrors, Validator } from '@opsgraph/kit';
import { createCatalogProjection } from './catalogProjection';
import type { AdjustStockInput, ReceiveStockInput, ReceiveTransferInput, TransferStockInput } from './generated/resolvers';
import { movementDeltas, recordMovements, type NewMovement } from './ledger';
import * as repo from './repo';

/** What a stock mutation returns, stored for idempotent replays: ids, re-read when the payload is resolved. */
export type StockResult = {
  movementIds: number[];
  levels: { productId: string; locationId: string }[];
  transferId: string | null;
};

export const ADJUSTMENT_REASONS = ['CYCLE_COUNT', 'DAMAGED', 'FOUND', 'SHRINKAGE', 'THEFT', 'EXPIRED', 'CORRECTION'] as const;

type Lookups = { validator: Validator; database: Database };

/**
 * Finds the product for a SKU. Inventory learns products from catalog events; if this SKU is not known yet
 * the projection may simply be behind, so it catches up once before calling the SKU unknown.
 */
async function lookUpSku({ validator, database }: Lookups, sku: string, field: string[]) {
  let [item] = await repo.itemsBySkus(database.db, [sku]);
  if (!item && sku.trim()) {
    await createCatalogProjection(database.db).catchUp();
    [item] = await repo.itemsBySkus(database.db, [sku]);
  }
  validator.check(Boolean(item), field, 'UNKNOWN_SKU', `No product has SKU "${sku}".`);
  return item;
}

async function lookUpLocation({ validator, database }: Lookups, code: string, field: string[]) {
  const [location] = await repo.locationsByCodes(database.db, [code]);
  validator.check(Boolean(location), field, 'UNKNOWN_LOCATION', `No location has code "${code}".`);
  return location;
}

/** Runs the effect once per idempotency key, in one transaction with everything it writes. */
async function idempotentStockChange(
  database: Database,
  operation: string,
  input: { idempotencyKey: string },
  effect: (tx: Tx) => Promise<StockResult>,
): Promise<StockResult> {
  const result = await database.db.transaction(async (tx) => {
    const { result } = await once(tx, inventoryIdempotencyKeys, input.idempotencyKey, operation, input, () => effect(tx));
    return result;
  });
  signalCommitted('inventory'); // wake in-process readers of the outbox now that the events are visible
  return result;
}

function resultOf(recorded: { id: number; productId: string; locationId: string }[], transferId: string | null = null): StockResult {
  const levels = new Map(recorded.map((m) => [`${m.productId}@${m.locationId}`, { productId: m.productId, locationId: m.locationId }]));
  return { movementIds: recorded.map((m) => m.id), levels: [...levels.values()], transferId };
}

export async function receiveStock(database: Database, input: ReceiveStockInput, actor: string): Promise<StockResult> {
  const validator = new Validator().quantity(input.quantity, ['input', 'quantity']);
  const item = await lookUpSku({ validator, database }, input.sku, ['input', 'sku']);
  const location = await lookUpLocation({ validator, database }, input.locationCode, ['input', 'locationCode']);
  validator.done();
  return idempotentStockChange(database, 'receiveStock', input, async (tx) => {
    const movement: NewMovement = {
      productId: item!.productId,
      locationId: location!.id,
      type: 'RECEIPT',
      quantity: input.quantity,
      deltas: movementDeltas.receipt(input.quantity),
      reference: input.reference ?? null,
      actor,
    };
    return resultOf(await recordMovements(tx, [movement], { field: ['input', 'quantity'], what: 'receipt' }));
  });
}

export async function adjustStock(database: Database, input: AdjustStockInput, actor: string): Promise<StockResult> {
  const validator = new Validator()
    .check(input.delta !== 0, ['input', 'delta'], 'INVALID_QUANTITY', 'An adjustment must change stock: delta cannot be zero.')
    .quantity(Math.abs(input.delta) || 1, ['input', 'delta']);
  if (!input.reason?.trim()) {
    validator.check(false, ['input', 'reason'], 'REASON_REQUIRED', `An adjustment needs a reason: one of ${ADJUSTMENT_REASONS.join(', ')}.`);
  } else {
    validator.check(
      (ADJUSTMENT_REASONS as readonly string[]).includes(input.reason),
      ['input', 'reason'],
      'UNKNOWN_REASON',
      `Unknown reason "${input.reason}": use one of ${ADJUSTMENT_REASONS.join(', ')}.`,
    );
  }
  const item = await lookUpSku({ validator, database }, input.sku, ['input', 'sku']);
  const location = await lookUpLocation({ validator, database }, input.locationCode, ['input', 'locationCode']);
  validator.done();
  return idempotentStockChange(database, 'adjustStock', input, async (tx) => {
    const movement: NewMovement = {
      productId: item!.productId,
      locationId: location!.id,
      type: 'ADJUSTMENT',
      quantity: Math.abs(input.delta),
      deltas: movementDeltas.adjustment(input.delta),
      reason: input.reason!,
      reference: input.reference ?? null,
      actor,
    };
    const what = `${input.locationCode} cannot go below zero on hand or below what is reserved`;
    return resultOf(await recordMovements(tx, [movement], { field: ['input', 'delta'], what }));
  });
}

export async function transferStock(database: Database, input: TransferStockInput, actor: string): Promise<StockResult> {
  const validator = new Validator()
    .quantity(input.quantity, ['input', 'quantity'])
    .check(
      input.fromLocationCode !== input.toLocationCode,
      ['input', 'toLocationCode'],
      'SAME_LOCATION',
      'A transfer must go to a different location than it comes from.',
    );
  const item = await lookUpSku({ validator, database }, input.sku, ['input', 'sku']);
  const from = await lookUpLocation({ validator, database }, input.fromLocationCode, ['input', 'fromLocationCode']);
  const to = await lookUpLocation({ validator, database }, input.toLocationCode, ['input', 'toLocationCode']);
  validator.done();
  return idempotentStockChange(database, 'transferStock', input, async (tx) => {
    const transferId = newId('trf');
    await repo.insertTransfer(tx, {
      id: transferId,
      productId: item!.productId,
      fromLocationId: from!.id,
      toLocationId: to!.id,
      quantity: input.quantity,
    });
    const shared = { productId: item!.productId, quantity: input.quantity, transferId, reference: transferId, actor };
    const recorded = await recordMovements(
      tx,
      [
        { ...shared, locationId: from!.id, type: 'TRANSFER_OUT', deltas: movementDeltas.transferOut(input.quantity) },
        { ...shared, locationId: to!.id, type: 'TRANSFER_IN_TRANSIT', deltas: movementDeltas.transferInTransit(input.quantity) },
      ],
      { field: ['input', 'quantity'], what: `${input.fromLocationCode} has fewer than ${input.quantity} available to transfer` },
    );
    return resultOf(recorded, transferId);
  });
}

export async function receiveTransfer(database: Database, input: ReceiveTransferInput, actor: string): Promise<StockResult> {
  const [transfer] = await repo.transfersByIds(database.db, [input.transferId]);
  if (!transfer) throw UserErrors.of(['input', 'transferId'], 'UNKNOWN_TRANSFER', `No transfer has id "${input.transferId}".`);
  return idempotentStockChange(database, 'receiveTransfer', input, async (tx) => {
    // The conditional update is the guard: of two concurrent receipts only one finds it still in transit.
    const [received] = await repo.markTransferReceived(tx, transfer.id);
    if (!received) {
      throw UserErrors.of(['input', 'transferId'], 'TRANSFER_ALREADY_RECEIVED', `Transfer ${transfer.id} was already received.`);
    }
    const recorded = await recordMovements(
      tx,
      [
        {
          productId: transfer.productId,
          locationId: transfer.toLocationId,
          type: 'TRANSFER_IN',
          quantity: transfer.quantity,
          deltas: movementDeltas.transferIn(transfer.quantity),
          transferId: transfer.id,
          reference: transfer.id,
          actor,
        },
      ],
      { field: ['input', 'transferId'], what: 'transfer receipt' },
    );
    return resultOf(recorded, transfer.id);
  });
}
