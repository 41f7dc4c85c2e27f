import { createTestDb } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';
import { seedDemo } from './seed/index';
import { startStack } from './stack';

// `npm run bench:gateway`: the same products-with-inventory read through the gateway and from the two
// subgraphs directly (what the gateway's query plan does, by hand), as requests per second and latency.
// Options: BENCH_REQUESTS (default 2000), BENCH_CONCURRENCY (default 16), BENCH_PAGE (default 50).
// Runs on a fresh in-memory PGlite, or on a fresh database on the DATABASE_URL server.
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const page = Number(process.env.BENCH_PAGE ?? 50);

const database = await createTestDb({ poolSize: 10 });
await seedDemo(database.db);
const stack = await startStack(database, {
  gatewayPort: 0,
  host: '127.0.0.1',
  subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
});

const STOCK_FIELDS = `inventory { onHand reserved available levels { onHand available } } availableToPromise(channel: "WEB")`;
const THROUGH_GATEWAY = `query($first: Int!) { products(first: $first) { nodes { id sku name price { amount currencyCode } ${STOCK_FIELDS} } } }`;
const CATALOG_PAGE = `query($first: Int!) { products(first: $first) { nodes { id sku name price { amount currencyCode } } } }`;
const INVENTORY_ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { ${STOCK_FIELDS} } } }`;

async function viaGateway() {
  const result = await postGraphQL(stack.gateway.url, THROUGH_GATEWAY, { first: page });
  if (result.errors || result.data.products.nodes.length !== page) throw new Error(JSON.stringify(result.errors));
}

async function direct() {
  const products = await postGraphQL(stack.subgraphs.catalog.url, CATALOG_PAGE, { first: page });
  const reps = products.data.products.nodes.map((p: { id: string }) => ({ __typename: 'Product', id: p.id }));
  const stock = await postGraphQL(stack.subgraphs.inventory.url, INVENTORY_ENTITIES, { reps });
  if (products.errors || stock.errors || stock.data._entities.length !== page) throw new Error('direct read failed');
}

async function measure(name: string, run: () => Promise<void>) {
  for (let i = 0; i < 50; i++) await run(); // warm up JIT, pools and query plans
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const t = performance.now();
        await run();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { name, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

const gateway = await measure('through gateway', viaGateway);
const subgraphs = await measure('subgraphs directly', direct);
console.log(`\nproducts(first: ${page}) with inventory + ATP; ${requests} requests, concurrency ${concurrency}, ${database.kind}`);
console.log('path                  req/s     p50 ms    p99 ms');
for (const r of [gateway, subgraphs]) {
  console.log(`${r.name.padEnd(20)} ${r.rps.toFixed(0).padStart(6)} ${r.p50.toFixed(2).padStart(10)} ${r.p99.toFixed(2).padStart(9)}`);
}
console.log(`gateway / direct: throughput ${(gateway.rps / subgraphs.rps).toFixed(2)}x, p50 latency ${(gateway.p50 / subgraphs.p50).toFixed(2)}x`);
await stack.stop();
await database.close();
