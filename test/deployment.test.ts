import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { subgraphs } from '../schema/compose-lib';
import { definitions } from '../scripts/stack';

// Each subgraph's definition (scripts/stack.ts) declares the peers it calls (orders calls inventory) and their URL variables.
const portOf = (name: string) => subgraphs.find((s) => s.name === name)?.port;

/**
 * docker-compose.yml and the Dockerfile describe the production shape (ARCHITECTURE.md). Nothing runs them in
 * CI, so this checks them against the code they start: ports, URLs, npm scripts and service references.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { published?: string | number; target?: number })[];
  expose?: (string | number)[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number };
}

// `merge: true` resolves the `<<: *anchor` keys the file uses to share settings, as docker compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environment(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? '')]));
}

/** The shell commands a service runs: `sh -c "a && b"` gives ["a", "b"]. */
function commands(svc: ComposeService): string[] {
  const { command } = svc;
  if (command === undefined) return [];
  const text = Array.isArray(command)
    ? command[0] === 'sh' && command[1] === '-c'
      ? command.slice(2).join(' ')
      : command.join(' ')
    : command;
  return text
    .split(/&&|;/)
    .map((part) => part.trim())
    .filter(Boolean);
}

interface NpmRun {
  script: string;
  workspace: string | undefined;
}

/** `npm run seed -- --if-empty` or `npm run start -w @opsgraph/web`; undefined when not an `npm run`. */
function parseNpmRun(command: string): NpmRun | undefined {
  const words = command.split(/\s+/);
  if (words[0] !== 'npm' || (words[1] !== 'run' && words[1] !== 'run-script')) return undefined;
  let script: string | undefined;
  let workspace: string | undefined;
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') break; // arguments for the script itself
    if (word === '-w' || word === '--workspace') workspace = words[++i];
    else if (word.startsWith('--workspace=')) workspace = word.slice('--workspace='.length);
    else if (!word.startsWith('-') && script === undefined) script = word;
  }
  return script === undefined ? undefined : { script, workspace };
}

interface PackageJson {
  name: string;
  workspaces?: string[];
  scripts?: Record<string, string>;
}

const rootPackage = JSON.parse(read('package.json')) as PackageJson;

/** Workspace folders from the root "workspaces" globs (only `dir` and `dir/*` forms are used). */
const workspaceDirs = (rootPackage.workspaces ?? []).flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json')))
        .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
    : [pattern],
);

const workspaces = workspaceDirs.map((dir) => ({
  dir,
  pkg: JSON.parse(read(join(dir, 'package.json'))) as PackageJson,
}));

/** npm's `-w` takes a package name or a folder. */
function findWorkspace(ref: string) {
  const normalized = ref.replace(/^\.\//, '').replace(/\/$/, '');
  return workspaces.find(({ dir, pkg }) => pkg.name === ref || dir === normalized);
}

function publishedHostPorts(svc: ComposeService): number[] {
  return (svc.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') return port.published === undefined ? [] : [Number(port.published)];
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    // "4000" alone publishes on a random host port; "host:container" and "ip:host:container" name one.
    return parts.length < 2 ? [] : [Number(parts[parts.length - 2])];
  });
}

const upper = (name: string) => name.toUpperCase();

describe('docker-compose.yml', () => {
  it('defines every service the product needs', () => {
    const required = ['postgres', 'migrate', ...subgraphs.map((s) => s.name), 'gateway', 'web'];
    const missing = required.filter((name) => !(name in services));
    expect(missing, `services missing from docker-compose.yml: ${missing.join(', ')}`).toEqual([]);
  });

  describe.each(subgraphs.map((s) => ({ ...s, NAME: upper(s.name) })))('subgraph $name', ({ name, port, NAME }) => {
    it(`sets ${NAME}_PORT to ${port}, its port in schema/compose-lib.ts`, () => {
      expect(environment(service(name))[`${NAME}_PORT`], `${name}: environment ${NAME}_PORT`).toBe(String(port));
    });

    it(`exposes port ${port} to the compose network and publishes nothing to the host`, () => {
      const svc = service(name);
      expect((svc.expose ?? []).map(String), `${name}: expose`).toContain(String(port));
      // Host ports would clash as soon as the service is scaled to several replicas.
      expect(svc.ports, `${name}: subgraphs must not publish host ports (use expose)`).toBeUndefined();
    });

    it(`runs the start script of its own workspace`, () => {
      const runs = commands(service(name)).map(parseNpmRun);
      const target = findWorkspace(`@opsgraph/${name}`);
      expect(target, `no workspace is named @opsgraph/${name}`).toBeDefined();
      expect(
        runs.some((run) => run?.script === 'start' && run.workspace && findWorkspace(run.workspace) === target),
        `${name}: command should be "npm run start -w @opsgraph/${name}", is ${JSON.stringify(service(name).command)}`,
      ).toBe(true);
    });

    it('connects to the postgres service', () => {
      const url = environment(service(name)).DATABASE_URL ?? '';
      expect(url, `${name}: DATABASE_URL`).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
    });

    it('finds every peer it calls by service name, through the variable its code reads', () => {
      for (const [peer, spec] of Object.entries(definitions[name].peers ?? {})) {
        expect(portOf(peer), `${name} calls ${peer}, which is not a subgraph`).toBeDefined();
        expect(environment(service(name))[spec.variable], `${name}: environment ${spec.variable}`).toBe(
          `http://${peer}:${portOf(peer)}/graphql`,
        );
        // Outside compose (one process per service on one machine) the default is the peer's own port.
        expect(spec.defaultUrl, `${name}: default ${spec.variable}`).toBe(`http://localhost:${portOf(peer)}/graphql`);
      }
    });

    it(`is reached by the gateway through ${NAME}_URL`, () => {
      expect(environment(service('gateway'))[`${NAME}_URL`], `gateway: environment ${NAME}_URL`).toBe(
        `http://${name}:${port}/graphql`,
      );
    });
  });

  it('runs only npm scripts that exist in the named workspace or the root package.json', () => {
    const problems: string[] = [];
    for (const [name, svc] of Object.entries(services)) {
      for (const command of commands(svc)) {
        const run = parseNpmRun(command);
        if (!run) {
          problems.push(`${name}: "${command}" is not an \`npm run <script>\` command`);
          continue;
        }
        const target = run.workspace === undefined ? { dir: '.', pkg: rootPackage } : findWorkspace(run.workspace);
        if (!target) {
          problems.push(`${name}: "${command}" names workspace ${run.workspace}, which the root "workspaces" lack`);
        } else if (!target.pkg.scripts?.[run.script]) {
          problems.push(`${name}: "${command}" runs script "${run.script}", missing from ${join(target.dir, 'package.json')}`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('gives orders the address of inventory, which it calls to reserve, release and ship stock', () => {
    expect(definitions.orders.peers?.inventory?.variable).toBe('INVENTORY_URL');
    expect(environment(service('orders')).INVENTORY_URL).toBe('http://inventory:4002/graphql');
  });

  it('depends only on services it defines', () => {
    const problems = Object.entries(services).flatMap(([name, svc]) => {
      const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
      return deps.filter((dep) => !(dep in services)).map((dep) => `${name} depends on unknown service "${dep}"`);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('publishes each host port once, and only for postgres, the gateway and the web app', () => {
    const owners = new Map<number, string[]>();
    for (const [name, svc] of Object.entries(services)) {
      for (const port of publishedHostPorts(svc)) owners.set(port, [...(owners.get(port) ?? []), name]);
    }
    const clashes = [...owners].filter(([, names]) => names.length > 1).map(([port, names]) => `${port}: ${names.join(', ')}`);
    expect(clashes, `host ports published more than once:\n${clashes.join('\n')}`).toEqual([]);
    const published = [...owners].map(([port, names]) => `${names.join(', ')} -> ${port}`).sort();
    expect(published, 'host ports published by docker-compose.yml').toEqual([
      'gateway -> 4000',
      'postgres -> 5432',
      'web -> 3000',
    ]);
  });
});

describe('Dockerfile', () => {
  const path = join(root, 'Dockerfile');
  const dockerfile = existsSync(path) ? readFileSync(path, 'utf8') : '';

  it('exists at the repository root and installs with npm ci', () => {
    expect(existsSync(path), 'Dockerfile missing at the repository root').toBe(true);
    expect(dockerfile, 'the Dockerfile should install dependencies with `RUN npm ci`').toMatch(/^RUN npm ci\b/m);
  });

  it('copies every workspace package.json before npm ci (npm ci fails on a partial workspace set)', () => {
    const install = dockerfile.search(/^RUN npm ci\b/m);
    const before = dockerfile.slice(0, install);
    const missing = workspaceDirs.filter(
      (dir) => !new RegExp(`^COPY\\b.*\\s${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/package\\.json\\s`, 'm').test(before),
    );
    expect(missing, `Dockerfile does not copy these package.json files before npm ci: ${missing.join(', ')}`).toEqual([]);
  });
});
