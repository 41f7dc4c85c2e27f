import postgres from 'postgres';
import { createDb, executeRows } from '@opsgraph/db';
import { createScratchDatabase } from '@opsgraph/db/testing';
import { sql } from 'drizzle-orm';
import { subgraphs } from '@opsgraph/schema';
import { apiEnvironment, startEmbeddedProcess, startGatewayProcess, startSubgraphProcess, type ApiProcess } from './processes';
import { seedDemo } from './seed/index';

// `npm run bench:orders`: placeOrder through the gateway on Postgres, (a) spread over many SKUs and (b) all on one
// hot SKU, against (c) the bare conditional reservation UPDATE on the same database in the same run. The API runs
// as in production, each subgraph and the gateway a process of its own (BENCH_TOPOLOGY=embedded: all in one
// process, as `npm start`); this process is the load. Needs DATABASE_URL (a server where it may create a scratch
// database). Options: BENCH_ORDERS (per run, default 2000), BENCH_CONCURRENCY (default 16), BENCH_POOL (each API
// process's DB_POOL_SIZE, default 10), BENCH_PROFILE=<folder> (API processes write V8 CPU profiles there on exit).
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('bench:orders measures concurrency on Postgres: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(1);
}
const orders = Number(process.env.BENCH_ORDERS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const apiPool = Number(process.env.BENCH_POOL ?? 10);

const scratch = await createScratchDatabase(serverUrl);
const database = createDb({ url: scratch.url, poolSize: 4 });
await database.migrate();
await seedDemo(database.db, { products: 300, orders: 50 });
const skus = (await executeRows<{ sku: string }>(database.db, sql`select sku from catalog.products order by sku`)).map((r) => r.sku);
const channels = (await executeRows<{ code: string }>(database.db, sql`select code from catalog.channels order by priority`)).map((r) => r.code);
const hotSku = skus[0]!;
// Enough stock everywhere that no run is limited by it; the hot SKU gets just as much.
await database.db.execute(sql`update inventory.positions set on_hand = on_hand + 1000000`);
await database.db.execute(sql`insert into inventory.movements (product_id, location_id, type, quantity, on_hand_delta, reference, actor)
  select product_id, location_id, 'RECEIPT', 1000000, 1000000, 'bench', 'bench' from inventory.positions`);

const topology = process.env.BENCH_TOPOLOGY === 'embedded' ? 'embedded' : 'processes';
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const { env, gatewayUrl: gateway } = await apiEnvironment(scratch.url, { DB_POOL_SIZE: String(apiPool) });
const apis: ApiProcess[] =
  topology === 'embedded'
    ? [await startEmbeddedProcess(env, profile)]
    : [
        ...(await Promise.all(subgraphs.map(({ name }) => startSubgraphProcess(name, env, profile)))),
        await startGatewayProcess(env, profile),
      ];

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } userErrors { code message } } }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

type Result = { name: string; perSecond: number; p50: number; p99: number; failed: number };

/** Runs `count` calls of `call` at the configured concurrency; latency per call in ms. */
async function measure(name: string, count: number, call: (i: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        if (!(await call(i))) failed++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, perSecond: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
}

let firstError: string | null = null;
async function placeOrder(run: string, i: number, sku: string): Promise<boolean> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: PLACE,
      variables: {
        input: {
          idempotencyKey: `${run}-${i}`,
          channel: channels[i % channels.length],
          customer: { email: `bench${i % 500}@example.com`, name: 'Bench Buyer' },
          shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
          lines: [{ sku, quantity: 1 }],
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { placeOrder?: { order: unknown; userErrors: { code: string }[] } }; errors?: unknown[] };
  const ok = Boolean(body.data?.placeOrder?.order);
  if (!ok && !firstError) firstError = JSON.stringify(body.errors ?? body.data?.placeOrder?.userErrors);
  return ok;
}

// Warm up the processes (JIT, connections, query plans) before measuring.
await measure('warm-up', 200, (i) => placeOrder('warm', i, skus[(i * 7) % skus.length]!));
const spread = await measure('(a) placeOrder, many SKUs', orders, (i) => placeOrder('spread', i, skus[(i * 7919) % skus.length]!));
const hot = await measure('(b) placeOrder, one hot SKU', orders, (i) => placeOrder('hot', i, hotSku));

// (c) the bare conditional reservation UPDATE on the hot SKU's busiest position, from a pool as large as the load.
const bare = postgres(scratch.url, { max: concurrency, onnotice: () => {} });
const [position] = await bare<{ product_id: string; location_id: string }[]>`
  select p.product_id, p.location_id from inventory.positions p join inventory.items i using (product_id)
  where i.sku = ${hotSku} order by p.on_hand desc limit 1`;
const bareRun = await measure('(c) bare reservation UPDATE', orders, async () => {
  const rows = await bare`update inventory.positions set reserved = reserved + 1
    where product_id = ${position!.product_id} and location_id = ${position!.location_id} and on_hand - reserved >= 1 returning 1`;
  return rows.length === 1;
});
await bare`update inventory.positions set reserved = reserved - ${orders}
  where product_id = ${position!.product_id} and location_id = ${position!.location_id}`;

// Oversold units: reserved plus shipped beyond what arrived, and reservations that disagree with positions.
const [check] = await executeRows<{ oversold: number; mismatched: number; allocation_gap: number }>(
  database.db,
  sql`select
        (select coalesce(sum(greatest(reserved - on_hand, 0)), 0)::int from inventory.positions) as oversold,
        (select count(*)::int from inventory.positions p left join (
           select product_id, location_id, sum(quantity) as q from inventory.reservations where status = 'ACTIVE' group by 1, 2) r
           using (product_id, location_id) where p.reserved <> coalesce(r.q, 0)) as mismatched,
        (select (select coalesce(sum(quantity), 0) from inventory.reservations where status = 'ACTIVE')
              - (select coalesce(sum(a.quantity), 0) from orders.allocations a
                 join orders.order_lines l on l.id = a.order_line_id join orders.orders o on o.id = l.order_id
                 where o.status not in ('SHIPPED', 'DELIVERED', 'CANCELLED')))::int as allocation_gap`,
);

console.log(
  `\n${orders} calls per run, concurrency ${concurrency}, Postgres, API ${topology === 'embedded' ? 'in one process' : 'as one process per subgraph and the gateway'} (DB_POOL_SIZE ${apiPool} each)`,
);
console.log('run                              per second   p50 ms   p99 ms   failed');
for (const r of [spread, hot, bareRun]) {
  console.log(`${r.name.padEnd(32)} ${r.perSecond.toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.failed).padStart(8)}`);
}
console.log(`ratio (a)/(c) ${(spread.perSecond / bareRun.perSecond).toFixed(3)}   ratio (b)/(c) ${(hot.perSecond / bareRun.perSecond).toFixed(3)}`);
console.log(`oversold units ${check!.oversold}; positions whose reserved differs from active reservations ${check!.mismatched}; reserved minus open allocations ${check!.allocation_gap}`);
if (firstError) console.log(`first failure: ${firstError}`);

await bare.end();
await Promise.all(
  apis.map((api) => api.stop()),
);
await database.close();
await scratch.drop();
