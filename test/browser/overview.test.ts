import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { postGraphQL } from '@opsgraph/kit/testing';
import { formatHours, formatInteger, formatPercent } from '../../web/lib/format';
import { startControlTower, viewports, type ControlTower } from './harness';

// The overview (/) in Chromium against `npm start` on the demo data: the figures are the API's, formatted for
// people; the page goes live and follows a change made through the API without a reload.
let tower: ControlTower;

beforeAll(async () => {
  tower = await startControlTower();
}, 420_000);

afterAll(async () => {
  await tower?.stop();
}, 60_000);

const OVERVIEW = `{ opsOverview {
  fillRate perfectOrderRate orderCycleTimeHoursP50 returnRate backorderedUnits openExceptions
  weeks { weekStart ordersPlaced }
  byChannel { channel { code } ordersPlaced }
} }`;

type Api = {
  fillRate: number;
  perfectOrderRate: number;
  orderCycleTimeHoursP50: number;
  returnRate: number;
  backorderedUnits: number;
  openExceptions: number;
  weeks: { weekStart: string; ordersPlaced: number }[];
  byChannel: { channel: { code: string }; ordersPlaced: number }[];
};

async function api(): Promise<Api> {
  const { data, errors } = await postGraphQL<{ opsOverview: Api }>(tower.gatewayUrl, OVERVIEW);
  expect(errors).toBeUndefined();
  return data!.opsOverview;
}

const tile = (page: Page, id: string) => page.locator(`[data-kpi="${id}"] [data-kpi-value]`);
const indicator = (page: Page) => page.getByRole('status', { name: /^Live updates:/ });

/** Where the screen and a fresh API answer disagree (the API's "now" moves, e.g. an SLA breach opens an exception). */
async function mismatches(page: Page): Promise<string[]> {
  const o = await api();
  const expected: Record<string, string> = {
    'fill-rate': formatPercent(o.fillRate),
    'perfect-order-rate': formatPercent(o.perfectOrderRate),
    'order-cycle-time': formatHours(o.orderCycleTimeHoursP50),
    'return-rate': formatPercent(o.returnRate),
    'backordered-units': formatInteger(o.backorderedUnits),
    'open-exceptions': formatInteger(o.openExceptions),
  };
  const wrong: string[] = [];
  for (const [id, value] of Object.entries(expected)) {
    const shown = await tile(page, id).textContent();
    if (shown !== value) wrong.push(`${id}: screen ${shown}, API ${value}`);
  }
  return wrong;
}

describe('overview in Chromium', () => {
  it('shows the API figures, goes live, and follows an exception opened through the API without a reload', async () => {
    const { page, problems } = await tower.open(viewports.desktop);
    await page.goto('/', { waitUntil: 'networkidle' });

    await expect.poll(() => indicator(page).getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
    expect(await indicator(page).textContent()).toBe('Live');
    await expect.poll(() => mismatches(page), { timeout: 10_000 }).toEqual([]);

    // Every figure says what it means: the value points at its definition.
    for (const id of ['fill-rate', 'perfect-order-rate', 'order-cycle-time', 'return-rate', 'backordered-units', 'open-exceptions']) {
      const definitionId = await tile(page, id).getAttribute('aria-describedby');
      expect(definitionId, id).toBeTruthy();
      expect((await page.locator(`[id="${definitionId}"]`).textContent())?.length, id).toBeGreaterThan(30);
    }

    // The charts have text alternatives, and the channel table the API's figures.
    const charts = page.getByRole('img');
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      expect(await chart.getAttribute('aria-label')).toMatch(/per week, 12 weeks from the week of \w+ \d+ to this week so far[:.] .*lowest .+, highest .+/);
    }
    const before = await api();
    const channels = page.getByRole('table', { name: /^Figures per channel/ });
    for (const { channel, ordersPlaced } of before.byChannel) {
      const row = channels.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`\\b${channel.code}$`) }) });
      expect(await row.getByRole('cell').first().textContent(), channel.code).toBe(formatInteger(ordersPlaced));
    }
    expect(await page.getByText('Margin by channel arrives with finance.').count()).toBe(1);

    await tower.screenshot(page, 'overview-figures');
    await page.setViewportSize(viewports.laptop);
    await tower.screenshot(page, 'overview-figures');
    await page.setViewportSize(viewports.desktop);

    // An order with a risk signal opens a RISK_REVIEW exception: the figure moves on this page, not a reloaded one.
    await page.evaluate(() => ((globalThis as { unreloaded?: boolean }).unreloaded = true));
    const { data: stocked } = await postGraphQL(tower.gatewayUrl, '{ products(first: 5) { nodes { sku inventory { available } } } }');
    const sku = stocked.products.nodes.find((p: { inventory: { available: number } }) => p.inventory.available > 0)?.sku;
    expect(sku).toBeDefined();
    const openBefore = (await api()).openExceptions;
    const placedAt = Date.now();
    const { data: placed } = await postGraphQL(
      tower.gatewayUrl,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { status } userErrors { code message } } }`,
      {
        input: {
          idempotencyKey: `browser-overview-${placedAt}`,
          channel: 'WEB',
          riskSignals: ['AVS_MISMATCH'],
          customer: { email: 'overview.test@example.com', name: 'Overview Test' },
          shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
          lines: [{ sku, quantity: 1 }],
        },
      },
    );
    expect(placed.placeOrder.userErrors).toEqual([]);
    expect(placed.placeOrder.order.status).toBe('RISK_REVIEW');
    const openAfter = (await api()).openExceptions;
    expect(openAfter).toBeGreaterThan(openBefore);
    await expect.poll(() => tile(page, 'open-exceptions').textContent(), { timeout: 10_000 }).toBe(formatInteger(openAfter));
    console.log(`open exceptions ${openBefore} → ${openAfter} on screen ${Date.now() - placedAt} ms after placeOrder was sent`);
    expect(await page.evaluate(() => (globalThis as { unreloaded?: boolean }).unreloaded)).toBe(true);
    await expect.poll(() => mismatches(page), { timeout: 10_000 }).toEqual([]);

    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });

  it('reads from the keyboard: the weekly figures behind the charts open as a table, the open exceptions lead to the queue', async () => {
    const { page, problems } = await tower.open(viewports.laptop);
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect.poll(() => tile(page, 'fill-rate').textContent()).not.toBe('–');
    const weeks = (await api()).weeks;

    const focused = async () => {
      const element = page.locator(':focus');
      return (await element.count()) > 0 ? (await element.textContent())?.trim() : undefined;
    };
    const tabTo = async (text: string, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
      for (let i = 0; i < 30 && (await focused()) !== text; i++) await page.keyboard.press(key);
      expect(await focused()).toBe(text);
    };
    await tabTo('Open exceptions →');
    await tabTo('Weekly figures as a table');
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: 'Figures per week, oldest first' });
    await expect.poll(() => table.isVisible()).toBe(true);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(weeks.length);
    // A full week's count does not move while the test runs (the current one may).
    const lastFull = rows.nth(weeks.length - 2);
    expect(await lastFull.locator('td').first().textContent()).toBe(formatInteger(weeks.at(-2)!.ordersPlaced));
    await tower.screenshot(page, 'overview-weekly-table');

    await tabTo('Open exceptions →', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/exceptions');
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });
});
