import type { orderHeaders, orderLines, ShipTo } from '@opsgraph/db';
import { requestHash, type UserError } from '@opsgraph/kit';
import type { IdSource } from './workflow';

/**
 * Order capture as plain functions: validating and pricing what a channel sends, and building the rows of the
 * new order. No database, no GraphQL: placeOrder calls them with what it read, the demo seed with its own
 * catalog, and both get the same answer.
 */

/** What a channel sends (PlaceOrderInput); everything but the lines may be missing and is checked here. */
export type PlaceOrderRequest = {
  idempotencyKey: string;
  channel: string;
  customer?: { email?: string | null; name?: string | null } | null;
  shipTo?: { line1?: string | null; city?: string | null; postalCode?: string | null; country?: string | null } | null;
  lines: readonly { sku: string; quantity: number }[];
  riskSignals?: readonly string[] | null;
};

/** The catalog as capture needs it: the channel, and each requested SKU with its list and channel price. */
export type CatalogView = {
  channel: { code: string; currency: string } | null;
  products: ReadonlyMap<string, { productId: string; sku: string; currency: string; priceMinor: number; channelPriceMinor: number | null }>;
};

export type PricedLine = { lineNo: number; productId: string; sku: string; quantity: number; unitPriceMinor: number };

/** A valid request, normalized and priced at the channel's price. */
export type PricedOrder = {
  channelCode: string;
  currency: string;
  customer: { email: string; name: string };
  shipTo: ShipTo;
  riskSignals: string[];
  lines: PricedLine[];
  totalMinor: number;
};

/** The most units of one SKU an order line may ask for: more is a typo or an abuse, not an order. */
export const MAX_LINE_QUANTITY = 10_000;
export const MAX_LINES = 100;
export const MAX_RISK_SIGNALS = 20;
const MAX_TEXT = 200;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const riskSignalPattern = /^[A-Z][A-Z0-9_]{0,63}$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** An ISO 3166-1 alpha-2 code the runtime's region data knows (US, DE), not just two letters (XX). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

const text = (value: string | null | undefined) => (value ?? '').trim();

/** Trimmed and normalized the way orders stores it, so equal requests hash equal. */
export function normalizeRequest(input: PlaceOrderRequest) {
  return {
    channel: text(input.channel),
    customer: { email: text(input.customer?.email).toLowerCase(), name: text(input.customer?.name) },
    shipTo: {
      line1: text(input.shipTo?.line1),
      city: text(input.shipTo?.city),
      postalCode: text(input.shipTo?.postalCode),
      country: text(input.shipTo?.country).toUpperCase(),
    },
    lines: input.lines.map((l) => ({ sku: text(l.sku), quantity: l.quantity })),
    riskSignals: [...new Set((input.riskSignals ?? []).map((s) => text(s)))].sort(),
  };
}

/** What decides whether a retry is "the same request": the normalized input, never today's prices. */
export function placeOrderHash(input: PlaceOrderRequest): string {
  return requestHash('placeOrder', normalizeRequest(input));
}

/**
 * Checks everything a channel can get wrong and prices each line at the channel's price (its list price when
 * the channel has none). Every problem is reported at once, each with the input field at fault.
 */
export function priceOrder(input: PlaceOrderRequest, catalog: CatalogView): { order: PricedOrder } | { userErrors: UserError[] } {
  const request = normalizeRequest(input);
  // Collected as data rather than thrown (kit's Validator throws): the seed branches on the answer.
  const errors: UserError[] = [];
  const v = {
    check(ok: boolean, field: string[], code: string, message: string) {
      if (!ok) errors.push({ field, code, message });
    },
  };
  const key = input.idempotencyKey;
  v.check(key.trim().length > 0 && key.length <= MAX_TEXT, ['input', 'idempotencyKey'], 'INVALID_IDEMPOTENCY_KEY', 'Idempotency key must be 1 to 200 characters.');
  const channel = catalog.channel;
  v.check(channel !== null, ['input', 'channel'], 'UNKNOWN_CHANNEL', `No channel has code "${request.channel}".`);

  const required = (value: string, field: string[], what: string) => {
    v.check(value.length > 0, field, 'REQUIRED', `${what} is required.`);
    v.check(value.length <= MAX_TEXT, field, 'TOO_LONG', `${what} must be at most ${MAX_TEXT} characters.`);
    return value.length > 0;
  };
  if (required(request.customer.email, ['input', 'customer', 'email'], 'Customer email')) {
    v.check(emailPattern.test(request.customer.email), ['input', 'customer', 'email'], 'INVALID_EMAIL', `"${request.customer.email}" is not an email address.`);
  }
  required(request.customer.name, ['input', 'customer', 'name'], 'Customer name');
  required(request.shipTo.line1, ['input', 'shipTo', 'line1'], 'Address line 1');
  required(request.shipTo.city, ['input', 'shipTo', 'city'], 'City');
  required(request.shipTo.postalCode, ['input', 'shipTo', 'postalCode'], 'Postal code');
  if (required(request.shipTo.country, ['input', 'shipTo', 'country'], 'Country')) {
    v.check(
      isCountryCode(request.shipTo.country),
      ['input', 'shipTo', 'country'],
      'INVALID_COUNTRY',
      `"${request.shipTo.country}" is not an ISO 3166-1 alpha-2 country code (e.g. US).`,
    );
  }

  v.check(request.riskSignals.length <= MAX_RISK_SIGNALS, ['input', 'riskSignals'], 'TOO_MANY_RISK_SIGNALS', `At most ${MAX_RISK_SIGNALS} risk signals.`);
  for (const [i, signal] of (input.riskSignals ?? []).entries()) {
    v.check(
      riskSignalPattern.test(text(signal)),
      ['input', 'riskSignals', String(i)],
      'INVALID_RISK_SIGNAL',
      `Risk signal "${signal}" must be an upper-case code such as AVS_MISMATCH.`,
    );
  }

  v.check(request.lines.length > 0, ['input', 'lines'], 'NO_LINES', 'An order needs at least one line.');
  v.check(request.lines.length <= MAX_LINES, ['input', 'lines'], 'TOO_MANY_LINES', `An order may have at most ${MAX_LINES} lines.`);
  const seen = new Set<string>();
  const lines: PricedLine[] = [];
  for (const [i, line] of request.lines.entries()) {
    const at = (field: string) => ['input', 'lines', String(i), field];
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
      v.check(false, at('quantity'), 'INVALID_QUANTITY', 'Quantity must be a whole number greater than zero.');
    } else {
      v.check(line.quantity <= MAX_LINE_QUANTITY, at('quantity'), 'QUANTITY_TOO_LARGE', `Quantity must be at most ${MAX_LINE_QUANTITY}.`);
    }
    if (!line.sku) {
      v.check(false, at('sku'), 'REQUIRED', 'SKU is required.');
      continue;
    }
    if (seen.has(line.sku)) {
      v.check(false, at('sku'), 'DUPLICATE_SKU', `SKU ${line.sku} is on more than one line: give it once with the total quantity.`);
      continue;
    }
    seen.add(line.sku);
    const product = catalog.products.get(line.sku);
    if (!product) {
      v.check(false, at('sku'), 'UNKNOWN_SKU', `No product has SKU "${line.sku}".`);
      continue;
    }
    if (!channel) continue;
    const unitPriceMinor = product.channelPriceMinor ?? (product.currency === channel.currency ? product.priceMinor : null);
    if (unitPriceMinor === null) {
      v.check(false, at('sku'), 'NO_PRICE', `${line.sku} has no price in ${channel.currency} on channel ${channel.code}.`);
      continue;
    }
    lines.push({ lineNo: i + 1, productId: product.productId, sku: product.sku, quantity: line.quantity, unitPriceMinor });
  }
  if (errors.length > 0 || !channel) return { userErrors: errors };
  return {
    order: {
      channelCode: channel.code,
      currency: channel.currency,
      customer: request.customer,
      shipTo: request.shipTo,
      riskSignals: request.riskSignals,
      lines,
      totalMinor: lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0),
    },
  };
}

export type NewOrderRow = Omit<typeof orderHeaders.$inferInsert, 'number' | 'status' | 'createdAt'> & { createdAt: Date };
export type NewOrderLineRow = typeof orderLines.$inferInsert;

/** The rows of a new order: ids from `ids`, captured at `at`. Its number and status are given when it is recorded. */
export function buildOrder(
  priced: PricedOrder,
  context: { idempotencyKey: string; ids: IdSource; at: Date },
): { order: NewOrderRow; lines: NewOrderLineRow[] } {
  const orderId = context.ids('ord');
  return {
    order: {
      id: orderId,
      channelCode: priced.channelCode,
      customerEmail: priced.customer.email,
      customerName: priced.customer.name,
      shipTo: priced.shipTo,
      currency: priced.currency,
      totalMinor: priced.totalMinor,
      riskSignals: priced.riskSignals,
      // Keys are the caller's, so they are unique per channel.
      idempotencyKey: `${priced.channelCode}:${context.idempotencyKey}`,
      createdAt: context.at,
    },
    lines: priced.lines.map((line) => ({ id: context.ids('oln'), orderId, ...line })),
  };
}

/** "Allocated from WH-EAST", or which nodes share the order and whether a line was split. */
export function allocationReason(allocations: readonly { orderLineId: string; location: string }[]): string {
  const nodes = [...new Set(allocations.map((a) => a.location))];
  const lines = new Set(allocations.map((a) => a.orderLineId));
  if (nodes.length <= 1) return `Allocated from ${nodes[0] ?? 'no node'}`;
  return allocations.length > lines.size ? `Split across ${nodes.join(', ')}` : `Allocated from ${nodes.join(', ')}`;
}
