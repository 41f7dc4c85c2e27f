import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '@opsgraph/db';
import { createScratchDatabase, onPostgres } from '@opsgraph/db/testing';
import { record, wsClient, type Recording } from '@opsgraph/kit/testing';
import { subgraphs } from '@opsgraph/schema';
import { apiEnvironment, freePort, startGatewayProcess, startSubgraphProcess, type ApiProcess } from '../scripts/processes';
import { buildWorld, gatewayClient, receive } from './support/world';

// Production shape on real Postgres: every subgraph a process of its own, inventory twice and the gateway twice,
// gateway A sending inventory's work to inventory replica A and gateway B to replica B. Outbox readers poll only
// once a minute here, so a change committed by one replica reaches the other's subscribers by NOTIFY or not at all.
if (!onPostgres) console.warn('replicas.test.ts skipped: it runs processes on one shared database, which needs real Postgres (set DATABASE_URL).');

const STOCK_CHANGED = `subscription { stockChanged(skus: ["TEE"]) { cursor level { product { name } location { code } } movement { quantity } } }`;
const moves = (recording: Recording) =>
  recording.results.map(({ data }: any) => `${data.stockChanged.level.location.code}+${data.stockChanged.movement.quantity}`);

describe.skipIf(!onPostgres)('replicas on Postgres', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let database: Database;
  const processes: ApiProcess[] = [];
  let inventoryA: ApiProcess;
  let inventoryAEnv: NodeJS.ProcessEnv;
  let gatewayA: ApiProcess;
  let gatewayB: ApiProcess;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.DATABASE_URL!);
    database = createDb({ url: scratch.url, poolSize: 2 });
    await database.migrate();
    await buildWorld(database, [{ sku: 'TEE', priceMinor: 2000 }]);
    const { env } = await apiEnvironment(scratch.url, { OUTBOX_POLL_MS: '60000', DB_POOL_SIZE: '2' });
    const inventoryBPort = await freePort();
    const envB = { ...env, INVENTORY_PORT: String(inventoryBPort), INVENTORY_URL: `http://127.0.0.1:${inventoryBPort}/graphql`, GATEWAY_PORT: String(await freePort()) };
    inventoryAEnv = env;
    const started = await Promise.all([
      ...subgraphs.map(({ name }) => startSubgraphProcess(name, env)),
      startSubgraphProcess('inventory', envB),
    ]);
    processes.push(...started);
    inventoryA = started[subgraphs.findIndex((s) => s.name === 'inventory')]!;
    [gatewayA, gatewayB] = await Promise.all([startGatewayProcess(env), startGatewayProcess(envB)]);
    processes.push(gatewayA!, gatewayB!);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database?.close();
    await scratch?.drop();
  });

  it('a change made through either inventory replica reaches subscribers on both gateways; a killed replica loses nothing', async () => {
    const clients = [wsClient(gatewayA.url.replace(/^http/, 'ws')), wsClient(gatewayB.url.replace(/^http/, 'ws'))];
    const [viaA, viaB] = [gatewayClient(gatewayA.url), gatewayClient(gatewayB.url)];
    try {
      const [onA, onB] = clients.map((client) => record(client, STOCK_CHANGED));
      // Another process has no reader count to wait on: receipts until both have heard one, then exact counts.
      for (let attempt = 0; onA!.results.length === 0 || onB!.results.length === 0; attempt++) {
        if (attempt === 50) throw new Error('the subscriptions never started');
        await receive(viaA, 'TEE', 'WH-WEST', 1);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await receive(viaA, 'TEE', 'WH-EAST', 10);
      await receive(viaB, 'TEE', 'WH-EAST', 20);
      const expectTail = async (recording: Recording, tail: string[]) => {
        const deadline = Date.now() + 15_000;
        while (!moves(recording).join().endsWith(tail.join()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const seen = moves(recording);
        expect(seen.slice(-tail.length)).toEqual(tail);
        // Before the tail only warm-up receipts: each change arrived once.
        expect(seen.slice(0, -tail.length).every((move) => move === 'WH-WEST+1')).toBe(true);
      };
      await expectTail(onA!, ['WH-EAST+10', 'WH-EAST+20']);
      await expectTail(onB!, ['WH-EAST+10', 'WH-EAST+20']);

      // Gateway A follows inventory through replica A: kill it, change stock through replica B meanwhile,
      // start A again: gateway A resumes after the last change it delivered.
      await inventoryA.stop('SIGKILL');
      await receive(viaB, 'TEE', 'WH-EAST', 30);
      await receive(viaB, 'TEE', 'WH-EAST', 40);
      const restarted = await startSubgraphProcess('inventory', inventoryAEnv);
      processes.push(restarted);
      await receive(viaB, 'TEE', 'WH-EAST', 50);
      await expectTail(onB!, ['WH-EAST+10', 'WH-EAST+20', 'WH-EAST+30', 'WH-EAST+40', 'WH-EAST+50']);
      await expectTail(onA!, ['WH-EAST+10', 'WH-EAST+20', 'WH-EAST+30', 'WH-EAST+40', 'WH-EAST+50']);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  }, 120_000);
});
