import { runSubgraphProcess } from '@opsgraph/kit';
import { catalogSubgraph } from './server';

await runSubgraphProcess(catalogSubgraph, 'CATALOG_PORT', 4001);
