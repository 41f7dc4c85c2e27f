import { readGatewayEnv } from './env';
import { reloadOnHangup, startGateway } from './server';

// One gateway process; subgraphs run as their own processes (see README: running on Postgres).
const env = readGatewayEnv();
const gateway = await startGateway(env);
// The pid is this Node process's (under `tsx`, not the wrapper's): the one to send SIGHUP to.
console.log(`gateway ready at http://localhost:${gateway.port}/graphql (pid ${process.pid}; kill -HUP ${process.pid} reloads the supergraph)`);
const shutdown = async () => {
  await gateway.stop();
  process.exit(0);
};
reloadOnHangup(gateway);
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
