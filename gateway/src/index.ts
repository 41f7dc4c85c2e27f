import { readGatewayEnv } from './env';
import { startGateway } from './server';

// One gateway process; subgraphs run as their own processes (see README: running on Postgres).
const env = readGatewayEnv();
const gateway = await startGateway(env);
console.log(`gateway ready at http://localhost:${gateway.port}/graphql`);
const shutdown = async () => {
  await gateway.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
