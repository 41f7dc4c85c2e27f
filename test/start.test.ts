import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';

// `npm start` as a newcomer runs it (without the web app): a real process on free ports, on an empty database.
const root = fileURLToPath(new URL('..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(probe: () => Promise<T>, what: string, output: () => string, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${seconds}s (${String(error)}). Output:\n${output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('npm start', () => {
  it('migrates and seeds an empty database, serves the gateway, and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'opsgraph-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL);
      cleanups.push(() => scratch.drop());
      databaseUrl = scratch.url;
    }
    const ports = await Promise.all(Array.from({ length: 6 }, freePort));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      START_WEB: 'false',
      PGLITE_DATA_DIR: dataDir,
      GATEWAY_PORT: String(ports[0]),
      CATALOG_PORT: String(ports[1]),
      INVENTORY_PORT: String(ports[2]),
      ORDERS_PORT: String(ports[3]),
      RETURNS_PORT: String(ports[4]),
      FINANCE_PORT: String(ports[5]),
    };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;

    let output = '';
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });

    const gateway = `http://127.0.0.1:${ports[0]}/graphql`;
    const data = await waitFor(
      async () => {
        const result = await postGraphQL(gateway, `{ products(first: 2) { nodes { sku inventory { onHand } } } channels { code } locations { code } }`);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        return result.data;
      },
      'the gateway answering',
      () => output,
    );
    expect(output).toMatch(/Demo data loaded/);
    expect(data.products.nodes).toHaveLength(2);
    expect(data.channels.map((c: { code: string }) => c.code)).toEqual(['WEB', 'AMAZON', 'EBAY', 'WHOLESALE']);
    expect(data.locations).toHaveLength(4);

    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(code).toBe(0);
  });
});
