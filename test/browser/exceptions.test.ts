import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { postGraphQL } from '@opsgraph/kit/testing';
import { cuttableLiveSocket, startControlTower, viewports, type ControlTower } from './harness';

// The exception queue (/exceptions) and the order page (/orders/<id>) in Chromium against `npm start` on the demo
// data: what the API lists, live changes without a reload, the actions and their refusals, and one order in full.
let tower: ControlTower;
/** A SKU the WEB channel can promise, for orders placed here. */
let sku: string;

type Placed = { id: string; number: string };

async function gql<D = any>(query: string, variables?: Record<string, unknown>): Promise<D> {
  const { data, errors } = await postGraphQL<D>(tower.gatewayUrl, query, variables);
  expect(errors, JSON.stringify(errors)).toBeUndefined();
  return data!;
}

/** An order the rules send to risk review: a risk signal on a first order from a new customer. */
async function placeReviewOrder(tag: string): Promise<Placed> {
  const { placeOrder } = await gql(
    `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id number status } userErrors { code message } } }`,
    {
      input: {
        idempotencyKey: `browser-exceptions-${tag}`,
        channel: 'WEB',
        customer: { email: `${tag}@first-order.example.com`, name: `Test ${tag}` },
        shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
        lines: [{ sku, quantity: 1 }],
        riskSignals: ['AVS_MISMATCH'],
      },
    },
  );
  expect(placeOrder.userErrors).toEqual([]);
  expect(placeOrder.order.status).toBe('RISK_REVIEW');
  return placeOrder.order;
}

async function orderAction(mutation: 'holdOrder' | 'releaseOrder' | 'pickOrder' | 'approveOrder', orderId: string): Promise<string> {
  const data = await gql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) {
    ${mutation}(input: $input) { order { status } userErrors { code message } } }`, { input: { orderId } });
  expect(data[mutation].userErrors).toEqual([]);
  return data[mutation].order.status;
}

/** Every exception OPEN or IN_PROGRESS, as the API lists them. */
async function openExceptions(): Promise<{ id: string; cause: string; order: { number: string } }[]> {
  const page = (status: string) => `${status}: exceptions(status: ${status}, first: 100) { nodes { id cause order { number } } pageInfo { hasNextPage } }`;
  const data = await gql(`{ ${page('OPEN')} ${page('IN_PROGRESS')} }`);
  expect(data.OPEN.pageInfo.hasNextPage || data.IN_PROGRESS.pageInfo.hasNextPage).toBe(false);
  return [...data.OPEN.nodes, ...data.IN_PROGRESS.nodes];
}

/** How long a live change or a re-read may take to show; expect.poll's default (1 s) is too short for a busy machine. */
const within = { timeout: 15_000 };
/** A locator's text, or null while it matches nothing (instead of waiting for it, as textContent does). */
const textOf = async (locator: Locator) => ((await locator.count()) > 0 ? locator.first().textContent() : null);

const rowOf = (page: Page, number: string) => page.locator(`tr[data-order-number="${number}"]`);
const indicatorState = (page: Page) => page.getByRole('status', { name: /^Live updates:/ }).getAttribute('data-state');

async function openQueue(viewport = viewports.desktop) {
  const opened = await tower.open(viewport);
  await opened.page.goto('/exceptions', { waitUntil: 'networkidle' });
  await expect.poll(() => textOf(opened.page.getByRole('heading', { level: 1 })), within).toBe('Exceptions');
  await expect.poll(() => indicatorState(opened.page), within).toBe('live');
  await opened.page.locator('tr[data-exception-id]').first().waitFor(within);
  return opened;
}

beforeAll(async () => {
  tower = await startControlTower();
  const { products } = await gql(`{ products(first: 60) { nodes { sku availableToPromise(channel: "WEB") } } }`);
  sku = products.nodes.find((p: { availableToPromise: number }) => p.availableToPromise >= 10).sku;
}, 420_000);

afterAll(async () => {
  await tower?.stop();
}, 60_000);

describe('exception queue in Chromium', () => {
  it('lists the open exceptions the API returns, counted by cause and filterable, each with its SLA in words', async () => {
    const { page, problems } = await openQueue();
    const shownIds = async () => (await page.locator('tr[data-exception-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-exception-id')))).sort();
    // The SLA watch may raise a breach meanwhile: compare with what the API lists at the same moment.
    await expect.poll(async () => [await shownIds(), (await openExceptions()).map((e) => e.id).sort()], within).toSatisfy(([shown, api]) => JSON.stringify(shown) === JSON.stringify(api));

    const api = await openExceptions();
    expect(api.length).toBeGreaterThan(0);
    const filters = page.getByRole('group', { name: 'Filter by cause' });
    expect(await filters.getByRole('button', { name: /^All/ }).textContent()).toBe(`All ${api.length}`);
    const causes = new Map<string, number>();
    for (const e of api) causes.set(e.cause, (causes.get(e.cause) ?? 0) + 1);
    for (const [cause, count] of causes) {
      expect(await filters.locator(`[data-cause="${cause}"] span`).textContent(), cause).toBe(String(count));
    }
    // Every row says how it stands against its SLA in words, not only in colour.
    for (const label of await page.locator('tr[data-exception-id] [data-sla]').allTextContents()) {
      expect(['Overdue', 'Due soon', 'On track']).toContain(label);
    }
    expect(await page.locator('tr[data-exception-id] [data-sla]').count()).toBe(api.length);

    await tower.screenshot(page, 'exceptions-queue');
    await page.setViewportSize(viewports.laptop);
    await tower.screenshot(page, 'exceptions-queue');

    const [cause, count] = [...causes].sort((a, b) => a[1] - b[1])[0]!;
    await filters.locator(`[data-cause="${cause}"]`).click();
    expect(await filters.locator(`[data-cause="${cause}"]`).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('tr[data-exception-id]').count(), within).toBe(count);
    expect(new Set(await page.locator('tr[data-exception-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cause'))))).toEqual(new Set([cause]));
    await filters.getByRole('button', { name: /^All/ }).click();
    await expect.poll(() => page.locator('tr[data-exception-id]').count(), within).toBe(api.length);

    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows an exception placeOrder raised without a reload, assigns it, and approving it moves the order on', async () => {
    const { page, problems } = await openQueue();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate('window.sameDocument = true'); // gone if the page reloads

    const order = await placeReviewOrder(`live-${Date.now()}`);
    const row = rowOf(page, order.number);
    await row.waitFor(within);
    expect(await row.getAttribute('data-cause')).toBe('RISK_REVIEW');
    expect(await row.locator('[data-order-status]').textContent()).toBe('Risk review');
    // Highlighted for a moment, without animation for someone who asked for reduced motion.
    expect(await row.getAttribute('data-flash')).toBe('new');
    const cell = await row.locator('td').first().evaluate((td) => {
      const style = td.ownerDocument.defaultView!.getComputedStyle(td);
      return { animation: style.animationName, background: style.backgroundColor };
    });
    expect(cell.animation).toBe('none');
    expect(cell.background).not.toBe('rgba(0, 0, 0, 0)');
    await row.scrollIntoViewIfNeeded();
    await tower.screenshot(page, 'exceptions-live-row');
    await expect.poll(() => row.getAttribute('data-flash'), within).toBeNull();
    expect(await page.evaluate('window.sameDocument')).toBe(true);

    // Assignment: the name is typed once, then "Assign to me".
    await page.getByLabel('Your name').fill('Ana Reviewer');
    await row.getByRole('button', { name: /^Assign to me/ }).click();
    await expect.poll(() => textOf(row.locator('td').nth(4)), within).toContain('Ana Reviewer');
    const exceptionId = await row.getAttribute('data-exception-id');
    const { exceptions } = await gql(`{ exceptions(status: IN_PROGRESS, first: 100) { nodes { id assignee } } }`);
    expect(exceptions.nodes).toContainEqual({ id: exceptionId, assignee: 'Ana Reviewer' });

    await row.getByRole('button', { name: `Approve order ${order.number}` }).click();
    // The row says it is resolved, then leaves the open list.
    await expect.poll(async () => (await row.count()) === 0 || (await row.getAttribute('data-status')) === 'RESOLVED', within).toBe(true);
    await expect.poll(() => row.count(), within).toBe(0);
    const { order: after } = await gql(`query($id: ID!) { order(id: $id) { status history { to reason } } }`, { id: order.id });
    expect(after.status).not.toBe('RISK_REVIEW');
    expect(['ALLOCATED', 'RELEASED']).toContain(after.status);
    expect(after.history.find((h: { to: string }) => h.to === 'ALLOCATED').reason).toContain('Approved by Ana Reviewer');

    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows what the API refused inline, next to the row, and brings the row up to date', async () => {
    const { page, problems } = await openQueue(viewports.laptop);
    // Held and released past its review, the order keeps its review exception open; then the warehouse picks it,
    // which no exception change announces, so the queue still offers to hold it.
    const order = await placeReviewOrder(`refused-${Date.now()}`);
    await orderAction('holdOrder', order.id);
    expect(await orderAction('releaseOrder', order.id)).toBe('RELEASED');
    const row = page.locator(`tr[data-order-number="${order.number}"][data-cause="RISK_REVIEW"]`);
    await expect.poll(() => textOf(row.locator('[data-order-status]')), within).toBe('Released');
    expect(await orderAction('pickOrder', order.id)).toBe('PICKED');

    await row.getByRole('button', { name: `Hold order ${order.number}` }).click();
    const exceptionId = await row.getAttribute('data-exception-id');
    const refusal = page.locator(`tr[data-detail-for="${exceptionId}"]`).getByRole('alert');
    await refusal.waitFor(within);
    const text = await refusal.textContent();
    expect(text).toContain('orderId');
    expect(text).toContain(`Order ${order.number} is PICKED and cannot become ON_HOLD`);
    expect(text).toContain('ILLEGAL_TRANSITION');
    // Read again after the refusal: the order is picked, so holding it is no longer offered.
    await expect.poll(() => textOf(row.locator('[data-order-status]')), within).toBe('Picked');
    expect(await row.getByRole('button', { name: `Hold order ${order.number}` }).count()).toBe(0);
    await tower.screenshot(page, 'exceptions-refused');

    await refusal.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator(`tr[data-detail-for="${exceptionId}"]`).count()).toBe(0);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  });

  it('never leaves a stale queue after a dropped connection: says so while it is down, then shows what changed', async () => {
    const { page, problems } = await tower.open(viewports.desktop);
    const network = await cuttableLiveSocket(page);
    await page.goto('/exceptions', { waitUntil: 'networkidle' });
    await expect.poll(() => indicatorState(page), within).toBe('live');
    await page.locator('tr[data-exception-id]').first().waitFor(within);
    await page.waitForTimeout(1_500); // the queue reads itself again a second after going live: let it

    await network.drop();
    await expect.poll(() => indicatorState(page), within).toMatch(/^(reconnecting|offline)$/);
    const lost = page.getByRole('alert').filter({ hasText: 'Connection lost' });
    await expect.poll(() => lost.count(), within).toBe(1);
    expect(await page.locator('section[data-stale]').count()).toBe(1);
    const order = await placeReviewOrder(`dropped-${Date.now()}`);
    await page.waitForTimeout(500);
    expect(await rowOf(page, order.number).count()).toBe(0); // nothing can tell the page yet
    await tower.screenshot(page, 'exceptions-reconnecting');

    // Back: no change had reached the page before the drop, so it had no cursor to resume from; it reads the
    // queue again.
    network.restore();
    await expect.poll(() => indicatorState(page), { timeout: 45_000 }).toBe('live');
    await rowOf(page, order.number).waitFor(within);
    expect(await lost.count()).toBe(0);
    expect(await page.locator('section[data-stale]').count()).toBe(0);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('works from the keyboard: a cause filter, then an order link opens the order', async () => {
    const { page, problems } = await openQueue();
    const focused = async () => ((await page.evaluate('document.activeElement?.textContent ?? ""')) as string).trim();
    for (let i = 0; i < 20 && !(await focused()).startsWith('All'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^All/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[aria-pressed="true"][data-cause]').count(), within).toBe(1);
    await page.keyboard.press('Enter'); // pressed again: all causes
    await expect.poll(() => page.locator('[aria-pressed="true"][data-cause]').count(), within).toBe(0);
    for (let i = 0; i < 30 && !/^SO-\d+$/.test(await focused()); i++) await page.keyboard.press('Tab');
    const number = await focused();
    expect(number).toMatch(/^SO-\d+$/);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/orders/**');
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), within).toBe(number);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('order page in Chromium', () => {
  it('shows the lines with unit prices, allocations by location, the status history, exceptions, shipments and returns', async () => {
    const placed = await placeReviewOrder(`order-page-${Date.now()}`);
    await orderAction('approveOrder', placed.id);
    const { order } = await gql(
      `query($id: ID!) { order(id: $id) { number status lines { sku quantity unitPrice { amount }
         allocations { quantity location { code } } } history { from to actor rule } } }`,
      { id: placed.id },
    );

    const { page, problems } = await tower.open(viewports.desktop);
    await page.goto(`/orders/${placed.id}`, { waitUntil: 'networkidle' });
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), within).toBe(order.number);
    await expect.poll(() => indicatorState(page), within).toBe('live');

    const [line] = order.lines;
    const lineRow = page.locator(`tr[data-line-sku="${line.sku}"]`);
    const cells = await lineRow.locator('td').allTextContents();
    expect(cells[0]).toContain(line.sku);
    expect(cells[1]).toBe(String(line.quantity));
    expect(cells[2]).toBe(`$${Number(line.unitPrice.amount).toFixed(2)}`);
    expect(line.allocations.length).toBeGreaterThan(0);
    for (const allocation of line.allocations) expect(cells[4]).toContain(`${allocation.location.code}× ${allocation.quantity}`);
    const byLocation = page.getByRole('region', { name: 'Lines' }).locator('[data-location]');
    expect(await byLocation.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-location')))).toEqual(
      [...new Set(order.lines.flatMap((l: any) => l.allocations.map((a: any) => a.location.code)))],
    );

    // The timeline: every status change in order, who made it and which rule.
    const history = page.getByRole('region', { name: /^Status history/ });
    expect(await history.locator('li[data-to]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-to')))).toEqual(
      order.history.map((h: { to: string }) => h.to),
    );
    const timeline = await history.textContent();
    expect(timeline).toContain('NEW_CUSTOMER_RISK');
    expect(timeline).toContain('by api');
    expect(timeline).toContain('Risk review→');

    const exceptions = page.getByRole('region', { name: /^Exceptions/ });
    expect(await exceptions.locator('tr[data-exception-id]').count()).toBe(1);
    expect(await exceptions.textContent()).toContain('Resolved');
    expect(await page.getByRole('region', { name: /^Shipments/ }).textContent()).toContain('Not shipped yet.');
    expect(await page.getByRole('region', { name: /^Returns/ }).textContent()).toContain('No returns.');
    await tower.screenshot(page, 'order-page');
    await page.setViewportSize(viewports.laptop);
    await tower.screenshot(page, 'order-page');

    // A shipped order with a return, from the demo data; reached by the number people quote.
    const { returns } = await gql(`{ returns(first: 20) { nodes { number order { id number shipments { carrier trackingNumber } } } } }`);
    const returned = returns.nodes.find((r: any) => r.order.shipments.length > 0);
    await page.goto(`/orders/${returned.order.number}`, { waitUntil: 'networkidle' });
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), within).toBe(returned.order.number);
    const shipments = await page.getByRole('region', { name: /^Shipments/ }).textContent();
    expect(shipments).toContain(returned.order.shipments[0].carrier);
    expect(shipments).toContain(returned.order.shipments[0].trackingNumber);
    expect(await page.getByRole('region', { name: /^Returns/ }).textContent()).toContain(returned.number);
    await tower.screenshot(page, 'order-returned');

    await page.goto('/orders/ord_does_not_exist', { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByText('No order has the id or number').count(), within).toBe(1);

    expect(problems, problems.join('\n')).toEqual([]);
    await page.context().close();
  }, 60_000);
});
