import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createDb } from '@opsgraph/db';
import { envFields, parseEnv } from '@opsgraph/kit';
import { z } from 'zod';

// `npm run migrate`: bring the schema up to date (Postgres when DATABASE_URL is set, else the embedded data folder).
const root = fileURLToPath(new URL('..', import.meta.url));
const env = parseEnv({ DATABASE_URL: envFields.databaseUrl, PGLITE_DATA_DIR: z.string().default('.data/pglite') });
const database = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.resolve(root, env.PGLITE_DATA_DIR) });
await database.migrate();
await database.close();
console.log('Schema is up to date.');
