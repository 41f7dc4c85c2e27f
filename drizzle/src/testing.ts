import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type Database, type DbOptions } from './db';

/** True when tests run against real Postgres (CI sets DATABASE_URL). */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/** A new, empty database on the `DATABASE_URL` server, and a function that drops it. */
export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `opsgraph_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A migrated, empty database of its own for one test file: in-memory PGlite by default, or a fresh
 * database on the `DATABASE_URL` server, dropped again by `close()`.
 */
export async function createTestDb(options: Pick<DbOptions, 'onQuery' | 'poolSize'> = {}): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = createDb(options);
    await database.migrate();
    return database;
  }
  const scratch = await createScratchDatabase(serverUrl);
  const database = createDb({ ...options, url: scratch.url });
  await database.migrate();
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}
