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
  // Each peer the subgraph calls has a URL variable (INVENTORY_URL, ...), defaulting to its local port.
  const peerSpecs = Object.entries(definition.peers ?? {});
  const env = parseEnv({
    ...Object.fromEntries(peerSpecs.map(([, spec]) => [spec.variable, envFields.url.default(spec.defaultUrl)])),
    DATABASE_URL: z
      .string({ message: 'is required: a subgraph process runs on Postgres (use `npm start` for the embedded database)' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    [portVariable]: envFields.port(defaultPort),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  });
  const port = env[portVariable] as number;
  const database = createDb({ url: env.DATABASE_URL as string, poolSize: env.DB_POOL_SIZE as number });
  const peers = Object.fromEntries(peerSpecs.map(([name, spec]) => [name, env[spec.variable] as string]));
  const stopWorkers = definition.startWorkers?.(database, peers);
  const server = await startSubgraph(definition, { database, port, peers });
  console.log(`${definition.name} subgraph ready at http://localhost:${server.port}/graphql`);
  const shutdown = async () => {
    await stopWorkers?.();
    await server.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
