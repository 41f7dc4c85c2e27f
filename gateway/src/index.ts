import { readGatewayEnv } from './env';
import { readCommittedSupergraph } from '@opsgraph/schema';
import { startGateway } from './server';

// One gateway process; subgraphs run as their own processes (see README: running on Postgres).
const env = readGatewayEnv();
const gateway = await startGateway(env);
console.log(`gateway ready at http://localhost:${gateway.port}/graphql`);
const shutdown = async () => {
  await gateway.stop();
  process.exit(0);
};
// Reloads schema/supergraph.graphql (after `npm run compose`) without a restart; unchanged, it is a no-op.
process.on('SIGHUP', () => {
  try {
    gateway.reloadSupergraph(readCommittedSupergraph());
    console.log('gateway: supergraph reloaded from schema/supergraph.graphql');
  } catch (error) {
    console.error(`gateway: kept the running supergraph; schema/supergraph.graphql did not load: ${(error as Error).message}`);
  }
});
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
