import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { createDb } from '@opsgraph/db';
import { createScratchDatabase } from '@opsgraph/db/testing';
import { subgraphs } from '@opsgraph/schema';
import { apiEnvironment, startEmbeddedProcess, startGatewayProcess, startSubgraphProcess, type ApiProcess } from './processes';
import { seedDemo } from './seed/index';

// `npm run bench:subscriptions`: N graphql-ws subscribers on the gateway, all on the same stockChanged
// subscription (merged across inventory and catalog), receiving stock receipts made through the gateway; then
// the same N subscribers on a bare graphql-ws server (graphql-js, no federation) publishing the very payloads
// the gateway delivered, at the same rate, in the same run. Per target: commit-to-receipt p50/p95/p99,
// delivered/expected, and the server process's RSS growth per connection; per size, the p99 ratio.
//
// Fairness, and what the figures mean:
// - Gateway latency runs from the moment the receiveStock response arrived here (the commit happened before
//   it, so this is the commit time at the latest, and the figure a lower bound) to the moment this process
//   handled the event. Printed beside it: from the change's occurredAt (its transaction's now(), just before
//   the commit, on this machine's clock) and from the moment the mutation was sent (an upper bound). Under
//   load the response itself is late (the gateway's event loop is busy fanning out), which is why.
// - Bare latency runs from the moment this process told the bare server (over IPC) to publish to receipt.
//   By default the bare server sends the payload as the result to every subscriber, as the gateway does with
//   a resolved event: the floor for the fan-out. BENCH_BARE=execute lets graphql-js execute the selection
//   once per subscriber per event instead, as a stock graphql-ws server does (about 2.5x the server CPU).
// - Both servers are processes of their own (RSS from /proc/<pid>/status) and all subscribers live in this
//   process, so both targets pay the same client-side cost (one JSON parse per subscriber per event).
// - Events are told apart by movement.quantity: measured event i has quantity i + 1, warm-ups 900000 + j.
// - RSS KB per connection: (VmRSS with everyone subscribed - VmRSS before connecting) / N, and the same after
//   the run. It includes V8 heap growth the collector has not given back, so read it as an upper bound.
// - CPU s: what the server process and this process used from the first event until all were delivered.
//   All of it shares this machine's CPUs, so when either nears the wall-clock time the figures measure
//   saturation (queueing) rather than the server; the load average is printed at the end for the same reason.
//
// With DATABASE_URL (a Postgres server where it may create a scratch database): the five subgraphs and the
// gateway each run as a process, and the gateway's RSS is measured. Without it: everything runs in one
// process (as `npm start`) on an embedded PGlite in a temporary folder, and the RSS measured is that whole
// API process's. Options: BENCH_SUBSCRIBERS (default "1000,5000"), BENCH_EVENTS (per run, default 200),
// BENCH_RATE (events per second; default 20, fewer above 1,000 subscribers: see main), BENCH_BARE=execute.

const WARM_UP_BASE = 900_000;
const SUBSCRIPTION = `subscription Bench($skus: [String!], $locationCodes: [String!]) {
  stockChanged(skus: $skus, locationCodes: $locationCodes) {
    cursor occurredAt
    level { available product { sku name } location { code name } }
    movement { quantity }
  }
}`;
type Payload = { stockChanged: { movement: { quantity: number } } & Record<string, unknown> };

// The bare server: this same file, run as a child with BENCH_ROLE=bare.
if (process.env.BENCH_ROLE === 'bare') await bareServer();
else await main();

/** A plain graphql-ws server on graphql-js: one subscription field, fed by what the parent sends over IPC. */
async function bareServer() {
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type Subscription { stockChanged(skus: [String!], locationCodes: [String!], after: String): StockChange! }
    type StockChange { cursor: String! reason: String occurredAt: String level: Level! movement: Movement! }
    type Level { onHand: Int available: Int! product: Product! location: Location! }
    type Product { sku: String! name: String! }
    type Location { code: String! name: String! }
    type Movement { quantity: Int! }
  `);
  const listeners = new Set<(payload: Payload) => void>();
  const httpServer = http.createServer();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  if (process.env.BENCH_BARE === 'execute') {
    // graphql-js's own subscribe: the selection is executed on each payload ({ stockChanged: ... }) once per
    // subscriber (default resolvers read the fields), as a stock graphql-ws server does.
    schema.getSubscriptionType()!.getFields().stockChanged!.subscribe = () => feed(listeners);
    useServer({ schema }, wsServer);
  } else {
    // The payload is the result, sent to every subscriber as it is: what the gateway does with a resolved
    // event. The schema still parses and validates every subscription.
    useServer({ schema, subscribe: () => results(feed(listeners)) }, wsServer);
  }
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  process.on('message', (payload: Payload) => {
    for (const listener of listeners) listener(payload);
  });
  process.once('disconnect', () => process.exit(0));
  process.send!({ port: (httpServer.address() as AddressInfo).port });
}

/** Each payload as the `data` of a result. */
function results(source: AsyncIterableIterator<Payload>): AsyncIterableIterator<{ data: Payload }> {
  const iterator: AsyncIterableIterator<{ data: Payload }> = {
    next: async () => {
      const next = await source.next();
      return next.done ? next : { value: { data: next.value }, done: false };
    },
    return: async () => {
      await source.return!();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** One subscriber's source stream; `return()` (the client leaving) unhooks it at once, also while it waits. */
function feed(listeners: Set<(payload: Payload) => void>): AsyncIterableIterator<Payload> {
  const queue: Payload[] = [];
  let waiting: ((result: IteratorResult<Payload>) => void) | null = null;
  let done = false;
  const listener = (payload: Payload) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: payload, done: false });
    } else queue.push(payload);
  };
  listeners.add(listener);
  const iterator: AsyncIterableIterator<Payload> = {
    next: () =>
      queue.length > 0
        ? Promise.resolve({ value: queue.shift()!, done: false })
        : done
          ? Promise.resolve({ value: undefined, done: true })
          : new Promise((resolve) => (waiting = resolve)),
    return: () => {
      done = true;
      listeners.delete(listener);
      waiting?.({ value: undefined, done: true });
      waiting = null;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

async function main() {
  const sizes = (process.env.BENCH_SUBSCRIBERS ?? '1000,5000').split(',').map(Number);
  const events = Number(process.env.BENCH_EVENTS ?? 200);
  // Every event is one WebSocket message per subscriber, built by the server and parsed here. 5,000 subscribers
  // at 20 events/s are 100,000 messages a second, more than a 2-CPU machine serves and parses at once: that
  // measures the queue, not the server. By default the rate keeps to 20,000 deliveries a second (20 events/s
  // up to 1,000 subscribers, 4/s at 5,000); BENCH_RATE sets one rate for every size.
  const rateFor = (n: number) => Number(process.env.BENCH_RATE ?? Math.min(20, 20_000 / n));
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1 || !(rateFor(n) > 0)) || !(events >= 1 && events < WARM_UP_BASE)) {
    console.error('BENCH_SUBSCRIBERS must be whole numbers (e.g. "1000,5000"), BENCH_EVENTS 1..899999, BENCH_RATE above 0');
    process.exit(1);
  }
  // Every subscriber is a socket here and one in the server: both processes need that many descriptors.
  const openFiles = Number(/Max open files\s+(\d+|unlimited)/.exec(await readFile('/proc/self/limits', 'utf8'))?.[1]?.replace('unlimited', 'Infinity'));
  const needed = Math.max(...sizes) + 500;
  if (openFiles < needed) {
    console.error(`bench:subscriptions opens up to ${Math.max(...sizes)} sockets per process, but the open-file limit is ${openFiles}: raise it (ulimit -n ${needed}) or lower BENCH_SUBSCRIBERS.`);
    process.exit(1);
  }

  const loadAtStart = loadavg()[0]!;
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    // The API, and the process whose memory is measured.
    const serverUrl = process.env.DATABASE_URL;
    let api: ApiProcess;
    let gatewayUrl: string;
    let described: string;
    if (serverUrl) {
      const scratch = await createScratchDatabase(serverUrl);
      cleanup.unshift(() => scratch.drop());
      const database = createDb({ url: scratch.url, poolSize: 2 });
      await database.migrate();
      await seedDemo(database.db, { products: 20, orders: 0, days: 7 });
      await database.close();
      const environment = await apiEnvironment(scratch.url);
      gatewayUrl = environment.gatewayUrl;
      const processes = await Promise.all(subgraphs.map(({ name }) => startSubgraphProcess(name, environment.env)));
      cleanup.unshift(() => Promise.all(processes.map((p) => p.stop())));
      api = await startGatewayProcess(environment.env);
      cleanup.unshift(() => api.stop());
      described = 'Postgres, one process per subgraph and the gateway; RSS is the gateway process';
    } else {
      // Seeded from here first (a small data set), then opened by the API process alone.
      const dataDir = await mkdtemp(path.join(tmpdir(), 'opsgraph-bench-'));
      cleanup.unshift(() => rm(dataDir, { recursive: true, force: true }));
      const database = createDb({ dataDir });
      await database.migrate();
      await seedDemo(database.db, { products: 20, orders: 0, days: 7 });
      await database.close();
      const environment = await apiEnvironment('', { DATABASE_URL: undefined, PGLITE_DATA_DIR: dataDir, SEED_DEMO_DATA: 'false' });
      gatewayUrl = environment.gatewayUrl;
      api = await startEmbeddedProcess(environment.env);
      cleanup.unshift(() => api.stop());
      described = 'embedded PGlite, everything in one process (no DATABASE_URL); RSS is that whole API process';
    }

    const bare = await startBareServer();
    cleanup.unshift(() => bare.stop());

    // A few SKUs at one warehouse: every subscriber asks for the same thing, so they share one upstream stream.
    const world = await postGraphQL<{ products: { nodes: { sku: string }[] }; locations: { code: string; kind: string }[] }>(
      gatewayUrl,
      `{ products(first: 3) { nodes { sku } } locations { code kind } }`,
    );
    const skus = world.products.nodes.map((p) => p.sku);
    const locationCode = (world.locations.find((l) => l.kind === 'WAREHOUSE') ?? world.locations[0]!).code;
    const variables = { skus, locationCodes: [locationCode] };

    let receipts = 0;
    async function receiveStock(quantity: number): Promise<void> {
      const key = `bench-subscriptions-${process.pid}-${receipts++}`;
      const result = await postGraphQL<{ receiveStock: { userErrors: { code: string }[] } }>(
        gatewayUrl,
        `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { userErrors { code message } } }`,
        { input: { idempotencyKey: key, sku: skus[quantity % skus.length], locationCode, quantity, reference: key } },
      );
      if (result.receiveStock.userErrors.length > 0) throw new Error(`receiveStock: ${JSON.stringify(result.receiveStock.userErrors)}`);
    }

    const bareMode = process.env.BENCH_BARE === 'execute' ? 'graphql-js executing per subscriber' : 'sending each payload as the result';
    console.log(`\n${events} events per run; ${described}; bare server ${bareMode}`);
    /** N subscribers on the gateway, then N on the bare server with the payloads the gateway delivered. */
    async function runPair(n: number, events: number, rate: number): Promise<Row> {
      // The gateway run records what it delivered; the bare run publishes exactly that.
      const payloads: Payload[] = [];
      const sentAt = new Float64Array(events);
      const committedAt = new Float64Array(events);
      const gateway = await measureRun({
        target: 'gateway',
        url: gatewayUrl,
        pid: api.child.pid!,
        subscribers: n,
        events,
        rate,
        variables,
        warmUp: (j) => receiveStock(WARM_UP_BASE + j),
        publish: async (i) => {
          sentAt[i] = performance.now();
          await receiveStock(i + 1);
          committedAt[i] = performance.now();
        },
        origin: () => committedAt,
        onPayload: (i, payload) => (payloads[i] ??= payload),
      });
      const fromSend = percentiles(gateway.receivedAt, sentAt, n, events);
      // occurredAt is wall-clock time: onto performance.now()'s timeline, which receipts are stamped on.
      const occurredAt = Float64Array.from({ length: events }, (_, i) =>
        payloads[i] ? Date.parse(String(payloads[i].stockChanged.occurredAt)) - performance.timeOrigin : NaN,
      );
      const fromOccurred = percentiles(gateway.receivedAt, occurredAt, n, events);
      const sample = payloads.find(Boolean);
      if (!sample) throw new Error('the gateway delivered no event: nothing to publish on the bare server');
      const payloadFor = (quantity: number, i: number): Payload => {
        const recorded = payloads[i] ?? sample;
        return { stockChanged: { ...recorded.stockChanged, movement: { quantity } } };
      };
      const publishedAt = new Float64Array(events);
      const baseline = await measureRun({
        target: 'bare',
        url: bare.url,
        pid: bare.child.pid!,
        subscribers: n,
        events,
        rate,
        variables,
        warmUp: async (j) => bare.publish(payloadFor(WARM_UP_BASE + j, 0)),
        publish: async (i) => {
          publishedAt[i] = performance.now();
          bare.publish(payloadFor(i + 1, i));
        },
        origin: () => publishedAt,
        onPayload: () => {},
      });
      return { gateway, bare: baseline, fromSend, fromOccurred };
    }

    // A small unreported pair first: code loading, JIT and heap growth the first subscribers cause once would
    // otherwise count as memory per connection in the first run.
    console.log('warming up both servers (100 subscribers, 20 events)...');
    await runPair(100, 20, 20);
    const rows: Row[] = [];
    for (const n of sizes) {
      console.log(`${n} subscribers, ${rateFor(n)} events/s: gateway, then bare...`);
      rows.push(await runPair(n, events, rateFor(n)));
    }
    printTable(rows, events);
    // Everything here shares the machine's CPUs: anything else running skews every figure.
    console.log(`load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${availableParallelism()} CPUs`);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    for (const step of cleanup) await step().catch((error) => console.error('cleanup:', error));
  }
}

type RunResult = {
  target: string;
  subscribers: number;
  events: number;
  rate: number;
  delivered: number;
  p50: number;
  p95: number;
  p99: number;
  kbConnected: number;
  kbAfter: number;
  /** CPU seconds the server process and this process spent during the measured events (saturation shows here). */
  serverCpu: number;
  benchCpu: number;
  /** Subscribers that never saw a warm-up event (not subscribed when the run began). */
  notReady: number;
  /** How subscriptions ended before the run was over, by error code or close code. */
  failures: Map<string, number>;
  duplicates: number;
  publishFailures: number;
  firstPublishError: string | null;
  /** Receipt time per subscriber and event (NaN: not received), for other figures. */
  receivedAt: Float64Array;
};

type Bounds = { p50: number; p99: number };
type Row = { gateway: RunResult; bare: RunResult; fromOccurred: Bounds; fromSend: Bounds };

/**
 * N subscribers on `url`; warm-up events until every one has received one (all subscribed), then `events`
 * events at `rate`, then waits until every subscriber has them all (or none arrived for 5 s).
 */
async function measureRun(options: {
  target: string;
  url: string;
  pid: number;
  subscribers: number;
  events: number;
  rate: number;
  variables: Record<string, unknown>;
  warmUp(j: number): Promise<void>;
  publish(i: number): Promise<void>;
  /** When each event counts as committed (filled in while publishing). */
  origin(): Float64Array;
  onPayload(i: number, payload: Payload): void;
}): Promise<RunResult> {
  const { subscribers: n, events } = options;
  const wsUrl = options.url.replace(/^http/, 'ws');
  const receivedAt = new Float64Array(n * events).fill(NaN);
  const warm = new Uint8Array(n);
  let warmCount = 0;
  let delivered = 0;
  let duplicates = 0;
  let lastReceipt = performance.now();
  const failures = new Map<string, number>();
  let closing = false;
  const fail = (reason: string) => {
    if (!closing) failures.set(reason, (failures.get(reason) ?? 0) + 1);
  };

  const rssBefore = await rss(options.pid);
  const clients: Client[] = [];
  // Connected in batches: thousands of simultaneous handshakes would only measure the accept queue.
  const BATCH = 250;
  for (let start = 0; start < n; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - start) }, (_, k) => start + k);
    await Promise.all(
      batch.map(
        (s) =>
          new Promise<void>((resolve) => {
            const client = createClient({
              url: wsUrl,
              webSocketImpl: WebSocket,
              retryAttempts: 0,
              on: { connected: () => resolve(), closed: () => resolve() },
            });
            clients.push(client);
            client.subscribe<Payload>(
              { query: SUBSCRIPTION, variables: options.variables },
              {
                next: (result) => {
                  const quantity = result.data?.stockChanged.movement.quantity;
                  if (quantity === undefined) return fail(`result without data: ${JSON.stringify(result.errors?.[0]?.extensions?.code ?? result.errors)}`);
                  if (quantity >= WARM_UP_BASE) {
                    if (!warm[s]) warmCount++;
                    warm[s] = 1;
                    return;
                  }
                  const i = quantity - 1;
                  if (!Number.isNaN(receivedAt[s * events + i]!)) return void duplicates++;
                  lastReceipt = receivedAt[s * events + i] = performance.now();
                  delivered++;
                  options.onPayload(i, result.data!);
                },
                error: (error) => fail(failureReason(error)),
                complete: () => fail('completed by the server'),
              },
            );
          }),
      ),
    );
  }

  // Subscribed means an event reached it: warm-ups every 250 ms until all have one (at most 60 s).
  const warmDeadline = performance.now() + 60_000;
  for (let j = 0; warmCount < n && performance.now() < warmDeadline; j++) {
    await options.warmUp(j);
    await sleep(250);
  }
  await sleep(500); // the last warm-ups' stragglers
  const rssConnected = await rss(options.pid);

  // Steady rate: event i is due at i / rate s, whatever the previous ones are doing.
  let publishFailures = 0;
  let firstPublishError: string | null = null;
  const serverCpuBefore = await cpuSeconds(options.pid);
  const benchCpuBefore = process.cpuUsage();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < events; i++) {
    const wait = started + (i * 1000) / options.rate - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      options.publish(i).catch((error: Error) => {
        publishFailures++;
        firstPublishError ??= error.message;
      }),
    );
  }
  await Promise.all(inFlight);
  lastReceipt = Math.max(lastReceipt, performance.now());
  while (delivered < n * events && performance.now() - lastReceipt < 5_000) await sleep(100);
  const rssAfter = await rss(options.pid);
  const serverCpu = (await cpuSeconds(options.pid)) - serverCpuBefore;
  const benchCpuUsed = process.cpuUsage(benchCpuBefore);
  const benchCpu = (benchCpuUsed.user + benchCpuUsed.system) / 1e6;

  closing = true;
  await Promise.all(clients.map((client) => client.dispose()));
  await sleep(1_000); // let the server notice every close before the next run reads its RSS
  const latency = percentiles(receivedAt, options.origin(), n, events);
  return {
    target: options.target,
    subscribers: n,
    events,
    rate: options.rate,
    delivered,
    ...latency,
    kbConnected: (rssConnected - rssBefore) / n,
    kbAfter: (rssAfter - rssBefore) / n,
    serverCpu,
    benchCpu,
    notReady: n - warmCount,
    failures,
    duplicates,
    publishFailures,
    firstPublishError,
    receivedAt,
  };
}

/** Latency percentiles in ms over every receipt, from each event's origin time. */
function percentiles(receivedAt: Float64Array, origin: Float64Array, n: number, events: number) {
  const latencies: number[] = [];
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < events; i++) {
      const at = receivedAt[s * events + i]!;
      if (!Number.isNaN(at)) latencies.push(at - origin[i]!);
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** The bare graphql-ws server as a child process (its own RSS), publishing what it is sent. */
async function startBareServer() {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_ROLE: 'bare' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code}) before it was ready`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}/graphql`,
    publish: (payload: Payload) => void child.send(payload),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** VmRSS of a process, in KB. */
async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]);
}

/** User plus system CPU time of a process so far, in seconds (/proc/<pid>/stat counts clock ticks, 100 a second). */
async function cpuSeconds(pid: number): Promise<number> {
  // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** How a subscription ended: the error code the server sent, the socket's close code, or the message. */
function failureReason(error: unknown): string {
  if (Array.isArray(error)) return String(error[0]?.extensions?.code ?? error[0]?.message ?? 'error');
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number') {
    return `socket closed ${error.code}${'reason' in error && error.reason ? ` (${String(error.reason)})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function postGraphQL<D>(url: string, query: string, variables?: Record<string, unknown>): Promise<D> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: D; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function printTable(rows: Row[], events: number) {
  const ms = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1)).padStart(8);
  const kb = (v: number) => v.toFixed(1).padStart(9);
  console.log('\ntarget    subscribers  events  per s   delivered/expected            p50 ms   p95 ms   p99 ms   KB/conn subscribed  after run   CPU s server  bench');
  for (const row of rows) {
    for (const r of [row.gateway, row.bare]) {
      const expected = r.subscribers * r.events;
      const share = `${r.delivered}/${expected} (${((100 * r.delivered) / expected).toFixed(2)}%)`;
      console.log(
        `${r.target.padEnd(9)} ${String(r.subscribers).padStart(11)} ${String(r.events).padStart(7)} ${String(r.rate).padStart(6)}   ${share.padEnd(28)}${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${kb(r.kbConnected)}${' '.repeat(9)}${kb(r.kbAfter)} ${r.serverCpu.toFixed(1).padStart(14)} ${r.benchCpu.toFixed(1).padStart(6)}`,
      );
    }
  }
  console.log('\nGoals (gateway): p99 within 1.5x of the bare server, 100% delivered, under 30 KB per connection.');
  for (const { gateway, bare, fromOccurred, fromSend } of rows) {
    const ratio = gateway.p99 / bare.p99;
    const share = gateway.delivered / (gateway.subscribers * events);
    const perConnection = Math.max(gateway.kbConnected, gateway.kbAfter);
    const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      `${String(gateway.subscribers).padStart(5)} subscribers: p99 gateway/bare ${ratio.toFixed(2)} (${mark(ratio <= 1.5)}), ` +
        `delivered ${(100 * share).toFixed(2)}% (${mark(share === 1)}), ${perConnection.toFixed(1)} KB/conn (${mark(perConnection < 30)})`,
    );
    console.log(
      `  gateway p50/p99 from occurredAt ${fromOccurred.p50.toFixed(1)}/${fromOccurred.p99.toFixed(1)} ms, ` +
        `from the mutation's send ${fromSend.p50.toFixed(1)}/${fromSend.p99.toFixed(1)} ms`,
    );
    for (const r of [gateway, bare]) {
      const notes = [
        r.notReady ? `${r.notReady} subscribers never received a warm-up event` : '',
        ...[...r.failures].map(([reason, count]) => `${count} subscriptions ended early: ${reason}`),
        r.duplicates ? `${r.duplicates} events received twice` : '',
        r.publishFailures ? `${r.publishFailures} events failed to publish (first: ${r.firstPublishError})` : '',
      ].filter(Boolean);
      if (notes.length) console.log(`  ${r.target} ${r.subscribers}: ${notes.join('; ')}`);
    }
  }
}
