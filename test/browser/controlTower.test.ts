import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '@opsgraph/kit/testing';
import { startControlTower, viewports, type ControlTower } from './harness';

// Every route of the control tower (../shared/API.md, "Control tower routes") in Chromium against `npm start`.
let tower: ControlTower;
let routes: { path: string; name: string; heading: string; section: string | null; indicator?: 'live' }[];

beforeAll(async () => {
  tower = await startControlTower();
  const { data } = await postGraphQL(tower.gatewayUrl, '{ products(first: 1) { nodes { sku name } } orders(first: 1) { nodes { id number } } }');
  const { sku, name: productName }: { sku: string; name: string } = data.products.nodes[0];
  const orderId: string = data.orders.nodes[0].id;
  const orderNumber: string = data.orders.nodes[0].number;
  routes = [
    { path: '/', name: 'overview', heading: 'Overview', section: 'Overview' },
    { path: '/inventory', name: 'inventory', heading: 'Inventory', section: 'Inventory' },
    { path: `/inventory/${encodeURIComponent(sku)}`, name: 'product', heading: productName, section: 'Inventory' },
    // The exception queue and the order page follow exception changes live (test/browser/exceptions.test.ts).
    { path: '/exceptions', name: 'exceptions', heading: 'Exceptions', section: 'Exceptions', indicator: 'live' },
    { path: `/orders/${encodeURIComponent(orderId)}`, name: 'order', heading: orderNumber, section: null, indicator: 'live' },
    { path: '/returns', name: 'returns', heading: 'Returns', section: 'Returns' },
    { path: '/finance', name: 'finance', heading: 'Finance', section: 'Finance' },
  ];
}, 420_000);

afterAll(async () => {
  await tower?.stop();
}, 60_000);

describe('control tower in Chromium', () => {
  it('renders every route with its heading, its section marked, the connection indicator, no console error and no failed request', async () => {
    const { page, problems } = await tower.open(viewports.desktop);
    for (const route of routes) {
      problems.length = 0;
      await page.setViewportSize(viewports.desktop);
      await page.goto(route.path, { waitUntil: 'networkidle' });

      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(route.heading);
      const nav = page.getByRole('navigation', { name: 'Sections' });
      const marked = await nav.locator('a[aria-current]').allTextContents();
      expect(marked, route.path).toEqual(route.section ? [route.section] : []);
      if (route.section) {
        const current = await nav.getByRole('link', { name: route.section }).getAttribute('aria-current');
        expect(current, route.path).toBe(route.path.split('/').length > 2 ? 'true' : 'page');
      }
      // The overview (test/browser/overview.test.ts) and the inventory pages (inventory.test.ts) subscribe to
      // changes, so the shared socket opens and the indicator says "Live"; on pages without live data yet it
      // stays closed: "Idle".
      const live = route.indicator === 'live' || route.path === '/' || route.section === 'Inventory';
      const indicator = page.getByRole('status', { name: /^Live updates:/ });
      await expect.poll(() => indicator.getAttribute('data-state')).toBe(live ? 'live' : 'idle');
      expect(await indicator.textContent()).toBe(live ? 'Live' : 'Idle');
      if (route.path === '/') await expect.poll(() => page.locator('[data-kpi="fill-rate"] [data-kpi-value]').textContent()).toMatch(/%$/);

      await tower.screenshot(page, route.name);
      await page.setViewportSize(viewports.laptop);
      await tower.screenshot(page, route.name);
      expect(problems, `${route.path}\n${problems.join('\n')}`).toEqual([]);
    }
    await page.context().close();
  });

  it('moves between sections with the keyboard alone', async () => {
    const { page, problems } = await tower.open();
    await page.goto('/', { waitUntil: 'networkidle' });
    const focusedText = async () => (await page.locator(':focus').textContent())?.trim();
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Skip to content');
    for (let i = 0; i < 6 && (await focusedText()) !== 'Exceptions'; i++) await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Exceptions');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/exceptions');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Exceptions');
    expect(await page.getByRole('link', { name: 'Exceptions' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBeNull();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
