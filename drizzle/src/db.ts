import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** Either driver: code above this line never knows which one it talks to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

/** Rows of a raw `db.execute()` on either driver: postgres-js answers an array, PGlite `{ rows }`. */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export type DbOptions = {
  /** Postgres connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; absent means in memory. Ignored with `url`. */
  dataDir?: string;
  /** Postgres pool size per process. Keep it small: reservations contend on hot rows. */
  poolSize?: number;
  /** Called with every SQL statement sent (tests count them). */
  onQuery?: (sql: string) => void;
};

/** Postgres LISTEN/NOTIFY: how processes sharing a database tell each other something was committed. */
export type Notifications = {
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onPayload` for every notification on the channel (on a connection of its own); resolves to a stop function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
};

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** On Postgres only: the embedded database lives in one process, which needs no messages to itself. */
  notifications?: Notifications;
  /** Brings the schema up to date; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export function createDb(options: DbOptions = {}): Database {
  const logger: Logger | undefined = options.onQuery
    ? { logQuery: (query) => options.onQuery!(query) }
    : undefined;

  if (options.url) {
    const url = options.url;
    const client = postgres(url, { max: options.poolSize ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      notifications: {
        notify: async (channel, payload) => {
          await client.notify(channel, payload);
        },
        listen: async (channel, onPayload) => {
          // postgres-js keeps one extra connection for all of a client's LISTENs, and re-listens after it drops.
          const { unlisten } = await client.listen(channel, onPayload);
          return unlisten;
        },
      },
      async migrate() {
        // A dedicated connection holds the advisory lock, so replicas starting together migrate once.
        const lockClient = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await lockClient`select pg_advisory_lock(7406001)`;
          await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
          await lockClient`select pg_advisory_unlock(7406001)`;
        } finally {
          await lockClient.end();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite(options.dataDir);
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
    close: () => client.close(),
  };
}
