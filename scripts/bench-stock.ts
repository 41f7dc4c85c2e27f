import { createTestDb } from '@opsgraph/db/testing';
import { receiveStock } from '../subgraphs/inventory/src/stock';
import { seedDemo } from './seed/index';

// `npm run bench:stock`: committed stock receipts per second through the inventory write path (validation,
// idempotency key, ledger line, position update, outbox event under the domain's outbox lock), spread over
// many SKUs and on one hot SKU. Meaningful on Postgres (DATABASE_URL); PGlite runs one transaction at a time.
// Options: BENCH_TRANSACTIONS (default 3000), BENCH_CONCURRENCY (default 16).
const transactions = Number(process.env.BENCH_TRANSACTIONS ?? 3000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const database = await createTestDb({ poolSize: concurrency });
await seedDemo(database.db, { products: 300, orders: 100 });
const skus = (await database.db.query.products.findMany({ columns: { sku: true } })).map((p) => p.sku);

async function run(name: string, skuFor: (i: number) => string) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < transactions; i = next++) {
        await receiveStock(database, { idempotencyKey: `${name}-${i}`, sku: skuFor(i), locationCode: 'WH-EAST', quantity: 1 }, 'bench');
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(10)} ${(transactions / seconds).toFixed(0).padStart(6)} receipts/s`);
}

console.log(`${transactions} receipts each, concurrency ${concurrency}, ${database.kind}`);
await run('many SKUs', (i) => skus[i % skus.length]!);
await run('hot SKU', () => skus[0]!);
await database.close();
