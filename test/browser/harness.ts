import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import { inject } from 'vitest';
import { createScratchDatabase } from '@opsgraph/db/testing';
import { freePort, startGatewayProcess, type ApiProcess } from '../../scripts/processes';

// The control tower as a newcomer gets it, in a real Chromium: `npm start` (API and demo data) in a child process
// on free ports, on a fresh database (PGlite, or a scratch database on the Postgres server when DATABASE_URL is
// set), and the web app built by turbo as `npm start` builds it, served by `next start`.
//
// The web build bakes in the gateway's address (NEXT_PUBLIC_GATEWAY_URL). The harness builds it with the
// address `npm start` uses by default, http://localhost:4000/graphql, so the build is the one turbo has cached
// for `npm start` (one build per change of the web's sources, shared by both CI runs and by `npm start`), and
// tells Chromium that localhost:4000 is this run's gateway (--host-resolver-rules). Whatever else listens on
// :4000 (a developer's own `npm start`) is never reached.

const root = fileURLToPath(new URL('../..', import.meta.url));
const BAKED_GATEWAY = { host: 'localhost', port: 4000 };
/** Screenshots land here (git-ignored): test-results/browser/<width>x<height>/<name>.png */
export const screenshotDir = path.join(root, 'test-results', 'browser');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type Viewport = { width: number; height: number };
export const viewports = { desktop: { width: 1440, height: 900 }, laptop: { width: 1280, height: 720 } } satisfies Record<string, Viewport>;

/** What went wrong on one page: console errors, uncaught exceptions, requests that failed or answered >= 400. */
export type Problems = string[];

export type ControlTower = {
  /** The web app, e.g. http://localhost:41234 (localhost, so its origin is one the gateway allows). */
  webUrl: string;
  /** This run's gateway, for the test's own queries. */
  gatewayUrl: string;
  /** Each subgraph's own URL (npm start's), e.g. to change something while the gateway is down. */
  subgraphUrls: Record<string, string>;
  browser: Browser;
  /** A fresh page (own context: no shared cache or storage) and the problems it records from now on. */
  open(viewport?: Viewport): Promise<{ page: Page; problems: Problems }>;
  screenshot(page: Page, name: string): Promise<string>;
  /** Everything `npm start` printed, for failure messages. */
  output(): string;
  /** With `ownGateway`: the browser's gateway, a process of its own that can be stopped and started again. */
  gateway?: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
};

async function waitFor(probe: () => Promise<boolean>, what: string, seconds: number, output: () => string, exited: () => boolean) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (exited()) throw new Error(`npm start exited before ${what}. Output:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds}s. Output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Builds the web app once per test run (turbo: a cache hit unless its sources changed), whichever browser test
 * file gets here first, under a lock so parallel files never run two builds; the others find it done and do not
 * touch web/.next again (a turbo cache hit rewrites it), since their servers may already be serving it.
 */
async function buildWebOnce(env: NodeJS.ProcessEnv): Promise<void> {
  const lock = path.join(tmpdir(), 'opsgraph-web-build.lock');
  const built = path.join(tmpdir(), `opsgraph-web-built-${inject('testRunId')}`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock); // atomic: exactly one process creates it
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} was held for 5 minutes: remove it if no test run is building the web app`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (existsSync(built)) return;
    await buildWeb(env);
    writeFileSync(built, '');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** `turbo run build --filter=@opsgraph/web`, as `npm start` builds it (a cache hit unless the web changed). */
export async function buildWeb(env: NodeJS.ProcessEnv): Promise<void> {
  const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
  const build = spawn(turbo, ['run', 'build', '--filter=@opsgraph/web', '--output-logs=errors-only'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  build.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  build.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error(`the web build failed:\n${output}`);
}

/**
 * `next start` on the built app (what `npm start` runs after its turbo build), in a process group of its own.
 * Returns the function that stops it; call `waitFor`-style probes on WEB_PORT to know when it answers.
 */
export function serveWeb(env: NodeJS.ProcessEnv, onOutput: (chunk: Buffer) => void): () => Promise<void> {
  const web = spawn('npm', ['run', 'start', '-w', '@opsgraph/web'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  web.stdout!.on('data', onOutput);
  web.stderr!.on('data', onOutput);
  const exited = new Promise<void>((resolve) => web.once('exit', () => resolve()));
  return async () => {
    if (web.exitCode !== null || web.signalCode !== null) return;
    process.kill(-web.pid!, 'SIGTERM');
    await exited;
  };
}

/**
 * Routes the page's live socket through a switch the test controls, as a network that can go down: `drop()`
 * closes the open sockets and refuses new ones until `restore()`. Call before the page opens its socket.
 */
export async function cuttableLiveSocket(page: Page): Promise<{ drop(): Promise<void>; restore(): void }> {
  let down = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    if (down) return void socket.close({ code: 1011, reason: 'network down (test)' });
    socket.connectToServer();
    sockets.push(socket);
  });
  return {
    async drop() {
      down = true;
      for (const socket of sockets.splice(0)) await socket.close({ code: 1011, reason: 'network down (test)' });
    },
    restore() {
      down = false;
    },
  };
}

/**
 * `ownGateway`: the browser talks to a gateway process of its own (gateway/src/index.ts, over npm start's
 * subgraphs) that the test can stop and start, as an operator restarting the gateway would.
 */
export async function startControlTower(options: { ownGateway?: boolean } = {}): Promise<ControlTower> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const [gatewayPort, webPort, ...subgraphPorts] = await Promise.all(Array.from({ length: 7 }, freePort)) as [number, number, ...number[]];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GATEWAY_PORT: String(gatewayPort),
      WEB_PORT: String(webPort),
      ...Object.fromEntries(['CATALOG', 'INVENTORY', 'ORDERS', 'RETURNS', 'FINANCE'].map((name, i) => [`${name}_PORT`, String(subgraphPorts[i])])),
      // The web app is built once per test run and served here, not by npm start (see buildWebOnce).
      START_WEB: 'false',
      SEED_DEMO_DATA: 'true',
      NEXT_PUBLIC_GATEWAY_URL: `http://${BAKED_GATEWAY.host}:${BAKED_GATEWAY.port}/graphql`,
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    };
    delete env.CORS_ORIGINS; // npm start's default: the web app's own origin
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL);
      cleanups.push(() => scratch.drop());
      env.DATABASE_URL = scratch.url;
    } else {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'opsgraph-browser-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      delete env.DATABASE_URL;
      env.PGLITE_DATA_DIR = dataDir;
    }

    await buildWebOnce(env);
    let output = '';
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const hasExited = () => child.exitCode !== null || child.signalCode !== null;
    cleanups.push(async () => {
      if (hasExited()) return;
      child.kill('SIGINT'); // npm start's Ctrl-C: stops the web app, the API and the database
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    });

    cleanups.push(serveWeb(env, (chunk) => (output += chunk)));
    const webUrl = `http://localhost:${webPort}`;
    await waitFor(async () => output.includes('OpsGraph is up'), 'the API starting', 120, () => output, hasExited);
    // A cold first build can take minutes on a slow machine; a cached one takes a second or two.
    await waitFor(async () => (await fetch(webUrl)).ok, 'the web app answering', 300, () => output, hasExited);

    let browserGatewayPort = gatewayPort;
    let gateway: ControlTower['gateway'];
    if (options.ownGateway) {
      browserGatewayPort = await freePort();
      const gatewayEnv: NodeJS.ProcessEnv = {
        ...env,
        GATEWAY_PORT: String(browserGatewayPort),
        CORS_ORIGINS: webUrl,
        ...Object.fromEntries(['CATALOG', 'INVENTORY', 'ORDERS', 'RETURNS', 'FINANCE'].map((name, i) => [`${name}_URL`, `http://127.0.0.1:${subgraphPorts[i]}/graphql`])),
      };
      let running: ApiProcess | null = await startGatewayProcess(gatewayEnv);
      gateway = {
        async stop() {
          await running?.stop();
          running = null;
        },
        async start() {
          running ??= await startGatewayProcess(gatewayEnv);
        },
      };
      cleanups.push(() => gateway!.stop());
    }
    const gatewayUrl = `http://127.0.0.1:${browserGatewayPort}/graphql`;

    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [`--host-resolver-rules=MAP ${BAKED_GATEWAY.host}:${BAKED_GATEWAY.port} 127.0.0.1:${browserGatewayPort}`],
    });
    cleanups.push(() => browser.close()); // closed first: cleanups run last to first

    const subgraphUrls = Object.fromEntries(
      ['catalog', 'inventory', 'orders', 'returns', 'finance'].map((name, i) => [name, `http://127.0.0.1:${subgraphPorts[i]}/graphql`]),
    );
    return {
      webUrl,
      gatewayUrl,
      subgraphUrls,
      browser,
      output: () => output,
      gateway,
      stop,
      async open(viewport = viewports.desktop) {
        const context = await browser.newContext({ viewport, baseURL: webUrl });
        const page = await context.newPage();
        const problems: Problems = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
        page.on('requestfailed', (request) => {
          // Navigating away cancels a page's pending requests (e.g. a link prefetch); that is not a failure.
          if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
          problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
        });
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
        });
        return { page, problems };
      },
      async screenshot(page, name) {
        const { width, height } = page.viewportSize()!;
        const dir = path.join(screenshotDir, `${width}x${height}`);
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
