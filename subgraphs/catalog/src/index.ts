import { runSubgraphProcess } from '@opsgraph/kit';
import { catalogSubgraph } from './server';

await runSubgraphProcess(catalogSubgraph, 4001);
