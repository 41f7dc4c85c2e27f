import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createScratchDatabase } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';
import { buildWeb, chromiumPath, serveWeb, viewports } from '../test/browser/harness';
import { formatHours, formatInteger, formatPercent } from '../web/lib/format';
import { apiEnvironment, freePort, startEmbeddedProcess, type ApiProcess } from './processes';

// `npm run bench:web`: the control tower in Chromium against `npm start` on the demo data, as a person meets it.
//   (1) Navigation to / until the overview shows its six KPI figures (loaded from the API after hydration) and
//       the connection indicator says Live: in a fresh browser context (cold HTTP cache), then a second
//       navigation in the same context (warm: the immutable JS chunks come from the cache). Measured inside the
//       page from the navigation's start (performance.now()) to the DOM mutation that completed each condition
//       (a MutationObserver installed before any page script): the paint follows within a frame.
//   (2) From sending a receiveStock mutation (fetch to the gateway, from this process) to the changed on-hand
//       figure in the DOM of the inventory board's row and of the product page /inventory/<sku>, both open and
//       live beforehand, each in a context of its own (two live sockets). Wall clock (Date.now()) on both sides:
//       one machine, 1 ms resolution. Beside it, the mutation's own round trip.
//   (3) The JavaScript each route ships, loaded in a fresh context until the network is idle: the script files
//       the page's HTML references (its <script> tags and the chunks named in its inline RSC data), on the wire
//       (encoded body and headers, as Chromium received them), decoded, and gzipped here (node:zlib, level 6) for
//       comparison; the inline <script> bytes of the HTML (mostly the RSC payload); and the script files that
//       arrived only after that (Link prefetches of other routes, lazy chunks), apart.
// Each figure of (1) and (2) is the median of BENCH_RUNS runs (default 7), after one run not counted (JIT, the
// API's first queries, Next's first render). The API runs as `npm start` does, everything in one process, on an
// embedded PGlite in a temporary folder, or with DATABASE_URL on a scratch database on that server. The web app
// is built the way the browser tests build it (turbo, baked gateway http://localhost:4000/graphql, a cache hit
// unless web/ changed: do not run this beside a browser test run, whose servers serve web/.next) and served by
// `next start`; Chromium maps localhost:4000 to this run's gateway.
//
// The browser harness's startControlTower is not used: its build-once marker reads vitest's inject('testRunId'),
// which throws outside a vitest run. Its build, `next start`, Chromium path and viewports are.

const runs = Number(process.env.BENCH_RUNS ?? 7);
if (!Number.isSafeInteger(runs) || runs < 1) {
  console.error('BENCH_RUNS must be a whole number of runs, 1 or more');
  process.exit(1);
}
const BAKED_GATEWAY = 'localhost:4000';
const TIMEOUT = 20_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}
process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

// In-page code goes to Chromium as source text: tsx compiles this file with esbuild's keepNames, whose __name()
// helper would not exist in the page if functions were passed.

/** Runs before any page script in every page of a bench context: marks when watched conditions first hold. */
const PROBE = `(() => {
  const marks = {};
  const watches = [];
  const check = () => { for (const watch of watches) watch(); };
  window.__bench = { marks, watches, check };
  if (location.pathname === '/') watches.push(() => {
    if (marks.figures === undefined) {
      const values = [...document.querySelectorAll('[data-kpi] [data-kpi-value]')];
      if (values.length >= 6 && values.every((v) => v.textContent !== '\u2013')) marks.figures = performance.now();
    }
    if (marks.live === undefined && document.querySelector('[role="status"][aria-label^="Live updates:"][data-state="live"]')) marks.live = performance.now();
  });
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

/** Marks (Date.now()) the moment `selector`'s text becomes `expected`, under `key` (a new key for each watch). */
const watchText = (key: string, selector: string, expected: string) => `(() => {
  const bench = window.__bench, key = ${JSON.stringify(key)}, selector = ${JSON.stringify(selector)}, expected = ${JSON.stringify(expected)};
  const watch = () => { if (bench.marks[key] === undefined && document.querySelector(selector)?.textContent === expected) bench.marks[key] = Date.now(); };
  bench.watches.push(watch);
  watch();
})()`;

async function mark(page: Page, key: string): Promise<number> {
  const handle = await page.waitForFunction(`window.__bench?.marks[${JSON.stringify(key)}]`, undefined, { timeout: TIMEOUT, polling: 50 });
  return (await handle.jsonValue()) as number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number | null) => (value === null ? '–' : value.toFixed(0)).padStart(9);
const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(9);

/** The built web app served by `next start` (the harness's way); resolves once it answers. */
async function serveBuiltWeb(env: NodeJS.ProcessEnv, webUrl: string): Promise<void> {
  let output = '';
  cleanups.push(serveWeb(env, (chunk) => (output += chunk)));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(webUrl).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`the web app did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  const loadAtStart = loadavg()[0]!;
  // Where everything listens; the API as `npm start` runs it, with the demo data.
  const webPort = await freePort();
  const shared: NodeJS.ProcessEnv = {
    WEB_PORT: String(webPort),
    SEED_DEMO_DATA: 'true',
    NEXT_PUBLIC_GATEWAY_URL: `http://${BAKED_GATEWAY}/graphql`,
    NEXT_TELEMETRY_DISABLED: '1',
    TURBO_TELEMETRY_DISABLED: '1',
  };
  let described: string;
  let environment: Awaited<ReturnType<typeof apiEnvironment>>;
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL);
    cleanups.push(() => scratch.drop());
    environment = await apiEnvironment(scratch.url, shared);
    described = 'Postgres (scratch database)';
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'opsgraph-bench-web-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    environment = await apiEnvironment('', { ...shared, DATABASE_URL: undefined, PGLITE_DATA_DIR: dataDir });
    described = 'embedded PGlite';
  }
  const { env, gatewayUrl, gatewayPort } = environment;
  delete env.CORS_ORIGINS; // npm start's default: the web app's own origin
  const webUrl = `http://localhost:${webPort}`;

  // The build runs while the API migrates, seeds and starts, as in `npm start`.
  console.log(`bench:web: building the web app and starting the API with the demo data (${described})...`);
  const started = Date.now();
  const [api, built] = await Promise.allSettled([
    startEmbeddedProcess(env).then((api: ApiProcess) => (cleanups.push(() => api.stop()), api)),
    buildWeb(env),
  ]);
  if (api.status === 'rejected') throw api.reason;
  if (built.status === 'rejected') throw built.reason;
  await serveBuiltWeb(env, webUrl);
  console.log(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s; ${runs} runs per figure, each after one not counted`);

  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [`--host-resolver-rules=MAP ${BAKED_GATEWAY} 127.0.0.1:${gatewayPort}`],
  });
  cleanups.push(() => browser.close());
  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: viewports.desktop, baseURL: webUrl });
    await context.addInitScript(PROBE);
    return context;
  };

  // (1) Overview: navigation to figures and Live.
  type Visit = { ttfb: number; fcp: number | null; figures: number; live: number; both: number };
  async function visitOverview(page: Page): Promise<Visit> {
    await page.goto('/', { waitUntil: 'commit' });
    const [figures, live] = [await mark(page, 'figures'), await mark(page, 'live')];
    const timing = (await page.evaluate(`(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { ttfb: navigation.responseStart, fcp: fcp ? fcp.startTime : null };
    })()`)) as { ttfb: number; fcp: number | null };
    return { ...timing, figures, live, both: Math.max(figures, live) };
  }
  const cold: Visit[] = [];
  const warm: Visit[] = [];
  let overviewChecked = false;
  for (let run = 0; run <= runs; run++) {
    const context = await newContext();
    const page = await context.newPage();
    const first = await visitOverview(page);
    const second = await visitOverview(page);
    if (!overviewChecked) {
      overviewChecked = true;
      const mismatched = await overviewMismatches(page, gatewayUrl);
      if (mismatched.length) console.log(`note: the overview's figures differ from a fresh API read: ${mismatched.join('; ')}`);
    }
    await context.close();
    if (run === 0) continue;
    cold.push(first);
    warm.push(second);
  }

  // (2) A stock receipt to the changed figure on the board and on the product page.
  const { data: world } = await postGraphQL<{ products: { nodes: { sku: string; inventory: { levels: { location: { code: string }; onHand: number }[] } }[] } }>(
    gatewayUrl,
    '{ products(first: 1) { nodes { sku inventory { levels { location { code } onHand } } } } }',
  );
  const product = world!.products.nodes[0]!;
  const { location: { code: locationCode }, onHand: initialOnHand } = product.inventory.levels[0]!;
  const selectors = {
    board: `tbody[data-sku="${product.sku}"] tr[data-location="${locationCode}"] td[data-state="onHand"]`,
    product: `[data-testid="product-levels"] tbody tr[data-location="${locationCode}"] td[data-state="onHand"]`,
  };
  const livePage = async (url: string, selector: string, onHand: number): Promise<Page> => {
    const page = await (await newContext()).newPage();
    await page.goto(url);
    await page.evaluate(watchText('shown', selector, formatInteger(onHand)));
    await page.evaluate(watchText('live', '[role="status"][aria-label^="Live updates:"]', 'Live'));
    await Promise.all([mark(page, 'shown'), mark(page, 'live')]);
    return page;
  };
  const board = await livePage('/inventory', selectors.board, initialOnHand);
  const productPage = await livePage(`/inventory/${encodeURIComponent(product.sku)}`, selectors.product, initialOnHand);
  let onHand = initialOnHand;
  const receipts: { response: number; board: number; product: number }[] = [];
  for (let run = 0; run <= runs; run++) {
    const quantity = 7;
    const expected = formatInteger(onHand + quantity);
    const key = `changed-${run}`;
    await board.evaluate(watchText(key, selectors.board, expected));
    await productPage.evaluate(watchText(key, selectors.product, expected));
    const sent = Date.now();
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { levels { location { code } onHand } userErrors { code message } } }',
        variables: { input: { idempotencyKey: `bench-web-${process.pid}-${run}`, sku: product.sku, locationCode, quantity, reference: `BENCH-WEB-${run}` } },
      }),
    });
    const answered = Date.now();
    const body = (await response.json()) as {
      data?: { receiveStock: { levels: { location: { code: string }; onHand: number }[]; userErrors: unknown[] } };
      errors?: unknown[];
    };
    const level = body.data?.receiveStock.levels.find((l) => l.location.code === locationCode);
    if (!level || body.data!.receiveStock.userErrors.length) throw new Error(`receiveStock: ${JSON.stringify(body)}`);
    if (level.onHand !== onHand + quantity) throw new Error(`receiveStock: on hand ${level.onHand}, expected ${onHand + quantity} (did something else change it?)`);
    onHand = level.onHand;
    const [onBoard, onProduct] = await Promise.all([mark(board, key), mark(productPage, key)]);
    if (run > 0) receipts.push({ response: answered - sent, board: onBoard - sent, product: onProduct - sent });
    await new Promise((resolve) => setTimeout(resolve, 250)); // the highlight and the refetches settle
  }
  await board.context().close();
  await productPage.context().close();

  // (3) The JavaScript each route ships.
  const { data: ids } = await postGraphQL<{ orders: { nodes: { id: string }[] } }>(gatewayUrl, '{ orders(first: 1) { nodes { id } } }');
  const routes = ['/', '/inventory', `/inventory/${encodeURIComponent(product.sku)}`, '/exceptions', `/orders/${encodeURIComponent(ids!.orders.nodes[0]!.id)}`, '/returns', '/finance'];
  type Script = { url: string; wire: number; decoded: number; gzip: number; encoding: string };
  type Shipped = { route: string; own: Script[]; later: Script[]; inline: number; htmlWire: number; htmlDecoded: number };
  const shipped: Shipped[] = [];
  for (const route of routes) {
    const context = await newContext();
    const page = await context.newPage();
    const pending: Promise<Script | null>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return {
            url: response.url(),
            wire: sizes.responseBodySize + sizes.responseHeadersSize,
            decoded: body.length,
            gzip: gzipSync(body).length,
            encoding: (await response.headerValue('content-encoding')) ?? 'identity',
          };
        })().catch(() => null), // e.g. a prefetch cancelled by the end of the page
      );
    });
    const answer = await page.goto(route, { waitUntil: 'networkidle' });
    if (!answer?.ok()) throw new Error(`${route} answered ${answer?.status()}`);
    const html = await answer.text();
    const htmlSizes = await answer.request().sizes();
    const scripts = (await Promise.all(pending)).filter((s): s is Script => s !== null);
    const named = (script: Script) => html.includes(new URL(script.url).pathname.split('/').pop()!);
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[1]!), 0);
    shipped.push({
      route,
      own: scripts.filter(named),
      later: scripts.filter((s) => !named(s)),
      inline,
      htmlWire: htmlSizes.responseBodySize + htmlSizes.responseHeadersSize,
      htmlDecoded: Buffer.byteLength(html),
    });
    await context.close();
  }

  // The report.
  console.log(`\ncontrol tower (next start, production build) in headless Chromium ${browser.version()}, API on ${described}, demo data; median of ${runs} runs`);
  console.log('\n(1) navigation to /, ms from navigation start   first byte      FCP  figures     Live  both (figures and Live)');
  for (const [name, visits] of [['cold (fresh context)', cold], ['warm (same context, again)', warm]] as const) {
    const fcps = visits.map((v) => v.fcp).filter((v): v is number => v !== null);
    console.log(
      `${name.padEnd(46)}${ms(median(visits.map((v) => v.ttfb)))}${ms(fcps.length ? median(fcps) : null)}${ms(median(visits.map((v) => v.figures)))}${ms(median(visits.map((v) => v.live)))}${ms(median(visits.map((v) => v.both)))}`,
    );
  }
  console.log(`    both, every run (cold): ${cold.map((v) => v.both.toFixed(0)).join(', ')} ms; warm: ${warm.map((v) => v.both.toFixed(0)).join(', ')} ms`);

  console.log(`\n(2) receiveStock of 7 units (${product.sku} at ${locationCode}), ms from sending it   median      min      max`);
  for (const [name, key] of [
    ['mutation answered (round trip)', 'response'],
    ['new on-hand figure on the inventory board row', 'board'],
    [`new on-hand figure on /inventory/${product.sku}`, 'product'],
  ] as const) {
    const values = receipts.map((r) => r[key]);
    console.log(`${name.padEnd(58)}${ms(median(values))}${ms(Math.min(...values))}${ms(Math.max(...values))}`);
  }

  const encodings = [...new Set(shipped.flatMap((s) => [...s.own, ...s.later].map((script) => script.encoding)))].join(', ');
  console.log(`\n(3) JavaScript per route, cold cache, until the network is idle (KiB = 1,024 bytes; scripts served with content-encoding: ${encodings})`);
  console.log('                                   script files the HTML names               inline   HTML doc    fetched later');
  console.log('route                          files     wire  decoded     gzip    <script> decoded     wire files  decoded');
  const sum = (scripts: Script[], key: 'wire' | 'decoded' | 'gzip') => scripts.reduce((total, s) => total + s[key], 0);
  for (const s of shipped) {
    const route = s.route.length > 28 ? `${s.route.slice(0, 27)}…` : s.route;
    console.log(
      `${route.padEnd(29)}${String(s.own.length).padStart(6)}${kib(sum(s.own, 'wire'))}${kib(sum(s.own, 'decoded'))}${kib(sum(s.own, 'gzip'))}${kib(s.inline)}${kib(s.htmlDecoded)}${kib(s.htmlWire)}${String(s.later.length).padStart(6)}${kib(sum(s.later, 'decoded'))}`,
    );
  }
  console.log(
    '"wire" is what Chromium received (encoded body and headers); "gzip" compresses the decoded files here (zlib level 6); "fetched later" are script files the HTML does not name (Link prefetches, lazy chunks).',
  );
  console.log(`load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${availableParallelism()} CPUs`);
}

/** Where the overview's KPI tiles and a fresh API read disagree (as test/browser/overview.test.ts compares them). */
async function overviewMismatches(page: Page, gatewayUrl: string): Promise<string[]> {
  const { data } = await postGraphQL<{ opsOverview: Record<string, number> }>(
    gatewayUrl,
    '{ opsOverview { fillRate perfectOrderRate orderCycleTimeHoursP50 returnRate backorderedUnits openExceptions } }',
  );
  const o = data!.opsOverview;
  const expected: Record<string, string> = {
    'fill-rate': formatPercent(o.fillRate!),
    'perfect-order-rate': formatPercent(o.perfectOrderRate!),
    'order-cycle-time': formatHours(o.orderCycleTimeHoursP50!),
    'return-rate': formatPercent(o.returnRate!),
    'backordered-units': formatInteger(o.backorderedUnits!),
    'open-exceptions': formatInteger(o.openExceptions!),
  };
  const wrong: string[] = [];
  for (const [id, value] of Object.entries(expected)) {
    const shown = await page.locator(`[data-kpi="${id}"] [data-kpi-value]`).textContent();
    if (shown !== value) wrong.push(`${id}: screen ${shown}, API ${value}`);
  }
  return wrong;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
