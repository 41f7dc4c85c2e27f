import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import { inventorySubgraph } from '@opsgraph/inventory';
import { outboxReaders, record, startTestSubgraph, wsClient } from '@opsgraph/kit/testing';
import { createOrdersSubgraph } from '@opsgraph/orders';
import { buildWorld, gatewayClient, receive } from './support/world';

// orderExceptionChanged over real WebSockets on the orders subgraph, with the inventory it reserves stock in.
const database = await createTestDb();
let inventory: Awaited<ReturnType<typeof startTestSubgraph>>;
let orders: Awaited<ReturnType<typeof startTestSubgraph>>;

beforeAll(async () => {
  await buildWorld(database, [{ sku: 'TEE', priceMinor: 2000 }]);
  inventory = await startTestSubgraph(inventorySubgraph, database);
  orders = await startTestSubgraph(createOrdersSubgraph({ workers: false }), database, { peers: { inventory: inventory.url } });
  await receive(gatewayClient(inventory.url), 'TEE', 'WH-EAST', 10);
});
afterAll(async () => {
  await orders?.stop();
  await inventory?.stop();
  await database.close();
});

const EXCEPTION_CHANGED = `subscription($after: String) { orderExceptionChanged(after: $after) {
  cursor kind occurredAt exception { id cause status assignee order { id status } } } }`;

describe('orderExceptionChanged', () => {
  it('delivers the exception placeOrder raised, then its assignment; a cursor resumes right after its change', async () => {
    const client = wsClient(orders.wsUrl);
    try {
      const changes = record(client, EXCEPTION_CHANGED);
      await outboxReaders('orders', 1);
      const placed = await orders.query(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } userErrors { code } } }`,
        {
          input: {
            idempotencyKey: 'sub-order-1',
            channel: 'WEB',
            customer: { email: 'first.timer@example.com', name: 'First Timer' },
            shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
            lines: [{ sku: 'TEE', quantity: 1 }],
            riskSignals: ['AVS_MISMATCH'],
          },
        },
      );
      expect(placed.placeOrder).toMatchObject({ order: { status: 'RISK_REVIEW' }, userErrors: [] });
      const order = placed.placeOrder.order;

      const [opened] = (await changes.take(1, 1_000)).map((r) => r.data.orderExceptionChanged);
      expect(opened).toMatchObject({
        kind: 'OPENED',
        cursor: expect.any(String),
        occurredAt: expect.any(String),
        exception: { cause: 'RISK_REVIEW', status: 'OPEN', assignee: null, order: { id: order.id, status: 'RISK_REVIEW' } },
      });

      const assigned = await orders.query(
        `mutation($input: AssignExceptionInput!) { assignException(input: $input) { userErrors { code } } }`,
        { input: { exceptionId: opened.exception.id, assignee: 'ana' } },
      );
      expect(assigned.assignException.userErrors).toEqual([]);
      const [, second] = (await changes.take(2)).map((r) => r.data.orderExceptionChanged);
      expect(second).toMatchObject({ kind: 'ASSIGNED', exception: { id: opened.exception.id, status: 'IN_PROGRESS', assignee: 'ana' } });

      const resumed = record(client, EXCEPTION_CHANGED, { after: opened.cursor });
      const [again] = (await resumed.take(1)).map((r) => r.data.orderExceptionChanged);
      expect(again).toEqual(second);
    } finally {
      await client.dispose();
    }
  });
});
