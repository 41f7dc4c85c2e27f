import { describe, expect, it } from 'vitest';
import {
  allocationReason,
  buildOrder,
  isCountryCode,
  MAX_LINE_QUANTITY,
  placeOrderHash,
  priceOrder,
  type CatalogView,
  type PlaceOrderRequest,
} from '../src/capture';

const catalog: CatalogView = {
  channel: { code: 'WEB', currency: 'USD' },
  products: new Map([
    ['TEE-1', { productId: 'prd_tee', sku: 'TEE-1', currency: 'USD', priceMinor: 2000, channelPriceMinor: 1850 }],
    ['MUG-1', { productId: 'prd_mug', sku: 'MUG-1', currency: 'USD', priceMinor: 1250, channelPriceMinor: null }],
    ['EUR-1', { productId: 'prd_eur', sku: 'EUR-1', currency: 'EUR', priceMinor: 900, channelPriceMinor: null }],
  ]),
};

const request = (patch: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
  idempotencyKey: 'web-1',
  channel: 'WEB',
  customer: { email: 'Ana@Example.com ', name: 'Ana Lima' },
  shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'us' },
  lines: [
    { sku: 'TEE-1', quantity: 2 },
    { sku: 'MUG-1', quantity: 3 },
  ],
  ...patch,
});

function errorsOf(input: PlaceOrderRequest, view = catalog) {
  const result = priceOrder(input, view);
  if (!('userErrors' in result)) throw new Error('expected userErrors');
  return result.userErrors.map((e) => `${e.field?.join('.')} ${e.code}`);
}

describe('priceOrder', () => {
  it("prices each line at the channel's price, else the list price, and totals exactly", () => {
    const result = priceOrder(request(), catalog);
    expect(result).toEqual({
      order: {
        channelCode: 'WEB',
        currency: 'USD',
        customer: { email: 'ana@example.com', name: 'Ana Lima' },
        shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
        riskSignals: [],
        lines: [
          { lineNo: 1, productId: 'prd_tee', sku: 'TEE-1', quantity: 2, unitPriceMinor: 1850 },
          { lineNo: 2, productId: 'prd_mug', sku: 'MUG-1', quantity: 3, unitPriceMinor: 1250 },
        ],
        totalMinor: 2 * 1850 + 3 * 1250,
      },
    });
  });

  it('keeps risk signals sorted and once each', () => {
    const result = priceOrder(request({ riskSignals: ['NEW_DEVICE', 'AVS_MISMATCH', 'NEW_DEVICE'] }), catalog);
    expect('order' in result && result.order.riskSignals).toEqual(['AVS_MISMATCH', 'NEW_DEVICE']);
  });

  it.each([
    ['an unknown channel', request(), { ...catalog, channel: null }, ['input.channel UNKNOWN_CHANNEL']],
    ['an unknown SKU', request({ lines: [{ sku: 'NOPE', quantity: 1 }] }), catalog, ['input.lines.0.sku UNKNOWN_SKU']],
    ['a zero quantity', request({ lines: [{ sku: 'TEE-1', quantity: 0 }] }), catalog, ['input.lines.0.quantity INVALID_QUANTITY']],
    ['a negative quantity', request({ lines: [{ sku: 'TEE-1', quantity: -3 }] }), catalog, ['input.lines.0.quantity INVALID_QUANTITY']],
    ['a fractional quantity', request({ lines: [{ sku: 'TEE-1', quantity: 1.5 }] }), catalog, ['input.lines.0.quantity INVALID_QUANTITY']],
    ['an absurd quantity', request({ lines: [{ sku: 'TEE-1', quantity: MAX_LINE_QUANTITY + 1 }] }), catalog, ['input.lines.0.quantity QUANTITY_TOO_LARGE']],
    ['no lines', request({ lines: [] }), catalog, ['input.lines NO_LINES']],
    [
      'a SKU twice',
      request({ lines: [{ sku: 'TEE-1', quantity: 1 }, { sku: 'TEE-1', quantity: 2 }] }),
      catalog,
      ['input.lines.1.sku DUPLICATE_SKU'],
    ],
    ['no customer email', request({ customer: { name: 'Ana' } }), catalog, ['input.customer.email REQUIRED']],
    ['a malformed email', request({ customer: { email: 'ana-at-example', name: 'Ana' } }), catalog, ['input.customer.email INVALID_EMAIL']],
    ['a blank customer name', request({ customer: { email: 'a@b.co', name: '  ' } }), catalog, ['input.customer.name REQUIRED']],
    [
      'a missing city',
      request({ shipTo: { line1: '1 Main St', postalCode: '01101', country: 'US' } }),
      catalog,
      ['input.shipTo.city REQUIRED'],
    ],
    ['a country that is not a code', request({ shipTo: { line1: 'x', city: 'y', postalCode: 'z', country: 'USA' } }), catalog, ['input.shipTo.country INVALID_COUNTRY']],
    ['a country code nobody has', request({ shipTo: { line1: 'x', city: 'y', postalCode: 'z', country: 'XX' } }), catalog, ['input.shipTo.country INVALID_COUNTRY']],
    ['a lower-case risk signal', request({ riskSignals: ['avs mismatch'] }), catalog, ['input.riskSignals.0 INVALID_RISK_SIGNAL']],
    ['a product with no price in the channel currency', request({ lines: [{ sku: 'EUR-1', quantity: 1 }] }), catalog, ['input.lines.0.sku NO_PRICE']],
    ['a blank idempotency key', request({ idempotencyKey: ' ' }), catalog, ['input.idempotencyKey INVALID_IDEMPOTENCY_KEY']],
  ])('refuses %s, naming the field', (_, input, view, expected) => {
    expect(errorsOf(input, view)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    const input = request({
      customer: { email: '', name: '' },
      shipTo: {},
      lines: [
        { sku: 'NOPE', quantity: 0 },
        { sku: 'TEE-1', quantity: 1 },
        { sku: 'TEE-1', quantity: 1 },
      ],
    });
    expect(errorsOf(input)).toEqual([
      'input.customer.email REQUIRED',
      'input.customer.name REQUIRED',
      'input.shipTo.line1 REQUIRED',
      'input.shipTo.city REQUIRED',
      'input.shipTo.postalCode REQUIRED',
      'input.shipTo.country REQUIRED',
      'input.lines.0.quantity INVALID_QUANTITY',
      'input.lines.0.sku UNKNOWN_SKU',
      'input.lines.2.sku DUPLICATE_SKU',
    ]);
  });
});

describe('placeOrderHash', () => {
  it('is the same for the same request however it is spelled, and differs when what is ordered differs', () => {
    const base = placeOrderHash(request());
    expect(placeOrderHash(request({ customer: { email: 'ana@example.com', name: ' Ana Lima' } }))).toBe(base);
    expect(placeOrderHash(request({ idempotencyKey: 'another-key' }))).toBe(base);
    expect(placeOrderHash(request({ lines: [{ sku: 'TEE-1', quantity: 3 }] }))).not.toBe(base);
    expect(placeOrderHash(request({ riskSignals: ['AVS_MISMATCH'] }))).not.toBe(base);
  });
});

describe('buildOrder', () => {
  it('takes ids from the id source and the capture time from the caller', () => {
    let n = 0;
    const ids = (prefix: string) => `${prefix}_${++n}`;
    const at = new Date('2026-03-01T10:00:00Z');
    const priced = priceOrder(request(), catalog);
    if (!('order' in priced)) throw new Error('valid request refused');
    const built = buildOrder(priced.order, { idempotencyKey: 'web-1', ids, at });
    expect(built.order).toMatchObject({ id: 'ord_1', idempotencyKey: 'WEB:web-1', createdAt: at, totalMinor: 7450, currency: 'USD' });
    expect(built.lines.map((l) => [l.id, l.orderId, l.lineNo, l.sku])).toEqual([
      ['oln_2', 'ord_1', 1, 'TEE-1'],
      ['oln_3', 'ord_1', 2, 'MUG-1'],
    ]);
  });
});

describe('helpers', () => {
  it('knows country codes', () => {
    expect(['US', 'CA', 'DE', 'JP'].every(isCountryCode)).toBe(true);
    expect(['XX', 'ZZ', 'us', 'USA', ''].some(isCountryCode)).toBe(false);
  });

  it('says where an order was allocated, and when a line was split', () => {
    expect(allocationReason([{ orderLineId: 'a', location: 'WH-EAST' }])).toBe('Allocated from WH-EAST');
    expect(allocationReason([{ orderLineId: 'a', location: 'WH-EAST' }, { orderLineId: 'b', location: 'WH-WEST' }])).toBe(
      'Allocated from WH-EAST, WH-WEST',
    );
    expect(allocationReason([{ orderLineId: 'a', location: 'WH-EAST' }, { orderLineId: 'a', location: 'WH-WEST' }])).toBe(
      'Split across WH-EAST, WH-WEST',
    );
  });
});
