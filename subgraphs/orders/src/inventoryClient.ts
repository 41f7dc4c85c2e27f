import http from 'node:http';
import https from 'node:https';
import { SERVICE_HEADER, type UserError } from '@opsgraph/kit';

/**
 * Orders' one way into inventory: its service mutations (not part of the public API), over HTTP with orders'
 * service identity. Every call answers a typed result, never throws: the callers decide what a failure means
 * (a userError now, a PENDING request for the reconciler, a retry on the next arrival).
 */

export type ReservationStatus = 'ACTIVE' | 'RELEASED' | 'SHIPPED';

export type StockReservation = {
  id: string;
  orderId: string;
  orderLineId: string;
  productId: string;
  locationId: string;
  quantity: number;
  status: ReservationStatus;
};

export type StockShortage = { orderLineId: string; productId: string; requested: number; reservable: number };

export type ReserveOrderStockInput = {
  idempotencyKey: string;
  orderId: string;
  channel: string;
  lines: { orderLineId: string; productId: string; quantity: number }[];
  actor?: string | null;
};

export type SettleOrderStockInput = { orderId: string; reference?: string | null; actor?: string | null };

/** Why a call gave nothing to act on. */
export type StockCallFailure =
  /** Network error, timeout, HTTP or GraphQL error: the outcome is unknown, retry with the same key. */
  | { kind: 'UNAVAILABLE'; message: string }
  /** Inventory answered and refused (its userErrors): nothing happened there. */
  | { kind: 'REFUSED'; userErrors: UserError[] };

export type StockCallResult<T> = { ok: true; value: T } | { ok: false; failure: StockCallFailure };

/** All or nothing: either every line is reserved, or `shortages` says which lines could not be and nothing is. */
export type ReserveOutcome = { reservations: StockReservation[]; shortages: StockShortage[] };
export type SettleOutcome = { reservations: StockReservation[] };

export type InventoryClient = {
  reserveOrderStock(input: ReserveOrderStockInput): Promise<StockCallResult<ReserveOutcome>>;
  releaseOrderStock(input: SettleOrderStockInput): Promise<StockCallResult<SettleOutcome>>;
  shipOrderStock(input: SettleOrderStockInput): Promise<StockCallResult<SettleOutcome>>;
  /** Location codes people know (WH-EAST) for ids; an id inventory cannot name right now maps to itself. */
  locationCodes(ids: readonly string[]): Promise<Map<string, string>>;
};

const reservationFields = 'id orderId orderLineId productId locationId quantity status';

const RESERVE = `mutation ReserveOrderStock($input: ReserveOrderStockInput!) {
  reserveOrderStock(input: $input) {
    reservations { ${reservationFields} }
    shortages { orderLineId productId requested reservable }
    userErrors { field code message }
  }
}`;

const settle = (field: 'releaseOrderStock' | 'shipOrderStock') => `mutation ($input: SettleOrderStockInput!) {
  ${field}(input: $input) { reservations { ${reservationFields} } userErrors { field code message } }
}`;

const LOCATIONS = `{ locations { id code } }`;

type GraphQLAnswer = { data?: Record<string, unknown> | null; errors?: { message: string }[] };

export function createInventoryClient(url: string, options: { timeoutMs?: number } = {}): InventoryClient {
  const timeoutMs = options.timeoutMs ?? 10_000;

  // node:http on a keep-alive agent rather than fetch: undici's fetch cost ~1 ms of CPU per call in profiles.
  const transport = new URL(url).protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });

  /** POSTs the body; the status and the body, or an error (unreachable, timed out after `timeoutMs` in all). */
  function send(body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [SERVICE_HEADER]: 'orders' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
          response.on('close', () => response.complete || reject(new Error('the connection closed mid-answer')));
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      request.on('close', () => clearTimeout(timer));
      request.on('error', reject);
      request.end(body);
    });
  }

  async function post(query: string, variables?: Record<string, unknown>): Promise<StockCallResult<Record<string, unknown>>> {
    let answer: GraphQLAnswer;
    try {
      const response = await send(JSON.stringify({ query, variables }));
      if ((response.status < 200 || response.status > 299) && response.status !== 400) {
        return { ok: false, failure: { kind: 'UNAVAILABLE', message: `inventory answered HTTP ${response.status}` } };
      }
      answer = JSON.parse(response.text) as GraphQLAnswer;
    } catch (error) {
      return { ok: false, failure: { kind: 'UNAVAILABLE', message: `inventory unreachable: ${(error as Error).message}` } };
    }
    if (answer.errors?.length || !answer.data) {
      const message = answer.errors?.map((e) => e.message).join('; ') ?? 'no data';
      return { ok: false, failure: { kind: 'UNAVAILABLE', message: `inventory failed: ${message}` } };
    }
    return { ok: true, value: answer.data };
  }

  async function mutate<T extends { userErrors: UserError[] }>(
    query: string,
    field: string,
    input: unknown,
  ): Promise<StockCallResult<Omit<T, 'userErrors'>>> {
    const result = await post(query, { input });
    if (!result.ok) return result;
    const { userErrors, ...payload } = result.value[field] as T;
    if (userErrors.length > 0) return { ok: false, failure: { kind: 'REFUSED', userErrors } };
    return { ok: true, value: payload };
  }

  // Locations rarely change: ask once, and again only for an id not seen before (at most every 10 s). Callers
  // arriving while the question is out wait for its answer.
  let codes = new Map<string, string>();
  let askedAt = 0;
  let asking: Promise<void> | null = null;
  const ask = async () => {
    const result = await post(LOCATIONS);
    if (result.ok) codes = new Map((result.value.locations as { id: string; code: string }[]).map((l) => [l.id, l.code]));
  };

  return {
    reserveOrderStock: (input) => mutate<ReserveOutcome & { userErrors: UserError[] }>(RESERVE, 'reserveOrderStock', input),
    releaseOrderStock: (input) =>
      mutate<SettleOutcome & { userErrors: UserError[] }>(settle('releaseOrderStock'), 'releaseOrderStock', input),
    shipOrderStock: (input) => mutate<SettleOutcome & { userErrors: UserError[] }>(settle('shipOrderStock'), 'shipOrderStock', input),

    async locationCodes(ids) {
      if (ids.some((id) => !codes.has(id))) {
        if (!asking && Date.now() - askedAt > 10_000) {
          askedAt = Date.now();
          asking = ask().finally(() => {
            asking = null;
          });
        }
        if (asking) await asking;
      }
      return new Map(ids.map((id) => [id, codes.get(id) ?? id]));
    },
  };
}
