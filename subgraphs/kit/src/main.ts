import { createDb } from '@opsgraph/db';
import { z } from 'zod';
import { envFields, parseEnv } from './env';
import { startSubgraph, type BaseContext, type SubgraphDefinition } from './server';

/**
 * The body of every subgraph's `src/index.ts`: one stateless process on Postgres, so any number of replicas
 * can run. (`npm start` instead hosts all five in one process on the embedded database.) The schema is
 * migrated beforehand by `npm run migrate`.
 */
export async function runSubgraphProcess<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  portVariable: string,
  defaultPort: number,
) {
  const env = parseEnv({
    DATABASE_URL: z
      .string({ message: 'is required: a subgraph process runs on Postgres (use `npm start` for the embedded database)' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    [portVariable]: envFields.port(defaultPort),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  });
  const port = env[portVariable] as number;
  const database = createDb({ url: env.DATABASE_URL as string, poolSize: env.DB_POOL_SIZE as number });
  const stopWorkers = definition.startWorkers?.(database);
  const server = await startSubgraph(definition, { database, port });
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
