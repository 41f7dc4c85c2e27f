import { createDb } from '@opsgraph/db';
import { z } from 'zod';
import { envFields, parseEnv } from './env';
import { startSubgraph, type BaseContext, type SubgraphDefinition } from './server';

/**
 * The body of every subgraph's `src/index.ts`: one stateless process on Postgres (`DATABASE_URL` required;
 * the embedded single-process mode lives in `npm start`). Migrations are run by `npm run migrate`.
 */
export async function runSubgraphProcess<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  defaultPort: number,
  extra: { onStart?: (database: ReturnType<typeof createDb>) => () => void } = {},
) {
  const env = parseEnv({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    PORT: envFields.port(defaultPort),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  });
  const database = createDb({ url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE });
  const stopWorkers = extra.onStart?.(database);
  const server = await startSubgraph(definition, { database, port: env.PORT });
  console.log(`${definition.name} subgraph ready at http://localhost:${server.port}/graphql`);
  const shutdown = async () => {
    stopWorkers?.();
    await server.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
