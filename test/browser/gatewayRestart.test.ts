import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '@opsgraph/kit/testing';
import { startControlTower, viewports, type ControlTower } from './harness';

// The gateway process stops and comes back while the inventory board is open: the connection indicator says
// so, and the figures catch up with a change committed while it was down (the board's subscription resumes
// from its last cursor, and its queries are read again).
let tower: ControlTower;

beforeAll(async () => {
  tower = await startControlTower({ ownGateway: true });
}, 420_000);

afterAll(async () => {
  await tower?.stop();
}, 60_000);

async function query<T = any>(url: string, text: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await postGraphQL(url, text, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

describe('the control tower when the gateway restarts', () => {
  it('goes to reconnecting when the gateway stops, back to live when it returns, and the figures catch up', async () => {
    const data = await query(tower.gatewayUrl, `{ products(first: 1) { nodes { sku inventory { levels { location { code } onHand } } } } }`);
    const product = data.products.nodes[0];
    const level = product.inventory.levels[0];
    const { page, problems } = await tower.open(viewports.desktop);
    const cell = page.locator(`tbody[data-sku="${product.sku}"] tr[data-location="${level.location.code}"] td[data-state="onHand"]`);
    const indicator = page.getByRole('status', { name: /^Live updates:/ });
    await page.goto('/inventory', { waitUntil: 'networkidle' });
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe(level.onHand.toLocaleString('en-US'));
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
    expect(problems, problems.join('\n')).toEqual([]);

    await tower.gateway!.stop();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/^(reconnecting|offline)$/);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Connection lost' }).count(), { timeout: 15_000 }).toBe(1);
    // Committed while the gateway is down, straight through inventory: nothing can tell the page yet.
    const received = await query(
      tower.subgraphUrls.inventory!,
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { levels { onHand } userErrors { code } } }`,
      { input: { idempotencyKey: `gateway-down-${Date.now()}`, sku: product.sku, locationCode: level.location.code, quantity: 7, reference: 'PO-GATEWAY-DOWN' } },
    );
    expect(received.receiveStock.userErrors).toEqual([]);
    const onHand: number = received.receiveStock.levels[0].onHand;
    expect(await cell.textContent()).toBe(level.onHand.toLocaleString('en-US'));
    await tower.screenshot(page, 'inventory-gateway-down');

    await tower.gateway!.start();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 60_000 }).toBe('live');
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe(onHand.toLocaleString('en-US'));
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Connection lost' }).count(), { timeout: 15_000 }).toBe(0);

    // Live again: a change through the gateway arrives as usual.
    problems.length = 0;
    const again = await query(
      tower.gatewayUrl,
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { levels { onHand } userErrors { code } } }`,
      { input: { idempotencyKey: `gateway-back-${Date.now()}`, sku: product.sku, locationCode: level.location.code, quantity: 3, reference: 'PO-GATEWAY-BACK' } },
    );
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe(again.receiveStock.levels[0].onHand.toLocaleString('en-US'));
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 180_000);
});
