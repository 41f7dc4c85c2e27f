import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { subgraphs, type SubgraphName } from '@opsgraph/schema';

// The API as production runs it, for benchmarks and multi-process tests: each subgraph and the gateway a
// process of its own on one Postgres database (the commands in the README's "Running on Postgres").

const root = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export type ApiProcess = {
  child: ChildProcess;
  url: string;
  /** Ends it: SIGTERM (a clean stop) or SIGKILL (a crash); resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts one API process from its entry script with the environment given, and resolves once it prints a
 * line containing `ready`. `extraArgs` go to Node (e.g. `--cpu-prof`).
 */
export function startApiProcess(script: string, env: NodeJS.ProcessEnv, ready: string, url: string, extraArgs: string[] = []): Promise<ApiProcess> {
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        output = '';
        resolve({ child, url, stop });
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`${script} exited (${signal ?? code}) before it was ready`)));
  });
}

/** Where everything listens, and the environment every API process gets for it. */
export async function apiEnvironment(databaseUrl: string, extra: NodeJS.ProcessEnv = {}) {
  const ports = Object.fromEntries(await Promise.all(subgraphs.map(async ({ name }) => [name, await freePort()] as const))) as Record<SubgraphName, number>;
  const gatewayPort = await freePort();
  const urls = Object.fromEntries(subgraphs.map(({ name }) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<SubgraphName, string>;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(subgraphs.map(({ name }) => [`${name.toUpperCase()}_PORT`, String(ports[name])])),
    ...Object.fromEntries(subgraphs.map(({ name }) => [`${name.toUpperCase()}_URL`, urls[name]])),
    GATEWAY_PORT: String(gatewayPort),
    DATABASE_URL: databaseUrl,
    START_WEB: 'false',
    SEED_DEMO_DATA: 'false',
    ...extra,
  };
  return { env, ports, urls, gatewayPort, gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql` };
}

/** One subgraph's process. */
export function startSubgraphProcess(name: SubgraphName, env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<ApiProcess> {
  const port = env[`${name.toUpperCase()}_PORT`];
  return startApiProcess(`subgraphs/${name}/src/index.ts`, env, 'subgraph ready', `http://127.0.0.1:${port}/graphql`, extraArgs);
}

/** A gateway process (several may run, each on its own GATEWAY_PORT). */
export function startGatewayProcess(env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<ApiProcess> {
  return startApiProcess('gateway/src/index.ts', env, 'gateway ready', `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`, extraArgs);
}

/** Everything in one process on the given database, as `npm start` runs it. */
export function startEmbeddedProcess(env: NodeJS.ProcessEnv, extraArgs: string[] = []): Promise<ApiProcess> {
  return startApiProcess('scripts/start.ts', env, 'OpsGraph is up', `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`, extraArgs);
}
