import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { postGraphQL } from '@opsgraph/kit/testing';
import { cuttableLiveSocket, startControlTower, viewports, type ControlTower, type Problems } from './harness';

// The inventory board (/inventory) and the product page (/inventory/<sku>) in Chromium against `npm start`:
// figures as the API gives them, changed in place by stock receipts made through the API, search and filters.
let tower: ControlTower;

beforeAll(async () => {
  tower = await startControlTower();
}, 420_000);

afterAll(async () => {
  await tower?.stop();
}, 60_000);

/** expect.poll with room for a loaded machine: data arrives after hydration, live changes after a commit. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

const STATES = ['onHand', 'reserved', 'available', 'inTransit', 'qualityHold', 'damaged', 'returnPending'] as const;
type Figures = Record<(typeof STATES)[number], number>;
type ApiProduct = { sku: string; name: string; inventory: { levels: ({ location: { code: string } } & Figures)[] } };

const LEVELS = `levels { location { code } ${STATES.join(' ')} }`;

async function api<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await postGraphQL(tower.gatewayUrl, query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

async function apiProducts(first: number, search?: string): Promise<ApiProduct[]> {
  const data = await api(`query($first: Int!, $search: String) { products(first: $first, search: $search) { nodes { sku name inventory { ${LEVELS} } } } }`, {
    first,
    search,
  });
  return data.products.nodes;
}

let receipts = 0;
async function receive(sku: string, locationCode: string, quantity: number): Promise<void> {
  receipts += 1;
  const data = await api(
    `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { levels { onHand } userErrors { code message } } }`,
    { input: { idempotencyKey: `browser-inventory-${Date.now()}-${receipts}`, sku, locationCode, quantity, reference: `PO-BROWSER-${receipts}` } },
  );
  expect(data.receiveStock.userErrors).toEqual([]);
}

/** What a person reads in the product's rows on the board (or the product page's levels table): location → figures. */
async function shownFigures(page: Page, rows: string): Promise<Record<string, Record<string, string>>> {
  return page.locator(rows).evaluateAll((trs) =>
    Object.fromEntries(
      trs.map((tr) => [
        tr.getAttribute('data-location'),
        Object.fromEntries([...tr.querySelectorAll('td[data-state]')].map((td) => [td.getAttribute('data-state'), td.textContent])),
      ]),
    ),
  );
}

function formatted(levels: ApiProduct['inventory']['levels']): Record<string, Record<string, string>> {
  return Object.fromEntries(
    levels.map((level) => [level.location.code, Object.fromEntries(STATES.map((state) => [state, level[state].toLocaleString('en-US')]))]),
  );
}

/** Waits for the board's first rows (the page loads them from the browser after hydration). */
async function boardShown(page: Page, problems: Problems): Promise<void> {
  await page
    .locator('tbody[data-sku]')
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(async (error: Error) => {
      const shot = await tower.screenshot(page, 'inventory-board-failed');
      throw new Error(`${error.message}\nproblems: ${problems.join('\n')}\nscreenshot: ${shot}`);
    });
}

async function openBoard(path = '/inventory'): Promise<{ page: Page; problems: Problems }> {
  const opened = await tower.open(viewports.desktop);
  await opened.page.goto(path, { waitUntil: 'networkidle' });
  await boardShown(opened.page, opened.problems);
  return opened;
}

async function expectLive(page: Page) {
  const indicator = page.getByRole('status', { name: /^Live updates:/ });
  await eventually(() => indicator.getAttribute('data-state')).toBe('live');
  expect(await indicator.textContent()).toBe('Live');
}

describe('inventory board in Chromium', () => {
  it('lists the first page of products with every state at every location, as the API gives them, and is live', async () => {
    const { page, problems } = await openBoard();
    const products = await apiProducts(25);
    await eventually(() => page.locator('tbody[data-sku]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-sku')))).toEqual(
      products.map((product) => product.sku),
    );
    for (const product of products) {
      const group = `tbody[data-sku="${product.sku}"]`;
      expect(await page.locator(`${group} a`).first().textContent()).toBe(product.name);
      expect(await shownFigures(page, `${group} tr[data-location]`), product.sku).toEqual(formatted(product.inventory.levels));
    }
    // A semantic table: caption, column headers for every state, the product names link to their pages.
    const table = page.getByRole('table', { name: /Stock by product and location/ });
    for (const header of ['Product', 'Location', 'On hand', 'Reserved', 'Available', 'In transit', 'Quality hold', 'Damaged', 'Return pending']) {
      expect(await table.getByRole('columnheader', { name: header, exact: true }).count(), header).toBe(1);
    }
    expect(await page.getByRole('link', { name: products[0]!.name }).getAttribute('href')).toBe(`/inventory/${products[0]!.sku}`);
    await expectLive(page);

    await tower.screenshot(page, 'inventory-board');
    await page.setViewportSize(viewports.laptop);
    await tower.screenshot(page, 'inventory-board');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('changes a row in place when stock is received through the API, then the product page too, without a reload', async () => {
    const { page, problems } = await openBoard();
    await page.evaluate(() => ((globalThis as unknown as { loadedOnce: boolean }).loadedOnce = true));
    const [product] = await apiProducts(1);
    const level = product!.inventory.levels[0]!;
    const row = page.locator(`tbody[data-sku="${product!.sku}"] tr[data-location="${level.location.code}"]`);
    const cell = (state: string) => row.locator(`td[data-state="${state}"]`).textContent();
    expect(await cell('onHand')).toBe(level.onHand.toLocaleString('en-US'));

    await receive(product!.sku, level.location.code, 1200);
    await eventually(() => cell('onHand')).toBe((level.onHand + 1200).toLocaleString('en-US'));
    expect(await cell('available')).toBe((level.available + 1200).toLocaleString('en-US'));
    // Highlighted for a moment, and said in words.
    expect(await row.getAttribute('data-flash')).toMatch(/^[ab]$/);
    expect(await page.getByTestId('last-change').textContent()).toContain(`Receipt at ${level.location.code}: ${product!.sku}`);
    await tower.screenshot(page, 'inventory-board-live');
    await expect.poll(() => row.getAttribute('data-flash'), { timeout: 6_000 }).toBeNull();

    // The product page, reached from the board by keyboard (client-side navigation: still no reload).
    await page.getByRole('link', { name: product!.name }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/inventory/${product!.sku}`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(product!.name);
    const levelRow = page.locator(`[data-testid="product-levels"] tbody tr[data-location="${level.location.code}"]`);
    await eventually(() => levelRow.locator('td[data-state="onHand"]').textContent()).toBe((level.onHand + 1200).toLocaleString('en-US'));
    const atp = page.locator('[data-channel="WEB"] [data-testid="atp"]');
    await eventually(() => atp.textContent()).toMatch(/^[\d,]+$/);
    const atpBefore = Number((await atp.textContent())!.replace(/,/g, ''));
    await eventually(() => page.locator('[data-testid="movements"] tbody tr').count()).toBeGreaterThan(0);
    await expectLive(page);

    await receive(product!.sku, level.location.code, 5);
    await eventually(() => levelRow.locator('td[data-state="onHand"]').textContent()).toBe((level.onHand + 1205).toLocaleString('en-US'));
    expect(await page.locator('[data-testid="product-levels"] tfoot td[data-state="onHand"]').textContent()).toBe(
      (product!.inventory.levels.reduce((sum, l) => sum + l.onHand, 0) + 1205).toLocaleString('en-US'),
    );
    // The receipt tops the movement history; WEB ships from every location, so it may promise 5 more.
    const newest = page.locator('[data-testid="movements"] tbody tr').first();
    await eventually(() => newest.textContent()).toContain(`PO-BROWSER-${receipts}`);
    expect(await newest.textContent()).toContain('Receipt');
    await eventually(() => atp.textContent()).toBe((atpBefore + 5).toLocaleString('en-US'));

    expect(await page.evaluate(() => (globalThis as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await tower.screenshot(page, 'inventory-product');
    await page.setViewportSize(viewports.laptop);
    await tower.screenshot(page, 'inventory-product');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('never leaves stale figures after a dropped connection: says so while it is down, then catches up', async () => {
    const { page, problems } = await tower.open(viewports.desktop);
    const network = await cuttableLiveSocket(page);
    await page.goto('/inventory', { waitUntil: 'networkidle' });
    await boardShown(page, problems);
    const [product] = await apiProducts(1);
    const level = product!.inventory.levels.at(-1)!;
    const cell = () => page.locator(`tbody[data-sku="${product!.sku}"] tr[data-location="${level.location.code}"] td[data-state="onHand"]`).textContent();
    await eventually(cell).toBe(level.onHand.toLocaleString('en-US'));
    await expectLive(page);

    await network.drop();
    const indicator = page.getByRole('status', { name: /^Live updates:/ });
    await eventually(() => indicator.getAttribute('data-state')).toMatch(/^(reconnecting|offline)$/);
    await eventually(() => page.getByRole('alert').filter({ hasText: 'Connection lost' }).count()).toBe(1);
    expect(await page.getByTestId('inventory-board').getAttribute('data-stale')).toBe('true');
    await receive(product!.sku, level.location.code, 300);
    expect(await cell()).toBe(level.onHand.toLocaleString('en-US')); // nothing can tell the page yet
    await tower.screenshot(page, 'inventory-board-reconnecting');

    network.restore();
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 45_000 }).toBe('live');
    await eventually(cell).toBe((level.onHand + 300).toLocaleString('en-US'));
    expect(await page.getByRole('alert').filter({ hasText: 'Connection lost' }).count()).toBe(0);
    expect(await page.getByTestId('inventory-board').getAttribute('data-stale')).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('narrows the list by search and by location, and keeps them in the address', async () => {
    const { page, problems } = await openBoard();
    const groups = () => page.locator('tbody[data-sku]').evaluateAll((all) => all.map((g) => g.getAttribute('data-sku')));
    const matches = await apiProducts(25, 'beanie');
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.length).toBeLessThan(25);

    await page.getByRole('searchbox', { name: 'Search' }).fill('beanie');
    await eventually(groups).toEqual(matches.map((product) => product.sku));
    expect(new URL(page.url()).searchParams.get('q')).toBe('beanie');

    await page.getByRole('combobox', { name: 'Location' }).selectOption('WH-EAST');
    await eventually(() => page.locator('tbody[data-sku] tr[data-location]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-location')))])).toEqual([
      'WH-EAST',
    ]);
    expect(await groups()).toEqual(matches.map((product) => product.sku));
    expect(new URL(page.url()).searchParams.get('location')).toBe('WH-EAST');
    await tower.screenshot(page, 'inventory-board-search');

    // Low stock is checked in the browser (the API cannot filter by it): every row shown is at or below it.
    await page.getByRole('combobox', { name: 'Location' }).selectOption('');
    await page.getByRole('checkbox', { name: 'Low stock' }).check();
    await eventually(() => new URL(page.url()).searchParams.get('low')).toBe('1');
    await eventually(async () => (await page.locator('caption').textContent()) ?? '').toMatch(/of the \d+ products on this page have 10 or fewer available/);
    const lowest = await page.locator('tbody[data-sku]').evaluateAll((all) =>
      all.map((group) => Math.min(...[...group.querySelectorAll('td[data-state="available"]')].map((td) => Number(td.textContent!.replace(/,/g, ''))))),
    );
    for (const value of lowest) expect(value).toBeLessThanOrEqual(10);

    await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-product-anywhere');
    await eventually(() => page.getByText('No product matches “no-such-product-anywhere”.').count()).toBe(1);
    await expectLive(page);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
