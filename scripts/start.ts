import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import path from 'node:path';
import { createDb } from '@opsgraph/db';
import { reloadOnHangup } from '@opsgraph/gateway';
import { envFields, parseEnv } from '@opsgraph/kit';
import { subgraphs } from '@opsgraph/schema';
import { z } from 'zod';
import { DatabaseNotEmptyError, isEmpty, seedDemo } from './seed/index';
import { startStack } from './stack';

// `npm start`: everything in one process on the embedded database (or on Postgres when DATABASE_URL is set),
// plus the web app beside it.
const root = fileURLToPath(new URL('..', import.meta.url));
const flag = z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1');
const env = parseEnv({
  DATABASE_URL: envFields.databaseUrl,
  PGLITE_DATA_DIR: z.string().default('.data/pglite'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  GATEWAY_PORT: envFields.port(4000),
  CATALOG_PORT: envFields.port(4001),
  INVENTORY_PORT: envFields.port(4002),
  ORDERS_PORT: envFields.port(4003),
  RETURNS_PORT: envFields.port(4004),
  FINANCE_PORT: envFields.port(4005),
  WEB_PORT: envFields.port(3000),
  CORS_ORIGINS: z.string().optional(),
  START_WEB: flag,
  SEED_DEMO_DATA: flag,
});

/** Fails before the database is opened (a second `npm start` must not touch the first one's PGlite folder). */
async function assertPortsFree(ports: number[]) {
  for (const port of ports) {
    await new Promise<void>((resolve) => {
      const probe = createServer()
        .once('error', () => {
          console.error(`Port ${port} is already in use (is OpsGraph already running?). Stop what holds it, or set another port (see .env.example).`);
          process.exit(1);
        })
        .listen(port, () => probe.close(() => resolve()));
    });
  }
}
const ports = [env.GATEWAY_PORT, env.CATALOG_PORT, env.INVENTORY_PORT, env.ORDERS_PORT, env.RETURNS_PORT, env.FINANCE_PORT];
await assertPortsFree(env.START_WEB ? [...ports, env.WEB_PORT] : ports);

const started = Date.now();

// The web app: turbo builds it when its sources changed (cached otherwise), then runs `next start`. The build
// needs only the gateway's address, so it starts now and runs while the database is migrated and seeded and
// the API starts: the first start waits for the slower of the two, not for both in turn. It gets a process
// group of its own so stopping OpsGraph stops next-server too.
let web: ChildProcess | null = null;
let webReady = false;
function stopWeb() {
  if (web?.pid && web.exitCode === null) {
    try {
      process.kill(-web.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
// Until the API is up and can stop cleanly (below), Ctrl-C or a failed start must not leave the web app behind.
const stopEarly = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
process.on('exit', stopWeb);
process.on('SIGINT', stopEarly);
process.on('SIGTERM', stopEarly);

function startWeb(gatewayPort: number) {
  const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
  web = spawn(turbo, ['run', 'start', '--filter=@opsgraph/web', '--output-logs=new-only', '--log-prefix=none'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WEB_PORT: String(env.WEB_PORT),
      NEXT_PUBLIC_GATEWAY_URL: process.env.NEXT_PUBLIC_GATEWAY_URL ?? `http://localhost:${gatewayPort}/graphql`,
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    },
  });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, '[web] ');
  web.stdout!.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  web.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  web.on('exit', (code) => {
    if (code) console.error(`[web] exited with code ${code}; the API keeps running.`);
  });
  // Say so when it answers: on a first start that is after the API's addresses are printed.
  void (async () => {
    while (web?.exitCode === null) {
      const ok = await fetch(`http://127.0.0.1:${env.WEB_PORT}/`, { method: 'HEAD' }).then((r) => r.ok, () => false);
      if (ok) {
        webReady = true;
        return console.log(`\nControl tower ready in ${((Date.now() - started) / 1000).toFixed(1)}s: http://localhost:${env.WEB_PORT}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
}
// GATEWAY_PORT=0 (any free port) is known only once the gateway listens.
if (env.START_WEB && env.GATEWAY_PORT !== 0) startWeb(env.GATEWAY_PORT);

const dataDir = path.resolve(root, env.PGLITE_DATA_DIR);
const database = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE } : { dataDir });
console.log(env.DATABASE_URL ? 'Database: Postgres (DATABASE_URL)' : `Database: embedded PGlite in ${path.relative(root, dataDir) || dataDir}`);
await database.migrate();

if (env.SEED_DEMO_DATA && (await isEmpty(database.db))) {
  console.log('Empty database: loading demo data (first start only)...');
  const summary = await seedDemo(database.db).catch((error) => {
    if (error instanceof DatabaseNotEmptyError) return null; // another process loaded it first
    throw error;
  });
  if (summary) {
    console.log(
      `Demo data loaded in ${(summary.durationMs / 1000).toFixed(1)}s: ${summary.products} products, ${summary.channels} channels, ` +
        `${summary.locations} locations, ${summary.orders} orders, ${summary.returns} returns, ${summary.journalEntries} journal entries.`,
    );
  }
}

const stack = await startStack(database, {
  gatewayPort: env.GATEWAY_PORT,
  corsOrigins: (env.CORS_ORIGINS ?? `http://localhost:${env.WEB_PORT},http://127.0.0.1:${env.WEB_PORT}`).split(',').map((o) => o.trim()),
  subgraphPorts: {
    catalog: env.CATALOG_PORT,
    inventory: env.INVENTORY_PORT,
    orders: env.ORDERS_PORT,
    returns: env.RETURNS_PORT,
    finance: env.FINANCE_PORT,
  },
});

console.log(`\nOpsGraph is up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`  gateway    http://localhost:${stack.gateway.port}/graphql`);
for (const { name } of subgraphs) console.log(`  ${name.padEnd(10)} http://localhost:${stack.subgraphs[name].port}/graphql`);
// This Node process's pid (under `tsx`, not the wrapper's, which would just exit on SIGHUP).
console.log(`  kill -HUP ${process.pid} reloads schema/supergraph.graphql into the gateway`);
if (env.START_WEB) {
  if (!web) startWeb(stack.gateway.port);
  console.log(`  web        http://localhost:${env.WEB_PORT}${webReady ? '' : ' (starting: the first start builds it)'}\n`);
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  stopWeb();
  await stack.stop();
  await database.close(); // PGlite writes its data folder on close
  process.exit(0);
}
process.off('SIGINT', stopEarly).on('SIGINT', shutdown);
process.off('SIGTERM', stopEarly).on('SIGTERM', shutdown);
reloadOnHangup(stack.gateway);
